"""Each page run with the demo data through AppTest, checked for what a reader would check."""

from __future__ import annotations

import pytest

from etl.report.tables import statuses_as_of
from etl.store.catalogue import load_catalogue
from etl.store.database import make_engine
from etl.store.queries import Filters
from indicators import status as st_status


@pytest.fixture(scope="module")
def catalogue(demo_url):
    return load_catalogue(make_engine(demo_url))


# Tables are told apart by a column only they have (AppTest keeps no key for a dataframe).
MARKS = {
    "ranking": "rank", "scorecard": "target_used", "submissions": "Dikirim",
    "peers": "Median jenis yang sama", "missing": "parent", "preview": "timeliness",
    "targets": "kind",
}  # fmt: skip


def _frame(at, key):
    return next(d.value for d in at.dataframe if MARKS[key] in d.value.columns)


def test_overview_shows_every_theme_and_headline_series(app, catalogue, open_page, texts):
    at = open_page(app)
    assert at.title[0].value.startswith("Ringkasan · TW4 2025")
    shown = texts(at)
    for theme in catalogue.themes.values():
        assert theme.name_id in shown
    # The map, eight headline series and the theme bars, each chart with its data table.
    assert len(at.get("plotly_chart")) == 10
    assert len(at.expander) >= 10
    # National SPBE 2025 (mean of agencies, 3.18) meets the 2025 final target 3.00.
    assert "★ Tercapai" in shown and "Dihitung dari" in shown


def test_language_switch_changes_labels(app, open_page, texts):
    at = open_page(app)
    at.radio(key="url_lang").set_value("en").run()
    assert not at.exception
    assert at.title[0].value.startswith("Overview · Q4 2025")
    assert "★ Achieved" in texts(at)
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


def test_indicator_ranks_every_province_and_shows_the_known_status(
    app, catalogue, demo_url, open_page, texts
):
    at = open_page(app, "indicator", indicator="SPBE", type="PROV")
    assert "Indeks Sistem Pemerintahan Berbasis Elektronik" in at.title[0].value
    ranking = _frame(at, "ranking")
    provinces = [a for a in catalogue.agencies.values() if a.type == "PROV"]
    assert len(ranking) == len(provinces) == 38
    assert list(ranking["rank"]) == list(range(1, 39))
    # The status shown for one province is the engine's status for it.
    judged, _, _ = statuses_as_of(
        make_engine(demo_url), Filters(year=2025, quarter=4, indicator="SPBE")
    )
    first = ranking.iloc[0]
    expected = judged.set_index("agency_code").loc[first.agency_code, "status"]
    assert first.status_text == f"{st_status.symbol(expected)} {st_status.label(expected, 'id')}"
    assert "Proyeksi akhir road map" in texts(at)


def test_indicator_view_comes_from_the_url(app, open_page, texts):
    at = open_page(app, "indicator", indicator="IRB", type="KL", lang="en")
    assert at.title[0].value.startswith("Bureaucratic Reform Index · Q4 2025")
    # Q4 2025: the 98 ministries and agencies of the 2024-2029 cabinet that existed then, not
    # the bodies that ended in October 2024 (agencies.csv valid_to).
    assert len(_frame(at, "ranking")) == 98
    at.selectbox(key="url_indicator").set_value("SAKIP").run()
    assert at.query_params["indicator"] in ("SAKIP", ["SAKIP"])


def test_agency_scorecard_hierarchy_and_submissions(app, catalogue, open_page, texts):
    at = open_page(app, "agency", agency="31")
    assert at.title[0].value.startswith("Provinsi DKI Jakarta")
    card = _frame(at, "scorecard")
    assert len(card) == len(catalogue.indicators_for_type("PROV"))
    children = at.selectbox(key="child_agency").options
    assert len(children) == 1 + len(catalogue.children("31"))
    assert len(_frame(at, "submissions")) > 0
    assert len(_frame(at, "peers")) > 0
    # Down to a regency and back up to its province.
    at.selectbox(key="child_agency").set_value("31.71").run()
    at.button(key="go_child").click().run()
    assert at.title[0].value.startswith("Kota Administrasi Jakarta Pusat")
    at.button[0].click().run()
    assert at.title[0].value.startswith("Provinsi DKI Jakarta")


def test_reporting_lists_agencies_that_have_not_submitted(app, catalogue, open_page, texts):
    at = open_page(app, "reporting", type="KABKOTA", province="31")
    regencies = catalogue.children("31")
    metrics = {m.label: m.value for m in at.metric}
    counted = sum(int(v.replace(".", "")) for k, v in metrics.items() if "%" not in v)
    assert counted == len(regencies)
    assert len(at.get("plotly_chart")) == 2
    missing = _frame(at, "missing")
    assert set(missing.agency_code) <= {a.code for a in regencies}


def test_reporting_says_completeness_and_timeliness_apart_and_pages_regencies(app, open_page):
    """Two figures (sent at all; sent by the deadline), a heatmap in the bars' three colours
    with a legend entry each (no blended colour bar), 514 regencies a page of 40 at a time."""
    import json

    at = open_page(app, "reporting", type="KABKOTA")
    metrics = {m.label: m.value for m in at.metric}
    assert {"Kelengkapan", "Ketepatan waktu"} <= set(metrics)

    captions = " ".join(c.value for c in at.caption)
    assert "dari 514 instansi" in captions
    bars, heatmap = (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
    cells = heatmap["data"][0]
    assert cells["type"] == "heatmap" and cells["showscale"] is False
    assert len({colour for _, colour in cells["colorscale"]}) == 3
    bar_colours = {trace["marker"]["color"] for trace in bars["data"]}
    # After the cells: their symbols as a text layer (in each cell's ink), then the legend.
    legend = {trace["marker"]["color"] for trace in heatmap["data"][1:] if trace.get("showlegend")}
    assert heatmap["data"][1]["mode"] == "text"
    assert legend == bar_colours | legend and len(legend) == 3
    assert len(cells["y"]) == 40 and "halaman 1 dari 13" in heatmap["layout"]["title"]["text"]


def test_export_previews_the_table_with_its_filters(app, open_page, texts):
    at = open_page(app, "export", table="submissions", xtype="PROV", xyear="2025", xquarter="4")
    preview = _frame(at, "preview")
    assert len(preview) == 38
    assert set(preview.agency_type) == {"PROV"}
    assert (
        "python -m etl export --table submissions --year 2025 --quarter 4 --type PROV"
        in at.code[0].value
    )
    assert len(at.get("download_button")) == 2


def test_method_explains_statuses_and_sources_in_both_languages(app, catalogue, open_page, texts):
    at = open_page(app, "method")
    assert "Rasio kemajuan" in texts(at)
    # The national reference targets; the agencies' own (demo) targets show with their series.
    national = [t for t in catalogue.targets if t.agency == "ID"]
    assert len(_frame(at, "targets")) == len(national) < len(catalogue.targets)
    at.radio(key="url_lang").set_value("en").run()
    assert "Progress ratio" in texts(at)


def test_empty_database_says_so_and_where_data_comes_from(
    tmp_path, monkeypatch, app_file, open_page, texts
):
    from streamlit.testing.v1 import AppTest

    from etl.bootstrap import init_database

    url = f"sqlite:///{tmp_path / 'empty.sqlite'}"
    init_database(make_engine(url))
    monkeypatch.setenv("RB_DATABASE_URL", url)
    at = open_page(AppTest.from_file(app_file, default_timeout=60))
    assert "Belum ada data untuk periode ini." in texts(at)
    assert "python -m etl ingest" in texts(at)


def test_an_ended_ministry_links_its_successors_and_keeps_its_history(app, open_page):
    # Kemenko Polhukam (to 21 Oct 2024) went on as two ministries: its page in Q4 2025 says it
    # did not exist then, links both successors, and a click opens the successor's own page.
    at = open_page(app, "agency", agency="KL.KEMENKOPOLHUKAM", year="2025", quarter="4")
    assert any("2024-10-21" in w.value for w in at.warning)
    labels = [b.label for b in at.button if b.label.startswith("→")]
    assert len(labels) == 2 and all("Pengganti" in label for label in labels)
    next(b for b in at.button if b.label.startswith("→")).click().run()
    assert at.title[0].value.startswith("Kementerian Koordinator")
    assert "KL.KEMENKOPOLHUKAM" not in at.title[0].value
    back = [b.label for b in at.button if b.label.startswith("←")]
    assert back and "Pendahulu" in back[0]


def test_demo_data_is_labelled_on_every_page_and_in_exports(app, open_page, demo_url):
    # The demo database: the notice above the page and a `demo` column in the export.
    import csv
    import io

    from etl.report.export import table_bytes
    from etl.report.tables import observations_table
    from etl.store.database import make_engine
    from etl.store.queries import Filters

    for page in ("overview", "indicator", "agency", "method"):
        at = open_page(app, page)
        assert any(w.value.startswith("DATA DEMO") for w in at.warning), page
    engine = make_engine(demo_url)
    filters = Filters(year=2025, quarter=4, indicator="IRB")
    frame = observations_table(engine, filters)
    text = table_bytes(engine, frame, "observations", filters, "csv").decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {r["demo"] for r in rows if r["source"] == "demo"} == {"True"}
    assert {r["demo"] for r in rows if r["source"] != "demo"} <= {"False"}
    engine.dispose()


def test_an_agency_without_own_targets_is_told_how_to_add_them(app, open_page):
    # KemenPANRB has no targets of its own in the reference data: "Tanpa target", and the page
    # says where its own targets go (the template's Target sheet), never the national ones.
    at = open_page(app, "agency", agency="KL.KEMENPANRB", year="2025", quarter="4")
    assert any("lembar *Target*" in i.value for i in at.info)


@pytest.mark.parametrize(("lang", "first"), [("id", ";"), ("en", ",")])
def test_export_offers_the_csv_separator_of_the_readers_excel(
    app, open_page, demo_url, lang, first
):
    """Excel in Indonesian reads "," as the decimal mark: the page offers ";" first in Bahasa
    (and "," in English), and the file is written with the separator chosen (issue 17)."""
    from etl.report.export import table_bytes
    from etl.report.tables import TABLES

    at = open_page(
        app, "export", table="submissions", xtype="PROV", xyear="2025", xquarter="4", lang=lang
    )
    separator = at.radio(key="url_sep")
    assert separator.value == first and len(separator.options) == 2
    engine = make_engine(demo_url)
    filters = Filters(year=2025, quarter=4, agency_type="PROV")
    data = table_bytes(
        engine, TABLES["submissions"](engine, filters), "submissions", filters, "csv", sep=";"
    )
    header = data.decode("utf-8-sig").splitlines()[0]
    assert header.startswith("agency_code;agency_name;") and "," not in header


def test_the_agency_page_shows_each_values_revisions_and_offers_its_file(app, open_page):
    """Issue 17: a value's history (who, when, which file, in force or superseded) and the
    original file's download are reachable from the agency page."""
    at = open_page(app, "agency", agency="31", hindicator="IRB")
    history = next(d.value for d in at.dataframe if "Keadaan" in d.value.columns)
    assert len(history) and set(history["Keadaan"]) <= {
        "berlaku",
        "menunggu tinjauan",
        "dikembalikan",
    } | {s for s in history["Keadaan"] if s.startswith("diganti oleh ")}
    assert "berlaku" in set(history["Keadaan"])
    assert any(b.label.startswith("Unduh berkas asli") for b in at.get("download_button"))
