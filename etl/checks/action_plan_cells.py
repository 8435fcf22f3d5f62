"""Reading the cells of an action plan as regional governments fill them in.

Money: text with dots for thousands (`1.500.000`). Unlike an indicator value, a dot in a money
column is always a thousands separator (`1.500` is Rp 1,500): RAD files never carry fractions of
a Rupiah after a dot, and asking every clerk to retype thousands of budget cells would stop the
upload. Targets and realisations: a number followed by the unit (`1 Dokumen`, `100%`).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath

from etl.reading import cells
from etl.reading.cells import CellProblem

_SPACES = re.compile(r"[\s\u00a0\u202f]+")
_DOT_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")
_QUANTITY = re.compile(r"^([+\-−]?\d[\d.,]*)\s*(.*)$", re.DOTALL)

FOCUS_AREAS: dict[str, tuple[str, ...]] = {
    "Perencanaan dan Penganggaran": ("Planning and budgeting",),
    "Proses Bisnis dan SOP": ("Business process and SOP", "Business processes and SOP"),
    "SDM": ("Sumber Daya Manusia", "Human resources", "HR"),
    "Pengawasan": ("Supervision", "Oversight"),
    "Teknologi dan Informasi": ("Technology and information", "IT"),
    "Inovasi": ("Innovation",),
}
_FOCUS_KEYS = {
    _SPACES.sub(" ", alias).strip().lower(): name
    for name, aliases in FOCUS_AREAS.items()
    for alias in (name, *aliases)
}


def parse_money(value: object) -> float:
    """A Rupiah amount: `Rp 1.500.000`, `1.500`, `1.500.000,50`, a numeric cell."""
    if isinstance(value, str):
        text = _SPACES.sub("", value)
        if text[:2].lower() == "rp":
            text = text[2:].lstrip(".")
        if _DOT_THOUSANDS.match(text):
            return float(text.replace(".", "").replace(",", "."))
        value = text
    number = cells.parse_number(value)
    if number < 0:
        raise CellProblem("action_negative")
    return number


def parse_quantity(value: object) -> tuple[float, str | None]:
    """(number, unit word or None) of a target or realisation cell (`1 Dokumen`, `25 %`)."""
    if isinstance(value, str):
        text = _SPACES.sub(" ", value).strip()
        match = _QUANTITY.match(text)
        if not match:
            raise CellProblem("value_not_number")
        number_text, unit = match.group(1), match.group(2).strip()
        if number_text.endswith((".", ",")):  # "2. Dokumen": the dot ends the number
            number_text = number_text[:-1]
        if unit.startswith("%"):
            unit = "%"
        number = cells.parse_number(number_text)
    else:
        number, unit = cells.parse_number(value), ""
    if number < 0:
        raise CellProblem("action_negative")
    return number, unit or None


def same_unit_word(given: str, expected: str) -> bool:
    """The unit written after a number agrees with the output unit (first word, `%` = persen)."""
    first, _ = cells.unit_words(given)
    want, _ = cells.unit_words(expected)
    return not first or not want or first == want


def focus_area(value: object) -> str:
    key = _SPACES.sub(" ", str(value)).strip().lower()
    if key not in _FOCUS_KEYS:
        raise CellProblem("action_focus_invalid", {"choices": "; ".join(FOCUS_AREAS)})
    return _FOCUS_KEYS[key]


def text(value: object) -> str | None:
    """A text cell as stored: spaces collapsed; an empty cell or `-` is None."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    shown = _SPACES.sub(" ", str(value)).strip()
    return None if cells.is_not_reported(shown) else shown


def normalised(value: str | None) -> str:
    """Case, spaces and punctuation do not make a different action."""
    return re.sub(r"[^0-9a-z]+", " ", (value or "").lower()).strip()


def generated_code(agency: str, year: int, theme: str, action: str, output: str | None) -> str:
    """A stable code for an action sent without `kode_aksi`: re-sending the same RAD file
    updates the same actions instead of adding copies. The output indicator is part of the
    key because RAD files list one action with several outputs on separate rows."""
    key = "|".join((agency, str(year), theme, normalised(action), normalised(output)))
    return "RA-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10].upper()


def from_file_name(file_name: str, agencies) -> tuple[str | None, int | None]:
    """(agency code, year) written in a file name such as `RAD_RB_Tematik_31.71_2024.xlsx`."""
    stem = PurePath(file_name).stem
    agency = year = None
    for token in re.split(r"[\s_\-]+", stem):
        if not token:
            continue
        if year is None and re.fullmatch(r"(?:19|20)\d\d", token):
            year = int(token)
            continue
        code = cells.agency_code(token)
        if agency is None and code in agencies:
            agency = code
    return agency, year


def resolve_theme(catalogue, value: object) -> str | None:
    """A theme code from a code or a name (Indonesian or English) in themes.csv."""
    key = normalised(str(value))
    for theme in catalogue.themes.values():
        if key in (normalised(theme.code), normalised(theme.name_id)):
            return theme.code
        if key == normalised(theme.name_en):
            return theme.code
    return None


def theme_of_indicator(catalogue, value: object) -> str | None:
    """The theme of the catalogue indicator a cell names, exactly or by its code."""
    code = cells.indicator_code(value)
    if code in catalogue.indicators:
        return catalogue.indicators[code].theme
    key = normalised(str(value))
    for indicator in catalogue.indicators.values():
        if key in (normalised(indicator.name_id), normalised(indicator.name_en)):
            return indicator.theme
    return None
