"""docs/upload-format.md must not drift from the code it documents.

Pure file reads (no database): every accepted column header, every message code with its
severity, every catalogue indicator, the limits' defaults and the earliest accepted year must
appear in both the Indonesian and the English section of the clerks' guide.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from etl.core.messages import MESSAGES, UPLOAD_CODES
from etl.core.settings import SETTINGS
from etl.reading.layout import COLUMN_ALIASES

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "upload-format.md"
REFERENCE = ROOT / "data" / "reference" / "rb"

ID_HEADING = "## Panduan format unggahan triwulanan"
EN_HEADING = "## Quarterly upload format guide"
LANGUAGES = ("id", "en")
# How each section names a message's severity in its message table.
SEVERITY_WORDS = {
    "id": {"error": "Kesalahan", "warning": "Peringatan"},
    "en": {"error": "Error", "warning": "Warning"},
}
# The read limits the guide documents (etl/reading/read.py Limits.from_settings).
LIMITS = ("RB_MAX_UPLOAD_MB", "RB_MAX_ROWS", "RB_MAX_UNPACKED_MB", "RB_MAX_COLUMNS")

ALIASES = sorted({alias for aliases in COLUMN_ALIASES.values() for alias in aliases})


def _csv_rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


INDICATOR_CODES = [row["code"].strip().upper() for row in _csv_rows("indicators.csv")]


@pytest.fixture(scope="module")
def doc() -> str:
    assert DOC.is_file(), f"{DOC} is missing"
    return DOC.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sections(doc: str) -> dict[str, str]:
    """The Indonesian section (first) and the English one (second)."""
    id_at, en_at = doc.find(ID_HEADING), doc.find(EN_HEADING)
    assert id_at >= 0, f"missing heading {ID_HEADING!r}"
    assert en_at >= 0, f"missing heading {EN_HEADING!r}"
    assert id_at < en_at, "the Bahasa Indonesia section must come before the English one"
    return {"id": doc[id_at:en_at], "en": doc[en_at:]}


def _table_row(section: str, first_cell: str) -> list[str] | None:
    """The cells of the first Markdown table row whose first cell is `first_cell`."""
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.lstrip().startswith("|") and cells and cells[0] == first_cell:
            return cells
    return None


def _default_forms(name: str, language: str) -> list[str]:
    """A setting's default as the guide may write it: plain, or grouped for the language."""
    setting = SETTINGS[name]
    number = setting.cast(setting.default)
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    plain = str(number)
    grouped = f"{number:,}"
    if language == "id":
        grouped = grouped.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return [plain, grouped]


def test_sections_are_not_empty(sections: dict[str, str]) -> None:
    for language, text in sections.items():
        assert len(text.splitlines()) > 50, f"the {language} section looks truncated"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("alias", ALIASES)
def test_every_column_alias_is_documented(sections, language, alias) -> None:
    assert f"`{alias}`" in sections[language], (
        f"header alias `{alias}` (etl.reading.layout.COLUMN_ALIASES) is missing from the {language} "
        "section of docs/upload-format.md"
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", sorted(UPLOAD_CODES))
def test_every_message_code_is_documented_with_its_severity(sections, language, code) -> None:
    row = _table_row(sections[language], f"`{code}`")
    assert row is not None, (
        f"message code `{code}` (etl.core.messages.MESSAGES) has no row in the {language} message "
        "table of docs/upload-format.md"
    )
    expected = SEVERITY_WORDS[language][MESSAGES[code].severity]
    assert len(row) > 1 and row[1] == expected, (
        f"`{code}` is a {MESSAGES[code].severity}: the {language} table should say {expected!r}, "
        f"not {row[1:2]}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_message_tables_list_no_retired_code(sections, language) -> None:
    severities = set(SEVERITY_WORDS[language].values())
    documented = {
        match.group(1)
        for match in re.finditer(r"^\|\s*`([a-z_]+)`\s*\|\s*(\w+)\s*\|", sections[language], re.M)
        if match.group(2) in severities
    }
    assert documented <= set(MESSAGES), f"unknown codes documented: {documented - set(MESSAGES)}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", INDICATOR_CODES)
def test_every_indicator_is_in_the_catalogue_table(sections, language, code) -> None:
    row = _table_row(sections[language], f"`{code}`")
    assert row is not None, (
        f"indicator `{code}` (data/reference/rb/indicators.csv) has no row in the {language} "
        "catalogue table of docs/upload-format.md"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_units_match_indicators_csv(sections, language) -> None:
    for indicator in _csv_rows("indicators.csv"):
        row = _table_row(sections[language], f"`{indicator['code'].strip().upper()}`")
        assert row is not None
        assert indicator["unit"].strip() in row, (
            f"{indicator['code']}: unit {indicator['unit']!r} not in the {language} row {row}"
        )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", LIMITS)
def test_limits_and_their_defaults_are_documented(sections, language, name) -> None:
    lines = [line for line in sections[language].splitlines() if f"`{name}`" in line]
    assert lines, f"`{name}` is not mentioned in the {language} section"
    forms = _default_forms(name, language)
    pattern = re.compile(r"(?<![\d.,])(?:" + "|".join(map(re.escape, forms)) + r")(?![\d]|[.,]\d)")
    assert any(pattern.search(line) for line in lines), (
        f"no line of the {language} section gives `{name}` with its default ({' or '.join(forms)})"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_earliest_year_matches_the_road_maps(sections, language) -> None:
    # indicators.catalogue.Catalogue.earliest_year: the first road map's start minus five years.
    earliest = min(int(row["start_year"]) for row in _csv_rows("roadmaps.csv")) - 5
    row = _table_row(sections[language], "`year_too_early`")
    assert row is not None and str(earliest) in " ".join(row), (
        f"the {language} message table should give {earliest} as the earliest accepted year"
    )
