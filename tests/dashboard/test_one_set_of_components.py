"""One set of components (progress-method.md): for a series on the indicator or agency page, the
chart, the table under it, the status line and the export row (the export page's preview) give
the same baseline B, expected value E(t), target T, final target F, as_of period and status.

Each is read from what the reader gets: the chart's traces, the formatted table, the status
line's text and the export page's rows, on the demo data of both backends."""

from __future__ import annotations

import itertools
import json
import math
import re

import pytest
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url
from streamlit.testing.v1 import AppTest

from etl.demo.load import load_demo
from etl.store.database import make_engine
from indicators import status as st_status
from indicators.path import period_t

# (page, URL parameters, indicator, series kind): the national figure computed from agencies
# (SPBE 2025), an official ytd one (investment 2024), a band (inflation 2024), a computed one
# against an official baseline (IRB 2025), and a province with its own (demo) targets: a band,
# a ytd total at Q4 and inside the year (E = T_y × 3/4 at TW3, never a line from the
# baseline), a level with a value one quarter older than the heading, and a level.
OLD = {"roadmap": "RB-2020-2024"}
CASES = [
    ("indicator", {"indicator": "SPBE", "year": "2025", "quarter": "4"}, "SPBE", "national"),
    (
        "indicator",
        {"indicator": "INVESTASI", "year": "2024", "quarter": "4", **OLD},
        "INVESTASI",
        "ytd",
    ),
    (
        "indicator",
        {"indicator": "INFLASI", "year": "2024", "quarter": "4", **OLD},
        "INFLASI",
        "band",
    ),
    ("indicator", {"indicator": "IRB", "year": "2025", "quarter": "4"}, "IRB", "national"),
    ("agency", {"agency": "32", "year": "2025", "quarter": "4"}, "INFLASI", "band"),
    ("agency", {"agency": "32", "year": "2025", "quarter": "4"}, "INVESTASI", "ytd"),
    ("agency", {"agency": "32", "year": "2025", "quarter": "3"}, "INVESTASI", "ytd"),
    ("agency", {"agency": "32", "year": "2025", "quarter": "4"}, "KEMISKINAN", "lagged"),
    ("agency", {"agency": "32", "year": "2025", "quarter": "4"}, "IRB", "own targets"),
]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def demo_db(request, demo_url, initialised_templates):
    """The demo database of each backend (PostgreSQL: a copy of the initialised template with
    the demo loaded through the real ingest path, dropped afterwards)."""
    if request.param == "sqlite":
        yield demo_url
        return
    template = make_url(initialised_templates("postgresql"))
    name = f"rbdemo_{template.database[-10:]}"
    admin = create_engine(template.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{template.database}"')
    url = template.set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    load_demo(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def _number(text: str) -> float | None:
    """An Indonesian number as the page writes it (1.651,28; – for none)."""
    text = text.strip()
    if text in ("–", ""):
        return None
    return float(text.replace(".", "").replace(",", "."))


def _period_t(label: str) -> float:
    quarter, year = re.fullmatch(r"TW(\d) (\d{4})", label.split(" (")[0]).groups()
    return period_t(int(year), int(quarter))


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 0.005 + 1e-9


def _from_chart(spec: dict, series_names: set[str]) -> dict:
    traces = {tr.get("name"): tr for tr in spec["data"]}
    points = [(x, y) for name in series_names if name in traces for x, y in zip(*_xy(traces[name]))]
    as_of = max(x for x, _ in points)
    targets = dict(zip(*_xy(traces["Target"]))) if "Target" in traces else {}
    yearly = [x for x in targets if float(x).is_integer()]
    baseline = traces.get("Baseline")
    path = next((tr for name, tr in traces.items() if name.startswith("Jalur nilai")), None)
    return {
        "as_of": as_of,
        "B": baseline["y"][0] if baseline else None,
        "E": _on_path(path, as_of) if path else None,
        "T": targets.get(as_of),
        "F": targets[max(yearly)] if yearly else None,
    }


def _xy(trace: dict) -> tuple[list, list]:
    return list(trace.get("x") or []), list(trace.get("y") or [])


def _on_path(trace: dict, t: float) -> float | None:
    """E(t) as drawn: the segment (between None gaps) whose knots span t, linear inside it."""
    segment: list[tuple[float, float]] = []
    segments = [segment]
    for x, y in zip(*_xy(trace)):
        if x is None:
            segment = []
            segments.append(segment)
        else:
            segment.append((x, y))
    for knots in segments:
        for (x0, y0), (x1, y1) in itertools.pairwise(knots):
            if x0 <= t <= x1:
                return y0 + (y1 - y0) * (t - x0) / (x1 - x0)
    ends = [k for knots in segments for k in knots if k[0] <= t]
    return max(ends)[1] if ends else None  # held flat after the last target


def _from_table(table, series_names: set[str]) -> dict:
    rows = table[table.kind.isin(series_names)]
    last = max(rows.itertuples(), key=lambda r: _period_t(r.period))
    targets = table[table.kind == "Target"]
    yearly = targets[targets.period.str.fullmatch(r"\d{4}")]
    at_year = yearly[yearly.period.astype(int).map(float) == _period_t(last.period)]
    baseline = table[table.kind == "Baseline"]
    return {
        "as_of": _period_t(last.period),
        "B": _number(baseline.value.iloc[0]) if len(baseline) else None,
        "E": _number(last.expected),
        "T": _number(at_year.value.iloc[0]) if len(at_year) else None,
        "F": _number(yearly.value.iloc[-1]) if len(yearly) else None,
    }


LINE_LABELS = {"Baseline": "B", "Nilai yang diharapkan": "E", "Target": "T", "Target akhir": "F"}


def _from_line(line: str) -> dict:
    status, when, *parts = line.split(" · ")
    found = {"status": status.strip("*"), "as_of": _period_t(when), "B": None, "E": None,
             "T": None, "F": None}  # fmt: skip
    for part in parts:
        label, text = part.rsplit(" ", 1)
        if label in LINE_LABELS:
            found[LINE_LABELS[label]] = _number(text)
    return found


def _from_export(row) -> dict:
    def given(v):
        # The page shows a number column with gaps as text, "–" for none (ui.tables).
        if isinstance(v, str):
            return _number(v)
        return None if v is None or v != v else float(v)

    return {
        "status": f"{st_status.symbol(row.status)} {st_status.label(row.status, 'id')}",
        "as_of": period_t(int(row.year), int(row.quarter)),
        "B": given(row.baseline), "E": given(row.expected), "T": given(row.target),
        "F": given(row.final_target),
    }  # fmt: skip


def _page(app: str, page: str, params: dict) -> AppTest:
    at = AppTest.from_file(app, default_timeout=180)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(f"app_pages/{page}.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _series_on_page(at: AppTest, name: str, series_names: set[str]):
    """The chart titled `name`, the table under it and the status line under that (the k-th
    series chart of the page goes with its k-th series table and k-th status line)."""
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    series_charts = [c for c in charts if any(tr.get("name") in series_names for tr in c["data"])]
    titles = [c["layout"]["title"]["text"] for c in series_charts]
    k = titles.index(name)
    tables = [d.value for d in at.dataframe if "kind" in d.value.columns]
    lines = [m.value for m in at.markdown if m.value.startswith("**") and " · TW" in m.value]
    return series_charts[k], tables[k], lines[k]


def _export_row(app: str, params: dict, table: str, code: str, agency: str | None, as_of: float):
    # t = (y - 1) + q/4 (progress-method.md, "Time"): Q4 2025 is 2025.0, Q3 2025 is 2024.75.
    year = math.floor(as_of - 1e-9) + 1
    quarter = round((as_of - (year - 1)) * 4)
    query = {"table": table, "xindicator": code, "xyear": str(year), "xquarter": str(quarter)}
    if agency:
        query["xagency"] = agency
    at = _page(
        app,
        "export",
        {**{k: v for k, v in params.items() if k in ("roadmap", "year", "quarter")}, **query},
    )
    preview = next(d.value for d in at.dataframe if "status" in d.value.columns)
    rows = preview[preview.indicator_code == code]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.mark.parametrize(("page", "params", "code", "kind"), CASES)
def test_chart_table_status_line_and_export_agree(
    demo_db, app_file, monkeypatch, page, params, code, kind
):
    monkeypatch.setenv("RB_DATABASE_URL", demo_db)
    from etl.store.catalogue import load_catalogue

    engine = make_engine(demo_db)
    indicator = load_catalogue(engine).indicators[code]
    engine.dispose()
    at = _page(app_file, page, params)
    agency = params.get("agency")
    names = {agency} if agency else {"Nasional", "Dihitung dari instansi"}
    chart, table, line = _series_on_page(at, indicator.name_id, names)
    drawn, tabled, said = _from_chart(chart, names), _from_table(table, names), _from_line(line)
    exported = _from_export(
        _export_row(
            app_file, params, "observations" if agency else "national", code, agency, said["as_of"]
        )
    )
    for part in ("as_of", "B", "E", "T", "F"):
        values = [drawn[part], tabled[part], said[part], exported[part]]
        assert all(_close(values[0], v) for v in values), (kind, part, values)
    assert said["status"] == exported["status"], (kind, said, exported)
    if kind == "lagged":
        assert "(1 triwulan lalu)" in line
    # Each kind compared on real components: E(t) of a path or a ytd total, T of a band.
    if kind in ("ytd", "own targets"):
        assert said["E"] is not None
    if kind == "band":
        assert said["T"] is not None
