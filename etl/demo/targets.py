"""Demo targets: every region's RPJMD and every ministry's Renstra baselines and targets, sent
as Target sheets through the real ingest path (files `DEMO_TARGET_…`, source text "DATA DEMO
(sintetis) — RPJMD demo"), so that the demo dashboard shows statuses when each agency is measured
against its own targets only.

A path starts from the agency's own demo value of the baseline year (2020 for the 2020-2024 road
map, 2024 for 2025-2029) and moves the way the national path moves: toward the national
reference target of the road map where there is one (as a share of the level for rates such as
poverty, in points for indices), else by a modest yearly step. Nothing random is drawn here: the
values come from `DemoValues`, so the same seed gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from etl.demo.values import SPREADS, DemoValues, finish
from etl.demo.workbook import workbook
from indicators.catalogue import NATIONAL, Agency, Catalogue, Indicator

# Indicators that get demo targets (those each agency type reports): RB General, SPBE and the
# regional RB Tematik ones. INFLASI is left out: its national band applies to the regions.
INDICATORS = ("IRB", "SAKIP", "SPBE", "KEMISKINAN", "KEMISKINAN_EKSTREM", "STUNTING", "INVESTASI", "PDN")  # fmt: skip
# (road map, baseline year, target years, when the file is 'received')
ROADMAPS = (
    ("RB-2020-2024", 2020, (2021, 2022, 2023, 2024), dt.datetime(2021, 2, 15, 9, tzinfo=dt.UTC)),
    ("RB-2025-2029", 2024, (2025, 2026, 2027, 2028, 2029), dt.datetime(2025, 2, 17, 9, tzinfo=dt.UTC)),
)  # fmt: skip
# A yearly step where no national target says where to go: points for indices, a share of the
# level for rates (negative: fewer is better).
STEPS = {"IRB": 1.5, "SAKIP": 1.2, "SPBE": 0.12, "PDN": 2.0}
RELATIVE_STEPS = {"KEMISKINAN": -0.05, "KEMISKINAN_EKSTREM": -0.2, "STUNTING": -0.07, "INVESTASI": 0.08}  # fmt: skip
HEADER = ("kode_instansi", "kode_indikator", "tahun", "jenis", "nilai", "sumber", "peta_jalan")


def _relative(indicator: Indicator) -> bool:
    spread = SPREADS.get(indicator.code)
    return indicator.period_value == "ytd" or (spread is not None and spread.relative)


def _yearly_change(values: DemoValues, indicator: Indicator, roadmap: str, base_year: int):
    """The national path's change per year: toward the reference target of the road map's last
    year that has one, when it points the indicator's good way; else the default step."""
    catalogue = values.catalogue
    relative = _relative(indicator)
    default = (
        RELATIVE_STEPS.get(indicator.code, 0.0) if relative else STEPS.get(indicator.code, 0.0)
    )
    finals = [
        t for t in catalogue.targets_for(roadmap, indicator.code, NATIONAL)
        if t.kind == "target" and t.point is not None and t.year > base_year
    ]  # fmt: skip
    if not finals:
        return default
    final = max(finals, key=lambda t: t.year)
    start = values.national(indicator, float(base_year))
    years = final.year - base_year
    change = (
        (final.point / start - 1) / years if relative and start else (final.point - start) / years
    )
    better = -1.0 if indicator.direction == "lower_better" else 1.0
    return change if change * better > 0 else default


def agency_rows(
    values: DemoValues, agency: Agency, roadmap: str, base_year: int, years, drawn: dict
) -> list:
    """One agency's baseline and targets of a road map; `drawn` keeps each series drawn once
    for both road maps (a series depends only on the seed, the agency and the indicator)."""
    rows = []
    source = (
        f"DATA DEMO (sintetis) — {'Renstra' if agency.type == 'KL' else 'RPJMD'} demo {roadmap[3:]}"
    )
    for code in INDICATORS:
        indicator = values.catalogue.indicators.get(code)
        if indicator is None or not indicator.reported_by(agency.type):
            continue
        key = (agency.code, code)
        series = drawn[key] = drawn.get(key) or values.series(agency, indicator)
        # The year's last reported quarter: Q4, or Q3 for a semiannual rate (poverty).
        reported = [q for (y, q) in series if y == base_year]
        if not reported:
            continue
        baseline = series[(base_year, max(reported))]
        step = _yearly_change(values, indicator, roadmap, base_year)
        rows.append((agency.code, code, base_year, "baseline", baseline, source, roadmap))
        for year in years:
            n = year - base_year
            level = baseline * (1 + step * n) if _relative(indicator) else baseline + step * n
            rows.append((agency.code, code, year, "target", finish(indicator, level), source, roadmap))  # fmt: skip
    return rows


def _groups(catalogue: Catalogue) -> list[tuple[str, list[Agency]]]:
    """One file per province (with its regencies and cities), one for the ministries."""
    bodies = sorted(
        (a for a in catalogue.agencies.values() if a.code != NATIONAL and a.type != "NASIONAL"),
        key=lambda a: a.code,
    )
    groups: dict[str, list[Agency]] = {}
    for a in bodies:
        key = "KL" if a.type == "KL" else a.code if a.type == "PROV" else a.parent or a.code
        groups.setdefault(key, []).append(a)
    return sorted(groups.items())


def target_workbook(title: str, rows: list[tuple]) -> bytes:
    buffer = io.BytesIO()
    book = workbook(buffer, title)
    sheet = book.add_worksheet("Target")
    sheet.write_string(0, 0, title)
    for c, name in enumerate(HEADER):
        sheet.write_string(2, c, name)
    for r, (agency, indicator, year, kind, value, source, roadmap) in enumerate(rows, start=3):
        # Typed writes: xlsxwriter's generic write() inspects every value, 50,000 rows of it.
        sheet.write_string(r, 0, agency)
        sheet.write_string(r, 1, indicator)
        sheet.write_number(r, 2, year)
        sheet.write_string(r, 3, kind)
        sheet.write_number(r, 4, value)
        sheet.write_string(r, 5, source)
        sheet.write_string(r, 6, roadmap)
    book.close()
    return buffer.getvalue()


def target_schedule(
    catalogue: Catalogue, now: dt.datetime
) -> list[tuple[str, dt.datetime, tuple, list[Agency]]]:
    """(file name, received at, road map entry, its bodies) per road map and group sent by
    `now`, in the order 'received' (nothing rendered: the demo's fingerprint reads this too)."""
    out = []
    for entry in ROADMAPS:
        roadmap, base_year, _, received = entry
        if received > now:
            continue  # not "sent" yet
        for key, members in _groups(catalogue):
            # The bodies of the road map's time: a ministry that existed at its start.
            alive = [
                a for a in members if a.exists_in(base_year + 1, 1) or a.exists_in(base_year, 4)
            ]
            if alive:  # every body reports IRB and SAKIP: a group with bodies has rows
                out.append(
                    (f"DEMO_TARGET_{roadmap}_{key.replace('.', '_')}.xlsx", received, entry, alive)
                )
    return out  # fmt: skip


def build_targets(values: DemoValues, now: dt.datetime) -> Iterable[tuple[str, dt.datetime, bytes]]:
    """(file name, received at, bytes) per road map and group, in the order 'received'."""
    drawn: dict[tuple[str, str], dict] = {}
    for name, received, (roadmap, base_year, years, _), alive in target_schedule(values.catalogue, now):  # fmt: skip
        rows = [r for a in alive for r in agency_rows(values, a, roadmap, base_year, years, drawn)]
        if rows:
            title = f"TARGET {roadmap} — DATA DEMO (sintetis) / DEMO DATA (synthetic)"
            yield name, received, target_workbook(title, rows)
