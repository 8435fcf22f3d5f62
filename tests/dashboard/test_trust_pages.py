"""Issue 12 on the pages, with the demo data: every ranking and scorecard row carries its own
period under the page's period heading, the national figure shows its source and confidence
(official apart from computed, also in the national series export), and the agency page lists
the agency's own targets with their sources and says where an indicator has none."""

from __future__ import annotations

import csv
import io

import pytest

from etl.report.export import table_bytes
from etl.report.tables import national_table
from etl.store.database import make_engine
from etl.store.queries import Filters
from indicators import status as st_status


@pytest.fixture(scope="module")
def catalogue(demo_url):
    from etl.store.catalogue import load_catalogue

    return load_catalogue(make_engine(demo_url))


def _table(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_a_ranking_row_from_an_earlier_quarter_says_so_in_both_languages(app, open_page):
    # Poverty is semiannual (March and September): under TW4 2025 the provinces' figures are
    # those of TW3 2025 (or older, where a province skipped one), and every ranking row says
    # so instead of passing for TW4 values.
    at = open_page(app, "indicator", indicator="KEMISKINAN", type="PROV", year="2025", quarter="4")
    assert at.title[0].value.endswith("TW4 2025")
    ranking = _table(at, "rank")
    reported = ranking[ranking.value.notna()]
    assert len(reported) and reported.period.str.fullmatch(r"TW\d \d{4} \(\d triwulan lalu\)").all()
    assert "TW3 2025 (1 triwulan lalu)" in set(reported.period)
    at.radio(key="url_lang").set_value("en").run()
    ranking = _table(at, "rank")
    assert "Q3 2025 (1 quarter earlier)" in set(ranking.period)


def test_the_scorecard_marks_the_row_whose_value_is_older_than_the_heading(app, open_page):
    at = open_page(app, "agency", agency="32", year="2025", quarter="4")
    card = _table(at, "target_used").set_index("indicator")
    assert card.loc["Tingkat kemiskinan", "period"] == "TW3 2025 (1 triwulan lalu)"
    # A value of the heading's own period carries just that period.
    assert card.loc["Indeks Reformasi Birokrasi", "period"] == "TW4 2025"


def test_the_national_figure_shows_its_source_and_confidence(app, open_page):
    # SPBE 2024 is the official KemenPANRB figure (reference data: high confidence); SPBE 2025
    # is computed from the agencies and says from how many, never a published source.
    at = open_page(
        app, "indicator", indicator="SPBE", roadmap="RB-2020-2024", year="2024", quarter="4"
    )
    captions = [c.value for c in at.caption]
    assert any(
        "Angka resmi nasional" in c and "Sumber: KepmenPANRB 663/2024" in c
        and "Tingkat keyakinan: tinggi" in c
        for c in captions
    ), captions  # fmt: skip
    sources = _table(at, "Asal angka")
    row = sources[sources.Periode == "TW4 2024"].iloc[0]
    assert row["Sumber"].startswith("KepmenPANRB 663/2024") and row["Tingkat keyakinan"] == "tinggi"
    computed = sources[sources.Periode == "TW4 2020"].iloc[0]
    assert computed["Asal angka"].startswith("Dihitung dari") and computed["demo"] == "ya"
    assert any(b.label.startswith("Unduh seri nasional") for b in at.get("download_button"))


def test_a_computed_national_figure_names_no_published_source(app, open_page):
    at = open_page(app, "indicator", indicator="SPBE", year="2025", quarter="4")
    assert any(
        c.value.startswith("TW4 2025: 3,18") and "Dihitung dari 619 dari 650 instansi" in c.value
        and "Sumber:" not in c.value
        for c in at.caption
    ), [c.value for c in at.caption]  # fmt: skip


def test_the_national_series_export_keeps_official_and_computed_apart(demo_url):
    engine = make_engine(demo_url)
    filters = Filters(indicator="SPBE")
    text = table_bytes(engine, national_table(engine, filters), "national", filters, "csv")
    rows = {
        (r["year"], r["quarter"]): r for r in csv.DictReader(io.StringIO(text.decode("utf-8-sig")))
    }
    engine.dispose()
    official, computed = rows[("2024", "4")], rows[("2025", "4")]
    assert (official["computed"], official["figure"], official["demo"]) == (
        "False",
        "official",
        "False",
    )
    assert (
        official["source"].startswith("KepmenPANRB 663/2024") and official["confidence"] == "high"
    )
    assert (computed["computed"], computed["figure"], computed["demo"]) == (
        "True",
        "computed",
        "True",
    )
    n, m = int(computed["n"]), int(computed["m"])
    assert n / m >= 0.8 and f"{n} of {m} agencies" in computed["source"]
    assert float(computed["coverage"]) == n / m


def test_the_export_page_offers_the_national_series(app, open_page):
    at = open_page(
        app, "export", table="national", xindicator="INVESTASI", xyear="2025", xquarter=""
    )
    preview = _table(at, "computed")
    # Investment is a sum: with a province missing there is no national figure, only the count.
    assert set(preview.figure) == {"insufficient"} and preview.value.isna().all()
    assert "--table national" in at.code[0].value


def test_the_agency_page_lists_its_own_targets_with_sources(app, open_page):
    at = open_page(app, "agency", agency="32", year="2025", quarter="4")
    targets = _table(at, "Berkas / asal")
    irb = targets[(targets.Indikator == "Indeks Reformasi Birokrasi") & (targets.Tahun == "2025")]
    assert list(irb.Nilai) == ["75,09"] and irb["Berkas / asal"].iloc[0].startswith("DEMO_TARGET_")
    assert irb.Sumber.iloc[0].startswith("DATA DEMO")
    # The public service index has no target of Jawa Barat's own: said plainly, in its row.
    ipp = targets[targets.Indikator == "Indeks Pelayanan Publik"]
    assert "Belum ada target" in set(ipp.Jenis)
    assert any(
        m.value.startswith("**Belum ada target**:") and "Indeks Pelayanan Publik" in m.value
        for m in at.markdown
    )
    # Inflation: the national band applies to the regions and is listed as such.
    inflation = targets[targets.Indikator == "Tingkat inflasi tahunan (yoy)"]
    assert len(inflation) and inflation.Nilai.str.contains("–").all()
    at.radio(key="url_lang").set_value("en").run()
    assert "No target yet" in set(_table(at, "File / origin").Kind)


def test_no_target_yet_stands_exactly_where_the_scorecard_says_no_target(app, open_page):
    # KemenPANRB's demo Renstra has targets for some indicators only: the list says "Belum ada
    # target" for precisely the indicators its scorecard shows as "Tanpa target".
    at = open_page(app, "agency", agency="KL.KEMENPANRB", year="2025", quarter="4")
    targets = _table(at, "Berkas / asal")
    card = _table(at, "target_used")
    without = set(targets[targets.Jenis == "Belum ada target"].Indikator)
    no_target = f"{st_status.symbol('no_target')} {st_status.label('no_target', 'id')}"
    assert without and without == set(card[card.status_text == no_target].indicator)
    assert set(targets[targets.Jenis == "Target"].Indikator).isdisjoint(without)


def test_demo_values_are_marked_on_the_chart_and_in_its_table(app, open_page):
    # Issue 12: the demo data must be labelled wherever it appears, the chart included (a
    # screenshot of it travels without the page's notice).
    at = open_page(app, "agency", agency="32", year="2025", quarter="4")
    traces = [tr for chart in at.get("plotly_chart") for tr in _traces(chart)]
    demo = [tr for tr in traces if tr.get("name") == "Data demo (sintetis, bukan laporan)"]
    assert demo and all(len(tr["y"]) for tr in demo)
    tables = [d.value for d in at.dataframe if {"kind", "demo"} <= set(d.value.columns)]
    assert tables and any((table.demo == "ya").any() for table in tables)


def _traces(chart) -> list[dict]:
    import json

    return json.loads(chart.proto.spec)["data"]
