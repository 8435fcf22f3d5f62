"""The maps and the province page on the demo data: the provinces on the map are the provinces
of the registry, the map and the ranking tell the same statuses, a province opens from the map
(the keyboard's select box here; the click in tests/dashboard/test_regional_browser.py), and a
Biro Organisasi lands on its own province with all its regencies and cities."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from etl.access import accounts
from etl.core import settings
from etl.report import geo
from etl.report.export import frame_csv, write_frame_xlsx
from etl.store.database import make_engine
from indicators import status as st_status
from ui.i18n import TEXT


@pytest.fixture(scope="module")
def catalogue(demo_url):
    from etl.store.catalogue import load_catalogue

    return load_catalogue(make_engine(demo_url))


def _map(at) -> dict:
    """The first map of the page (the figure's JSON as the browser receives it)."""
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if any(trace.get("type") == "choropleth" for trace in spec["data"]):
            return spec
    raise AssertionError("no map on the page")


def _areas(spec: dict) -> list[dict]:
    return [trace for trace in spec["data"] if trace.get("type") == "choropleth"]


def _table(at, column: str) -> pd.DataFrame:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_every_boundary_is_a_province_of_the_registry_and_none_is_missing(catalogue):
    with (settings.REFERENCE_DIR / "wilayah" / "provinces.csv").open(encoding="utf-8") as fh:
        registry = {row["code"]: row["name"] for row in csv.DictReader(fh)}
    features = geo.provinces()["features"]
    codes = [str(f["id"]) for f in features]
    assert len(codes) == len(set(codes)) == 38
    assert set(codes) == set(registry)
    assert set(codes) == {c for c, a in catalogue.agencies.items() if a.type == "PROV"}
    for feature in features:
        # The key and the name agree with the registry (the published file had the Papua
        # provinces' codes wrong: a name under another province's code would fail here).
        assert feature["properties"]["KODE_PROV"] == feature["id"]
        name = feature["properties"]["PROVINSI"].upper().replace("DAERAH ISTIMEWA ", "DI ")
        assert name.split()[-1] in registry[feature["id"]].upper(), feature["properties"]
    # The licence's attribution ships beside the file and names what the maps cite.
    source = (geo.geo_dir() / "SOURCE.md").read_text(encoding="utf-8")
    assert geo.SOURCE_URL in source and geo.LICENCE_URL in source
    # Every label point lies within its province's box (a symbol never lands on a neighbour's
    # island far away).
    (west, east), (south, north) = geo.bounds(margin=0)
    for code, (lon, lat) in geo.label_points().items():
        assert west <= lon <= east and south <= lat <= north, code


def test_overview_map_holds_38_provinces_legend_attribution_and_table(
    app, open_page, texts, catalogue
):
    at = open_page(app, indicator="IRB")
    spec = _map(at)
    (area,) = _areas(spec)
    assert len(area["locations"]) == 38 == len(set(area["locations"]))
    assert set(area["locations"]) == set(geo.codes())
    # Drawn offline: no tiles, the base map off, the first trace one that makes plotly.js ask
    # for no world topojson (a choropleth first would: its locationmode).
    assert spec["data"][0]["type"] == "scattergeo" and "locationmode" not in spec["data"][0]
    assert spec["layout"]["geo"]["visible"] is False
    assert "mapbox" not in spec["layout"] and "map" not in spec["layout"]
    # The legend: the statuses' own symbols and labels, in their own colours.
    legend = {t["name"]: t["marker"]["color"] for t in spec["data"] if t.get("name") and
              t.get("type") == "scattergeo"}  # fmt: skip
    assert legend, "no legend"
    palette = {f"{s.symbol} {s.label_id}": s.colour for s in st_status.STATUSES}
    assert legend.items() <= palette.items()
    # Hover: name, value, period, status, achievement.
    assert all(w in area["hovertemplate"] for w in ("Nilai", "Periode", "Status", "Capaian"))
    assert "Jawa Barat" in json.dumps(area["customdata"])
    assert "CC BY 4.0" in texts(at) and "denyherianto" in texts(at)
    table = _table(at, "status_text")
    assert len(table) == 38 and set(table.agency_code) == set(geo.codes())


def test_map_and_ranking_tell_the_same_status_of_every_province(app, open_page):
    at = open_page(app, "indicator", indicator="SPBE", type="PROV")
    spec = _map(at)
    (area,) = _areas(spec)
    on_map = {c: row[4] for c, row in zip(area["locations"], area["customdata"])}
    ranking = _table(at, "rank")
    assert len(ranking) == 38
    assert on_map == dict(zip(ranking.agency_code, ranking.status_text))
    assert len(set(on_map.values())) > 1  # a map of one colour would prove nothing


def test_value_colouring_has_a_scale_with_the_unit_and_grey_for_no_data(app, open_page):
    at = open_page(app, "indicator", indicator="STUNTING", colour="value")
    spec = _map(at)
    scaled, *rest = _areas(spec)
    title = scaled["colorbar"]["title"]["text"]
    assert "persen" in title and "makin rendah" in title  # lower is better: darker is lower
    # Lower is better: the darkest colour stands for the lowest value.
    assert scaled["colorscale"][0][1] == "#08306B"
    assert all(v == v for v in scaled["z"])
    if rest:
        (missing,) = rest
        assert missing["name"] == "– Belum ada data"
        assert missing["colorscale"][0][1] == st_status.colour(st_status.NO_DATA)


def test_the_select_box_opens_the_province_with_all_its_regencies(app, open_page, catalogue):
    at = open_page(app)
    at.selectbox(key="overview_map_open").set_value("32").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value.startswith("Provinsi Jawa Barat")
    regencies = next(
        d.value for d in at.dataframe if "agency_code" in d.value.columns
        and d.value.agency_code.astype(str).str.startswith("32.").all()
    )  # fmt: skip
    expected = sorted(a.code for a in catalogue.children("32") if a.type == "KABKOTA")
    assert len(expected) == 27
    assert sorted(regencies.agency_code) == expected
    assert {"value", "period", "status_text", "achievement_pct", "category"} <= set(
        regencies.columns
    )
    assert at.query_params["province"] in ("32", ["32"])
    assert len(at.get("download_button")) == 2


def test_province_page_in_english(app, open_page, texts):
    at = open_page(app, "province", province="32", lang="en")
    assert at.title[0].value.startswith("Provinsi Jawa Barat · Q4 2025")
    shown = texts(at)
    assert "Regencies and cities side by side" in shown
    assert "Reporting this quarter" in shown and "of 28 have sent" in shown


def test_map_in_english(app, open_page, texts):
    at = open_page(app, lang="en", indicator="IRB")
    (area,) = _areas(_map(at))
    assert "Achievement" in area["hovertemplate"]
    assert "Province boundaries" in texts(at)


@pytest.fixture
def demo_copy(demo_url, tmp_path, monkeypatch, password_mode) -> str:
    """A copy of the demo database the app points at, with the login gate on (accounts made
    here stay out of the shared one)."""
    copy = tmp_path / "demo.sqlite"
    shutil.copy(demo_url.removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    monkeypatch.setenv("RB_DATABASE_URL", url)
    return url


def test_a_biro_organisasi_lands_on_its_province(demo_copy, signed_in, menu):
    account, _ = accounts.create_user(
        make_engine(demo_copy), "biro_jabar", "agency", agency="32", include_children=True,
        actor="test",
    )  # fmt: skip
    at = signed_in(account, province="31")  # another province's link: still its own
    assert "province" in menu(at) and "overview" not in menu(at)
    assert at.title[0].value.startswith("Provinsi Jawa Barat")
    assert at.selectbox(key="url_province").options == ["32 · Provinsi Jawa Barat"]
    regencies = next(d.value for d in at.dataframe if "agency_code" in d.value.columns
                     and len(d.value) == 27)  # fmt: skip
    assert regencies.agency_code.str.startswith("32.").all()


def test_an_agency_account_without_the_regencies_has_no_province_page(
    demo_copy, signed_in, menu, app_file
):
    account, _ = accounts.create_user(
        make_engine(demo_copy), "pemprov", "agency", agency="32", actor="test"
    )
    at = signed_in(account)
    assert "province" not in menu(at)
    direct = AppTest.from_file(str(Path(app_file).parent / "app_pages" / "province.py"))
    direct.session_state["account"] = at.session_state["account"]
    direct.run(timeout=60)
    assert [e.value for e in direct.error] == [TEXT["denied"][0]]
    assert not direct.dataframe


def test_exports_of_the_province_table_write_formulas_as_text():
    frame = pd.DataFrame({"agency_name": ['=HYPERLINK("http://x","y")', "Kota Bandung"]})
    text = frame_csv(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    book = openpyxl.load_workbook(io.BytesIO(write_frame_xlsx(frame, "province", [])))
    cells = [c.value for row in book.worksheets[-1].iter_rows() for c in row]
    assert '\'=HYPERLINK("http://x","y")' in cells


def test_who_has_not_reported_comes_first():
    from etl.report.regional import reporting_now

    sent = pd.DataFrame({
        "agency_code": ["32.01", "32.02", "32.03", "32.04"], "year": [2025, 2025, 2025, 2025],
        "quarter": [4, 4, 4, 3], "timeliness": ["on_time", "late", "missing", "missing"],
    })  # fmt: skip
    now = reporting_now(sent, 2025, 4)
    assert list(now.agency_code) == ["32.03", "32.02", "32.01"]
