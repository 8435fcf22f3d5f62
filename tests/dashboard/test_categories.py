"""The RB categories page on the demo data: the spread of the provinces over the IRB categories
in 2025 against 2024, the moves, and a league table whose category is the scale's for each value
(the same column every table shows)."""

from __future__ import annotations

import json

from indicators.projection import category_for


def _frame(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_irb_categories_of_the_provinces_and_their_move(app, open_page, texts):
    at = open_page(app, "categories", indicator="IRB", type="PROV")
    assert at.title[0].value == "Kategori RB · 2025"
    league = _frame(at, "category_before")
    assert 30 <= len(league) <= 38
    assert list(league["rank"]) == list(range(1, len(league) + 1))
    assert list(league.value) == sorted(league.value, reverse=True)
    # The category beside each value is the scale's (scales.csv, IRB: AA … D).
    import os

    from etl.store.catalogue import load_catalogue
    from etl.store.database import make_engine

    cat = load_catalogue(make_engine(os.environ["RB_DATABASE_URL"]))
    for value, category in zip(league.value, league.category):
        assert category_for(value, cat.scales["IRB"]).label_id == category
    # The chart: one bar per category, best first, the year before beside the year.
    spec = next(
        json.loads(c.proto.spec) for c in at.get("plotly_chart")
        if json.loads(c.proto.spec)["data"][0].get("type") == "bar"
    )  # fmt: skip
    before, now = spec["data"]
    assert before["x"] == ["AA", "A", "BB", "B", "CC", "C", "D"]
    assert (before["name"], now["name"]) == ("2024", "2025")
    assert sum(now["y"]) == len(league)
    # The moves add up to the league table, and a move says which way.
    moved = {m.label: m.value for m in at.metric}
    assert sum(int(v) for v in moved.values()) == len(league)
    ups = (league.move.str.startswith("▲")).sum()
    assert moved["▲ Naik kategori"] == str(ups)
    # No cell reads like a formula that was neutralised ("'=").
    assert not league.move.str.startswith("'").any()


def test_spbe_categories_in_english(app, open_page):
    at = open_page(app, "categories", indicator="SPBE", type="KABKOTA", lang="en")
    assert at.title[0].value == "RB categories · 2025"
    spec = next(
        json.loads(c.proto.spec) for c in at.get("plotly_chart")
        if json.loads(c.proto.spec)["data"][0].get("type") == "bar"
    )  # fmt: skip
    assert spec["data"][0]["x"] == ["Excellent", "Very good", "Good", "Fair", "Poor"]
    league = _frame(at, "category_before")
    assert len(league) > 400  # regencies and cities


def test_comparison_of_provinces_with_the_national_reference(app, open_page):
    at = open_page(app, "compare", indicator="SPBE", type="PROV", compare="32,35,31,12")
    assert at.title[0].value == "Perbandingan · TW4 2025"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    names = [trace["name"] for trace in spec["data"]]
    assert names[:4] == [
        "32 Provinsi Jawa Barat", "35 Provinsi Jawa Timur", "31 Provinsi DKI Jakarta",
        "12 Provinsi Sumatera Utara",
    ]  # fmt: skip
    assert "Nasional" in names
    # Each agency has its own marker: a series is never told by colour alone.
    symbols = [trace["marker"]["symbol"] for trace in spec["data"][:4]]
    assert len(set(symbols)) == 4
    latest = _frame(at, "status_text")
    assert sorted(latest.agency_code) == ["12", "31", "32", "35"]
    # The same statuses as the indicator page's ranking.
    ranking = _frame(open_page(app, "indicator", indicator="SPBE", type="PROV"), "rank")
    ranked = dict(zip(ranking.agency_code, ranking.status_text))
    assert all(ranked[c] == s for c, s in zip(latest.agency_code, latest.status_text))


def test_comparison_asks_for_two_agencies_and_keeps_the_choice_in_the_url(app, open_page):
    at = open_page(app, "compare", indicator="IRB", type="PROV", compare="32", lang="en")
    assert "Choose two to five agencies." in [i.value for i in at.info]
    at.multiselect(key="url_compare").select("35").run()
    assert not at.exception
    assert at.query_params["compare"] in ("32,35", ["32,35"])
    assert len(at.get("plotly_chart")) == 1
