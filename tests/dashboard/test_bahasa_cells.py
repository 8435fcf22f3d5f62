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
