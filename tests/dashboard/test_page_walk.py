"""Every page in both languages (issue 17): no table header left as a stored name (snake_case
or a lower-case code such as `value`, `low`, `file_name`), no "None", "nan" or "NaT" cell
no raw JSON and no ISO date (2025-10-15) in a visible column. The export page's preview is the file's own columns. In
English no catalogue unit is left in Bahasa Indonesia (captions, tables, chart axes)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path

import pytest

PAGES = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "app_pages").glob("*.py"))
WORDS = ("None", "nan", "NaT")
# The catalogue's units as stored (Bahasa Indonesia) that English writes otherwise; "Rp triliun"
# is looked for as "triliun" (English keeps "Rp" in "IDR trillion" apart).
_CATALOGUE = Path(__file__).resolve().parents[2] / "data/reference/rb/indicators.csv"
with _CATALOGUE.open(encoding="utf-8") as _fh:
    UNITS_ID = [*sorted({row["unit"] for row in csv.DictReader(_fh)} - {"Rp triliun"}), "triliun"]


def _english_units(at, page: str) -> list[str]:
    texts = [e.value for kind in ("caption", "markdown", "metric") for e in getattr(at, kind)]
    texts += [str(e.proto) for e in at.get("plotly_chart")]
    for table in at.dataframe:
        texts += [str(v) for c in table.value.columns for v in table.value[c].head(300)]
    return [
        f"{page}: unit {unit!r} in English mode: {text[:80]!r}"
        for text in map(str, texts)
        for unit in UNITS_ID
        if re.search(rf"(?<![\w-]){re.escape(unit)}(?![\w])", text)
    ][:3]


def _visible(table) -> list[tuple[str, object]]:
    """(header as the reader sees it, column) of each visible column of a shown table."""
    config = json.loads(table.proto.columns) if table.proto.columns else {}
    out = []
    for name in table.value.columns:
        column = config.get(f"column:{name}") or config.get(str(name)) or {}
        if not column.get("hidden"):
            out.append((column.get("label") or str(name), name))
    return out


def _problems(at, page: str) -> list[str]:
    found = []
    tables = list(at.dataframe)
    if page == "export":
        tables = tables[:-1]  # the preview: the file's column names, said in its caption
    for table in tables:
        for header, name in _visible(table):
            if re.search(r"_|^[a-z]", header):
                found.append(f"{page}: header {header!r}")
            cells = table.value[name].head(300)
            bad = [v for v in cells if isinstance(v, str) and (v in WORDS or v.startswith(("{", "[")))]  # fmt: skip
            if bad:
                found.append(f"{page}: {header!r} holds {bad[0]!r}")
            days = [v for v in cells if isinstance(v, dt.date) or (isinstance(v, str) and re.match(r"\d{4}-\d\d-\d\d", v))]  # fmt: skip
            if days:
                found.append(f"{page}: {header!r} shows a raw date {days[0]!r}")
            if cells.dtype == object and cells.isna().any():
                found.append(f"{page}: {header!r} has an empty cell drawn as None")
    return found


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_speaks_the_readers_language(app, open_page, lang):
    problems = []
    for page in PAGES:
        at = open_page(app, page, lang=lang)
        problems += _problems(at, page)
        if lang == "en":
            problems += _english_units(at, page)
    assert problems == []
