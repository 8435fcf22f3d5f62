"""Bahasa Indonesia cells (issue 17): an empty text cell reads "–", never Streamlit's "None";
role names and the users table's headers are in the reader's language."""

from __future__ import annotations

import pandas as pd
import pytest
import streamlit as st

from etl.access import accounts
from ui import tables


def test_an_empty_text_cell_is_a_dash_and_numbers_keep_their_type():
    frame = pd.DataFrame({"komentar": ["ok", None], "nilai": [1.5, None], "tautan": [None, "x"]})
    shown = tables.dashed(frame, links=["tautan"])
    assert list(shown["komentar"]) == ["ok", "–"]
    assert shown["nilai"].dtype.kind == "f"  # sorting by value still works
    # A link column's empty cell is an empty text: "–" would be a link, None is drawn "None".
    assert list(shown["tautan"]) == ["", "x"]
    link = st.column_config.LinkColumn("Tautan")
    assert tables._is_link(link) and not tables._is_link(st.column_config.TextColumn("x"))


def test_my_submissions_show_no_none(engine, signed_in, tmp_path):
    from builders import long_rows, make_xlsx

    from etl import ingest
    from etl.ingest import Upload

    clerk = accounts.create_user(engine, "kemenpan", "agency", agency="KL.KEMENPANRB",
                                 actor="test")[0]  # fmt: skip
    path = make_xlsx(tmp_path / "a.xlsx", long_rows(["KL.KEMENPANRB", "PDN", 2024, 1, 40]))
    upload = Upload(user="kemenpan", source="upload", review="pending", enforce_locks=False,
                    may_change_national=False, allowed_agencies=frozenset({"KL.KEMENPANRB"}))  # fmt: skip
    ingest.commit(engine, ingest.check(engine, "a.xlsx", path.read_bytes(), upload))
    at = signed_in(clerk, "upload")
    mine = next(d.value for d in at.dataframe if "Komentar peninjau" in d.value.columns)
    assert list(mine["Komentar peninjau"]) == ["–"]
    assert "Nama berkas" in mine.columns and "file" not in mine.columns


@pytest.mark.parametrize(("lang", "words"), [
    ("id", {"Peran": {"admin", "analis", "instansi", "peninjau"}, "Nonaktif": {"tidak"}}),
    ("en", {"Role": {"administrator", "analyst", "agency", "reviewer"}, "Disabled": {"no"}}),
])  # fmt: skip
def test_the_users_table_speaks_the_readers_language(engine, signed_in, lang, words):
    boss = accounts.create_user(engine, "boss", "admin", actor="test")[0]
    for name, role in (("ana", "analyst"), ("rev", "reviewer")):
        accounts.create_user(engine, name, role, actor="test")
    accounts.create_user(engine, "clerk", "agency", agency="KL.KEMENPANRB", actor="test")
    at = signed_in(boss, "users", lang=lang)
    table = next(d.value for d in at.dataframe if set(words) <= set(d.value.columns))
    for column, expected in words.items():
        assert set(table[column]) == expected
    assert not {"username", "role", "include_children", "must_change_password"} & set(table)


@pytest.mark.parametrize(("lang", "separators"), [("id", ",."), ("en", ".,")])
def test_charts_use_the_readers_separators(app, open_page, lang, separators):
    """Axes and hover labels read 1.234,5 in Bahasa Indonesia and 1,234.5 in English: every
    chart of the overview (series, bars, map) carries the language's separators."""
    import json

    at = open_page(app, "overview", lang=lang)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(specs) >= 5
    assert {s["layout"].get("separators") for s in specs} == {separators}


@pytest.mark.parametrize(
    ("lang", "zone", "shown"),
    [("id", "Asia/Jakarta", "3 Des 2026 14.05 WIB"), ("en", "Asia/Jakarta", "3 Dec 2026 14:05 WIB"),
     ("id", "Asia/Makassar", "3 Des 2026 15.05 WITA")],
)  # fmt: skip
def test_times_are_shown_in_local_time(monkeypatch, lang, zone, shown):
    """A stored UTC time reads in the app's zone with its Indonesian name, never "+00:00"."""
    import datetime as dt

    from ui import i18n

    monkeypatch.setenv("RB_TIMEZONE", zone)
    monkeypatch.setattr(i18n, "lang", lambda: lang)
    moment = dt.datetime(2026, 12, 3, 7, 5, tzinfo=dt.UTC)
    assert i18n.datetime_label(moment) == shown
    frame = tables.local_times(pd.DataFrame({"at": pd.to_datetime([moment, None], utc=True)}))
    assert list(frame["at"]) == [shown, "–"]
