"""Number, quarter, year and code parsing exactly as the upload format page states."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.reading.cells import (
    CellProblem,
    agency_code,
    header_key,
    is_not_reported,
    parse_number,
    parse_quarter,
    parse_year,
    quarter_header,
    same_unit,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,75", 2.75),  # Indonesian decimal comma
        ("1.234.567", 1234567),  # Indonesian thousands
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),  # English
        ("1,234,567", 1234567),
        ("85%", 85),
        ("85 %", 85),
        ("Rp 1.500.000", 1500000),
        ("Rp1.234,50", 1234.5),
        ("0,123", 0.123),  # starts with 0: not ambiguous
        ("1234.567", 1234.567),  # four digits before the separator: not ambiguous
        ("-1,5", -1.5),
        ("12", 12),
        (3.25, 3.25),  # numeric cells are taken as they are
        (4, 4.0),
    ],
)
def test_numbers_in_both_notations(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["1.234", "9,715", "100.000", "1,500"])
def test_ambiguous_text_is_refused(text):
    with pytest.raises(CellProblem) as problem:
        parse_number(text)
    assert problem.value.code == "value_ambiguous"


@pytest.mark.parametrize("text", ["abc", "1.2.3,4,5", "12a", "1,23,4", "", "Rp"])
def test_not_a_number(text):
    with pytest.raises(CellProblem) as problem:
        parse_number(text)
    assert problem.value.code == "value_not_number"


def test_a_date_is_not_a_number():
    with pytest.raises(CellProblem) as problem:
        parse_number(dt.datetime(2024, 3, 1))
    assert problem.value.code == "date_not_allowed"


@pytest.mark.parametrize("text", ["-", "—", "n/a", "NA", "tidak ada", "", None, "  "])
def test_not_reported_markers(text):
    assert is_not_reported(text)


def _indonesian(value: float) -> str:
    whole, frac = f"{value:.2f}".split(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{frac}"


def _english(value: float) -> str:
    return f"{value:,.2f}"


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_grouped_numbers_with_decimals_round_trip(value):
    # Two decimals are never ambiguous (the ambiguous form has exactly three digits after).
    assert parse_number(_indonesian(float(value))) == pytest.approx(float(value))
    assert parse_number(_english(float(value))) == pytest.approx(float(value))


@given(st.integers(min_value=1000, max_value=999_999))
def test_one_separator_and_three_digits_is_always_ambiguous(value):
    text = f"{value:,}"
    with pytest.raises(CellProblem):
        parse_number(text)
    with pytest.raises(CellProblem):
        parse_number(text.replace(",", "."))


@given(st.integers(min_value=1_000_000, max_value=10**12))
def test_two_or_more_groups_are_thousands(value):
    assert parse_number(f"{value:,}".replace(",", ".")) == value
    assert parse_number(f"{value:,}") == value


QUARTER_SPELLINGS = [
    "{n}",
    "{r}",
    "TW{n}",
    "TW {n}",
    "TW {r}",
    "Triwulan {n}",
    "Triwulan {r}",
    "Q{n}",
    "Kuartal {n}",
    "tw {r}",
    "triwulan {r}",
]


@given(st.integers(min_value=1, max_value=4), st.sampled_from(QUARTER_SPELLINGS), st.booleans())
def test_every_quarter_spelling(n, spelling, upper):
    roman = ["I", "II", "III", "IV"][n - 1]
    text = spelling.format(n=n, r=roman)
    assert parse_quarter(text.upper() if upper else text.lower()) == n


@pytest.mark.parametrize("value", [0, 5, "V", "TW5", 1.5, "Q 0", "kuartal"])
def test_bad_quarters(value):
    with pytest.raises(CellProblem):
        parse_quarter(value)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("TW I", (1, None)),
        ("TW 2", (2, None)),
        ("Triwulan III", (3, None)),
        ("Q4", (4, None)),
        ("TW I 2024", (1, 2024)),
        ("Triwulan 4 2023", (4, 2023)),
        ("nilai", None),
        ("TW", None),
    ],
)
def test_wide_layout_quarter_headers(header, expected):
    assert quarter_header(header) == expected


@pytest.mark.parametrize("value", [2024, 2024.0, "2024", " 2024 "])
def test_years(value):
    assert parse_year(value) == 2024


@pytest.mark.parametrize("value", ["24", "2024a", 2024.5, dt.date(2024, 1, 1)])
def test_bad_years(value):
    with pytest.raises(CellProblem):
        parse_year(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (31, "31"),
        (31.0, "31"),
        (11.1, "11.10"),
        ("11.1", "11.10"),
        (11.01, "11.01"),
        ("31.71", "31.71"),
        ("kl.kemenpanrb", "KL.KEMENPANRB"),
        (" id ", "ID"),
    ],
)
def test_agency_codes_typed_as_numbers_are_normalised(value, expected):
    assert agency_code(value) == expected


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Kode Instansi", "kodeinstansi"),
        ("kode_instansi", "kodeinstansi"),
        ("Nilai (%)", "nilai"),
        ("KODE-INDIKATOR", "kodeindikator"),
        ("Tautan\nBukti", "tautanbukti"),
    ],
)
def test_header_matching_ignores_noise(header, key):
    assert header_key(header) == key


@pytest.mark.parametrize(
    ("given_unit", "catalogue_unit", "ok"),
    [
        ("%", "persen", True),
        ("Persen", "persen penduduk", True),
        ("indeks", "indeks (0-100)", True),
        ("Rp triliun", "Rp triliun", True),
        ("Rp miliar", "Rp triliun", False),
        ("rupiah triliun", "Rp triliun", True),
        ("indeks", "persen", False),
        ("", "persen", True),
    ],
)
def test_units(given_unit, catalogue_unit, ok):
    assert same_unit(given_unit, catalogue_unit) is ok
