"""The dashboard's pure helpers, without a running app."""

from __future__ import annotations

import pytest

from etl.store.queries import Filters
from indicators import status as st_status
from ui import badges, i18n, views


@pytest.mark.parametrize(("lang", "expected"), [("id", "1.234,50"), ("en", "1,234.50")])
def test_numbers_follow_the_reader_language(monkeypatch, lang, expected):
    monkeypatch.setattr(i18n, "lang", lambda: lang)
    assert i18n.number(1234.5) == expected
    assert i18n.number(None) == "–"


def test_every_text_has_both_languages():
    for key, (id_text, en_text) in i18n.TEXT.items():
        assert id_text and en_text, key


def test_status_text_is_never_colour_alone(monkeypatch):
    monkeypatch.setattr(badges, "lang", lambda: "en")
    for s in st_status.STATUSES:
        assert badges.text(s.code) == f"{s.symbol} {s.label_en}"
        assert badges.ink(s.colour) in ("#000000", "#FFFFFF")
    assert badges.ink("#0072B2") == "#FFFFFF"
    assert badges.ink("#E69F00") == "#000000"


def test_cli_command_names_the_same_filters():
    command = views.cli_command("scorecard", Filters(year=2025, quarter=4, agency_type="PROV"))
    assert command == (
        "python -m etl export --table scorecard --year 2025 --quarter 4 --type PROV "
        "--out rb_scorecard.xlsx"
    )
