"""Finding the action-plan (Rencana Aksi) table in a sheet.

Two shapes are read by the same code: the agency template (one header row: `tema`,
`rencana_aksi`, `target_tw1` …) and the "RAD RB Tematik" export of regional governments, whose
header spans three merged rows (`REALISASI RENAKSI` over `TW2` over `Rp`). A column's header is
the path of its levels joined ("realisasirenaksi/tw2/rp"); merged cells are filled from their
top-left cell first, so a group title covers every column under it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.reading.cells import header_key, holds_values
from etl.reading.layout import HEADER_SEARCH_ROWS, headers_seen, metadata_block

SHEET_NAMES = frozenset(header_key(n) for n in ("Rencana Aksi", "Renaksi", "Action plan"))
MAX_HEADER_ROWS = 4
QUARTER_FIELDS = ("target", "realised", "planned_rp", "spent_rp")


def _keys(*aliases: str) -> tuple[str, ...]:
    return tuple("/".join(header_key(p) for p in a.split("/")) for a in aliases)


# field → accepted header paths (Indonesian and English), after `header_key` on each level.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "action_code": _keys("kode_aksi", "action_code"),
    "theme": _keys("tema", "theme", "kode_tema"),
    "problem": _keys("permasalahan", "problem", "masalah"),
    "objective": _keys("sasaran_tematik", "sasaran", "thematic_objective", "objective"),
    "impact_indicator": _keys("indikator", "indikator_tematik", "indicator", "thematic_indicator"),
    "action": _keys("rencana_aksi", "renaksi", "action"),
    "output_indicator": _keys(
        "indikator_output", "output_indicator", "output/indikator", "output/indicator"
    ),
    "output_unit": _keys("satuan_output", "output_unit", "output/satuan", "output/unit"),
    "target_year": _keys("target_tahun", "target_tahunan", "annual_target", "year_target"),
    "budget": _keys("anggaran", "anggaran_tahun", "budget", "pagu_anggaran"),
    "budget_spent": _keys("realisasi_anggaran", "budget_spent"),
    "focus": _keys("fokus_intervensi", "intervention_focus"),
    "coordinator": _keys("koordinator", "coordinator"),
    "implementer": _keys("pelaksana", "implementer"),
    "notes": _keys("catatan", "keterangan", "notes"),
    "evidence_url": _keys("tautan_bukti", "bukti", "evidence_url", "evidence_link"),
    # Read so that they are not reported as unknown; not stored: the impact target and its unit
    # belong to the indicators, RUMUS only says how the realisation was computed.
    "ignored": _keys("no", "nomor", "target", "satuan", "rumus", "formula", "unit"),
}
HEADER_FIELDS = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}
ANCHORS = frozenset(FIELD_ALIASES["action"])
# Texts of the lower header levels (what tells a second header row from the first data row).
_SUB_HEADERS = frozenset(
    _keys("target", "rp", "rupiah", "satuan", "unit", "indikator", "indicator", "realisasi")
)
_QUARTER = re.compile(r"(?:tw|trw|triwulan|q|kuartal|quarter)(iv|iii|ii|i|[1-4])$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_REALISED = ("realisasi", "realisation", "realised", "realized", "spent", "capaian")
_MONEY = ("anggaran", "budget", "pagu")
_TITLE_YEAR = re.compile(r"\b(?:tahun|year)\s*:?\s*((?:19|20)\d\d)\b", re.IGNORECASE)

Merged = list[tuple[tuple[int, int], tuple[int, int]]]


@dataclass
class ActionLayout:
    header_row: int  # 0-based index of the last header row; data starts below it
    columns: dict[str, int]  # field (target_tw1, spent_rp_tw2 …) → 0-based column index
    headers: list[str]  # each column's joined header, for messages
    unknown: list[str]
    metadata: dict[str, tuple[object, int, int]] = field(default_factory=dict)
    title_year: tuple[int, int, int] | None = None  # (year, row, column) from a title row


@dataclass
class ActionSheet:
    name: str
    rows: list[list]
    layout: ActionLayout | None  # None: a sheet named as an action plan without its header
    percent_cells: frozenset[str] = frozenset()
    formulas_without_value: frozenset[str] = frozenset()
    headers_seen: list[str] = field(default_factory=list)
    error_cells: frozenset[str] = frozenset()

    def data_rows(self):
        if self.layout is None:
            return
        for index in range(self.layout.header_row + 1, len(self.rows)):
            row = self.rows[index]
            if holds_values(row):
                yield index, row


def is_action_sheet_name(name: str | None) -> bool:
    return name is not None and header_key(name) in SHEET_NAMES


def column_field(path: list[str]) -> str | None:
    """The field a column's header path (levels after `header_key`) stands for, or None."""
    joined = "/".join(path)
    if joined in HEADER_FIELDS:
        return HEADER_FIELDS[joined]
    quarter, rest = None, []
    for piece in path:
        match = _QUARTER.search(piece)
        if match and quarter is None:
            quarter = _ROMAN.get(match.group(1)) or int(match.group(1))
            piece = piece[: match.start()]
        if piece:
            rest.append(piece)
    if quarter is None:
        return None
    words = "/".join(rest)
    realised = any(w in words for w in _REALISED)
    money = any(p in ("rp", "rupiah") or any(m in p for m in _MONEY) for p in rest)
    kind = (
        ("spent_rp" if money else "realised") if realised else "planned_rp" if money else "target"
    )
    return f"{kind}_tw{quarter}"


def read_action_sheet(
    name: str,
    rows: list[list],
    merged: Merged | None,
    *,
    named: bool,
    percent_cells: frozenset[str] = frozenset(),
    formulas_without_value: frozenset[str] = frozenset(),
    error_cells: frozenset[str] = frozenset(),
) -> ActionSheet | None:
    """The sheet as an action plan; None when it is not one (a sheet named `Rencana Aksi` always
    is one: without a header it comes back with `layout=None`, an error for the validator)."""
    rows = [list(r) for r in rows]
    layout = find_action_layout(rows, merged or [], require_quarters=not named)
    if layout is None and not named:
        return None
    if layout is not None:
        _fill_down(rows, merged or [], layout)
    seen = [] if layout else headers_seen(rows)
    return ActionSheet(name, rows, layout, percent_cells, formulas_without_value, seen, error_cells)


def find_action_layout(
    rows: list[list], merged: Merged, *, require_quarters: bool = True
) -> ActionLayout | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if not any(header_key(v) in ANCHORS for v in row if isinstance(v, str)):
            continue
        depth = _depth(rows, index, merged)
        grid = _header_grid(rows, index, depth, merged)
        columns: dict[str, int] = {}
        headers, unknown = [], []
        for col in range(max(map(len, grid))):
            texts = _dedupe([str(level[col]).strip() for level in grid if _text(level, col)])
            headers.append(" / ".join(texts))
            if not texts:
                continue
            name = column_field([header_key(t) for t in texts])
            if name is None:
                unknown.append(headers[-1])
            elif name != "ignored":
                columns.setdefault(name, col)
        has_quarters = any(n.endswith(("_tw1", "_tw2", "_tw3", "_tw4")) for n in columns)
        # A title cell reading "Rencana Aksi" is not a header: a header names more columns.
        if "action" not in columns or len(columns) < 3 or (require_quarters and not has_quarters):
            continue
        end = index + depth - 1
        return ActionLayout(
            end, columns, headers, unknown, metadata_block(rows[:index]), _title_year(rows[:index])
        )
    return None


def _text(level: list, col: int) -> bool:
    return col < len(level) and level[col] is not None and str(level[col]).strip() != ""


def _dedupe(texts: list[str]) -> list[str]:
    """A vertically merged header repeats itself on each level: keep one."""
    out: list[str] = []
    for text in texts:
        if not out or header_key(out[-1]) != header_key(text):
            out.append(text)
    return out


def _depth(rows: list[list], index: int, merged: Merged) -> int:
    by_merge = max(
        (r2 - r1 + 1 for (r1, _), (r2, _) in merged if r1 == index),
        default=1,
    )
    depth = 1
    # Without merge information (or beyond it) a row of sub-header words is a header level.
    while depth < MAX_HEADER_ROWS and index + depth < len(rows):
        texts = [v for v in rows[index + depth] if v is not None and v != ""]
        if not texts or not all(isinstance(v, str) and _is_sub_header(v) for v in texts):
            break
        depth += 1
    return min(max(by_merge, depth), MAX_HEADER_ROWS)


def _is_sub_header(text: str) -> bool:
    key = header_key(text)
    return key in _SUB_HEADERS or bool(_QUARTER.fullmatch(key))


def _header_grid(rows: list[list], index: int, depth: int, merged: Merged) -> list[list]:
    width = max(len(rows[r]) for r in range(index, min(index + depth, len(rows))))
    grid = [
        list(rows[r]) + [None] * (width - len(rows[r])) if r < len(rows) else [None] * width
        for r in range(index, index + depth)
    ]
    covered = False
    for (r1, c1), (r2, c2) in merged:
        if r2 < index or r1 >= index + depth or r1 < index:
            continue
        covered = True
        value = rows[r1][c1] if c1 < len(rows[r1]) else None
        for r in range(r1, min(r2, index + depth - 1) + 1):
            for c in range(c1, min(c2, width - 1) + 1):
                grid[r - index][c] = value
    if not covered:
        # No merge information (.ods, .csv-like exports): a group title covers the columns to
        # its right that have a lower level but no title of their own.
        for level in range(depth - 1):
            for c in range(1, width):
                below = any(_text(grid[lv], c) for lv in range(level + 1, depth))
                if not _text(grid[level], c) and below and _text(grid[level], c - 1):
                    below_left = any(_text(grid[lv], c - 1) for lv in range(level + 1, depth))
                    if below_left:
                        grid[level][c] = grid[level][c - 1]
    return grid


# Columns whose merged cells span several actions (one problem, many actions): each action
# takes the value. Money is never filled down: it would be counted once per row.
FILL_DOWN = ("problem", "objective", "impact_indicator", "theme", "action")


def _fill_down(rows: list[list], merged: Merged, layout: ActionLayout) -> None:
    cols = {layout.columns[f] for f in FILL_DOWN if f in layout.columns}
    for (r1, c1), (r2, c2) in merged:
        if r1 <= layout.header_row or c1 not in cols:
            continue
        value = rows[r1][c1] if c1 < len(rows[r1]) else None
        for r in range(r1 + 1, min(r2 + 1, len(rows))):
            for c in range(c1, c2 + 1):
                if c < len(rows[r]) and rows[r][c] in (None, ""):
                    rows[r][c] = value


def _title_year(rows: list[list]) -> tuple[int, int, int] | None:
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if isinstance(cell, str) and (match := _TITLE_YEAR.search(cell)):
                return (int(match.group(1)), r, c)
    return None
