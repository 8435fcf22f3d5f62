"""Finding the targets table (sheet `Target` or `Sasaran`): an agency's own baselines and
targets (RPJMD, Renstra), read by the same header search and metadata block as the data sheet.

The sheet is chosen by its name only: its header (kode_indikator, nilai …) would otherwise pass
for a data sheet, and its rows are never observations."""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.reading.cells import header_key, holds_values
from etl.reading.layout import HEADER_SEARCH_ROWS, metadata_block

SHEET_NAMES = frozenset(header_key(n) for n in ("Target", "Sasaran", "Targets"))

# field → accepted headers (Indonesian and English), matched after `header_key`.
TARGET_ALIASES: dict[str, tuple[str, ...]] = {
    "agency_code": ("kode_instansi", "kode instansi", "agency_code", "agency code"),
    "agency_name": ("nama_instansi", "agency_name"),
    "indicator_code": ("kode_indikator", "indicator_code", "kode indikator"),
    "indicator_name": ("nama_indikator", "indicator_name", "indikator", "indicator"),
    "year": ("tahun", "year"),
    "kind": ("jenis", "kind"),
    "value": ("nilai", "value"),
    "low": ("batas_bawah", "low"),
    "high": ("batas_atas", "high"),
    "source": ("sumber", "source"),
    "roadmap": ("peta_jalan", "roadmap", "road map"),
    "unit": ("satuan", "unit"),
    "notes": ("keterangan", "catatan", "notes"),
}
HEADER_FIELDS = {header_key(a): name for name, aliases in TARGET_ALIASES.items() for a in aliases}


@dataclass
class TargetLayout:
    header_row: int  # 0-based
    columns: dict[str, int]  # field → 0-based column index
    headers: list[str]
    unknown: list[str]
    metadata: dict[str, tuple[object, int, int]] = field(default_factory=dict)


@dataclass
class TargetSheet:
    name: str
    rows: list[list]
    layout: TargetLayout | None  # None: named Target/Sasaran but no header row found
    percent_cells: frozenset[str] = frozenset()
    formulas_without_value: frozenset[str] = frozenset()
    error_cells: frozenset[str] = frozenset()
    headers_seen: list[str] = field(default_factory=list)

    def data_rows(self):
        if self.layout is None:
            return
        for index in range(self.layout.header_row + 1, len(self.rows)):
            if holds_values(self.rows[index]):
                yield index, self.rows[index]


def is_target_sheet_name(name: str | None) -> bool:
    return name is not None and header_key(name) in SHEET_NAMES


def find_target_layout(rows: list[list]) -> TargetLayout | None:
    """The first row within the first 30 that holds an indicator-code and a kind column."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        unknown: list[str] = []
        headers = ["" if v is None else str(v).strip() for v in row]
        for col, text in enumerate(headers):
            if not text:
                continue
            name = HEADER_FIELDS.get(header_key(text))
            if name is None:
                unknown.append(text)
            else:
                columns.setdefault(name, col)
        if "indicator_code" in columns and "kind" in columns:
            layout = TargetLayout(index, columns, headers, unknown)
            layout.metadata = metadata_block(rows[:index])
            return layout
    return None
