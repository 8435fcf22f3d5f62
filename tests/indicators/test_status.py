"""The statuses as data: labels in both languages, colours, symbols and order."""

from __future__ import annotations

import re

import pytest

from indicators import status as st

OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}


@pytest.mark.parametrize(
    ("code", "label_id", "label_en"),
    [
        ("achieved", "Tercapai", "Achieved"),
        ("on_track", "Sesuai target", "On track"),
        ("needs_acceleration", "Perlu percepatan", "Needs acceleration"),
        ("off_track", "Tidak sesuai target", "Off track"),
        ("deteriorating", "Memburuk", "Deteriorating"),
        ("outdated", "Data tidak mutakhir", "Outdated data"),
        ("no_target", "Tanpa target", "No target"),
        ("no_data", "Belum ada data", "No data yet"),
        ("no_status", "Di luar road map", "Outside the road map"),
    ],
)
def test_labels(code, label_id, label_en):
    assert st.label(code, "id") == label_id
    assert st.label(code, "en") == label_en
    assert st.label(code) == label_id  # Bahasa Indonesia first


def test_the_order_is_the_listed_order_best_first():
    assert st.CODES == (
        "achieved",
        "on_track",
        "needs_acceleration",
        "off_track",
        "deteriorating",
        "outdated",
        "no_target",
        "no_data",
        "no_status",
    )
    assert sorted(reversed(st.CODES), key=st.sort_key) == list(st.CODES)


def test_status_is_never_told_by_colour_alone():
    symbols = [st.symbol(c) for c in st.CODES]
    colours = [st.colour(c) for c in st.CODES]
    assert all(symbols) and len(set(symbols)) == len(symbols)
    assert len(set(colours)) == len(colours)
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colours)


def test_judged_statuses_use_the_colour_blind_safe_palette():
    judged = ["achieved", "on_track", "needs_acceleration", "off_track", "deteriorating"]
    assert {st.colour(c) for c in judged} <= OKABE_ITO


@pytest.mark.parametrize("call", [lambda: st.label("late"), lambda: st.label("achieved", "fr")])
def test_unknown_status_or_language_is_an_error(call):
    with pytest.raises(ValueError):
        call()
