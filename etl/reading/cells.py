"""Reading one cell's text as the upload format defines it: numbers in Indonesian or English
notation, quarters, years, agency codes, units and header names.

Each parser returns the parsed value or raises `CellProblem` with a message code from
`etl.core.messages`; the caller adds the sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field


@dataclass
class CellProblem(Exception):
    code: str
    params: dict = field(default_factory=dict)


NOT_REPORTED = frozenset({"", "-", "—", "–", "n/a", "na", "tidak ada", "#n/a"})

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_AMBIGUOUS = re.compile(r"^[1-9]\d{0,2}[.,]\d{3}$")
_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_COMMA_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$|^[.,]\d+$")


def is_not_reported(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().lower() in NOT_REPORTED
    return False


def holds_values(row: list) -> bool:
    """Whether a row has any non-empty cell (counted in C: this runs once per row of a file)."""
    return row.count("") + row.count(None) < len(row)


def is_date(value: object) -> bool:
    return isinstance(value, (dt.date, dt.datetime, dt.time, dt.timedelta))


def parse_number(value: object) -> float:
    """A value or target cell as a float (Indonesian or English notation for text)."""
    if isinstance(value, bool):
        raise CellProblem("value_not_number")
    if isinstance(value, (int, float)):
        return float(value)
    if is_date(value):
        raise CellProblem("date_not_allowed")
    text = _SPACES.sub("", str(value))
    if text[:2].lower() == "rp":
        text = text[2:].lstrip(".")
    text = text.removesuffix("%")
    sign = 1.0
    if text[:1] in ("-", "−", "+"):
        sign = -1.0 if text[0] != "+" else 1.0
        text = text[1:]
    if not text:
        raise CellProblem("value_not_number")
    if _AMBIGUOUS.match(text):
        whole, frac = re.split(r"[.,]", text)
        raise CellProblem(
            "value_ambiguous",
            {"as_thousands": whole + frac, "as_decimal": f"{whole}.{frac}"},
        )
    return sign * _unambiguous(text)


def _unambiguous(text: str) -> float:
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        # The separator that comes last is the decimal one; the other groups thousands.
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        group = "," if decimal == "." else "."
        whole, _, frac = text.rpartition(decimal)
        grouped = _DOT_GROUPS if group == "." else _COMMA_GROUPS
        if not frac.isdigit() or not (whole.isdigit() or grouped.match(whole)):
            raise CellProblem("value_not_number")
        return float(whole.replace(group, "") + "." + frac)
    if dots > 1:
        if not _DOT_GROUPS.match(text):
            raise CellProblem("value_not_number")
        return float(text.replace(".", ""))
    if commas > 1:
        if not _COMMA_GROUPS.match(text):
            raise CellProblem("value_not_number")
        return float(text.replace(",", ""))
    if not _PLAIN.match(text):
        raise CellProblem("value_not_number")
    return float(text.replace(",", "."))


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(
    r"^(?:tw|triwulan|q|kuartal|quarter|trw)?\s*[-.]?\s*(iv|iii|ii|i|[1-4])(?:\.0+)?$"
)
_QUARTER_HEADER = re.compile(
    r"^(?:tw|triwulan|q|kuartal|quarter|trw)\s*[-.]?\s*(iv|iii|ii|i|[1-4])"
    r"(?:\s*[-/]?\s*((?:19|20)\d\d))?$"
)


def parse_quarter(value: object) -> int:
    if is_date(value):
        raise CellProblem("date_not_allowed")
    if isinstance(value, bool):
        raise CellProblem("quarter_invalid")
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 1 <= value <= 4:
            return int(value)
        raise CellProblem("quarter_invalid")
    match = _QUARTER.match(_SPACES.sub(" ", str(value)).strip().lower())
    if not match:
        raise CellProblem("quarter_invalid")
    token = match.group(1)
    return _ROMAN.get(token) or int(token)


def quarter_header(header: str) -> tuple[int, int | None] | None:
    """(quarter, year or None) for a wide layout's quarter column header, else None."""
    match = _QUARTER_HEADER.match(_SPACES.sub(" ", header).strip().lower())
    if not match:
        return None
    token, year = match.groups()
    return (_ROMAN.get(token) or int(token), int(year) if year else None)


def parse_year(value: object) -> int:
    if is_date(value):
        raise CellProblem("date_not_allowed")
    if isinstance(value, bool):
        raise CellProblem("year_invalid")
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 1000 <= value <= 9999:
            return int(value)
        raise CellProblem("year_invalid")
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(?:\.0+)?", text):
        return int(float(text))
    raise CellProblem("year_invalid")


_REGENCY_ONE_DECIMAL = re.compile(r"^(\d{2})\.(\d)$")


def agency_code(value: object) -> str:
    """An agency code as stored: upper case; a regency typed as 11.1 becomes 11.10."""
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else f"{value:.2f}"
    else:
        text = str(value).strip().upper()
    match = _REGENCY_ONE_DECIMAL.match(text)
    if match:
        text = f"{match.group(1)}.{match.group(2)}0"
    return text


def indicator_code(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip().upper()


_BRACKETS = re.compile(r"[\(\[].*?[\)\]]")
_HEADER_NOISE = re.compile(r"[\s_\-.]+")


def header_key(text: object) -> str:
    """Header matching ignores case, spaces, `_`, `-`, `.`, line breaks and a trailing unit."""
    text = str(text or "").lower()
    text = re.sub(r"\s*[\(\[][^\)\]]*[\)\]]\s*$", "", text)
    return _HEADER_NOISE.sub("", text)


MAGNITUDES = ("ribu", "juta", "miliar", "triliun")
# English spellings of the catalogue's unit words.
_UNIT_SYNONYMS = {
    "percent": "persen",
    "index": "indeks",
    "score": "skor",
    "value": "nilai",
    "rupiah": "rp",
    "idr": "rp",
    "thousand": "ribu",
    "million": "juta",
    "billion": "miliar",
    "trillion": "triliun",
    "milyar": "miliar",
}


def unit_words(unit: str) -> tuple[str, str | None]:
    """(first word, money magnitude) of a unit after normalisation."""
    text = _BRACKETS.sub(" ", unit.lower()).replace("%", " persen ")
    text = text.replace("rp.", "rp ")
    words = [_UNIT_SYNONYMS.get(w, w) for w in text.split()]
    if not words:
        return ("", None)
    magnitude = next((w for w in words if w in MAGNITUDES), None)
    return (words[0], magnitude)


def same_unit(given: str, catalogue_unit: str) -> bool:
    g_first, g_mag = unit_words(given)
    c_first, c_mag = unit_words(catalogue_unit)
    if not g_first:
        return True
    if g_first != c_first:
        return False
    return c_first != "rp" or g_mag == c_mag


def is_http_url(text: str) -> bool:
    return bool(re.match(r"^https?://[^\s/$.?#][^\s]*$", text.strip(), re.IGNORECASE))


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_name(column: int, row: int) -> str:
    """The A1 reference of a 1-based column and row."""
    return f"{column_letter(column - 1)}{row}"
