"""Finding the table in a sheet: header aliases, the header row, the metadata block above it
and the quarter columns of the wide layout. Works on plain rows (lists of cell values)."""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.reading.cells import header_key, quarter_header

HEADER_SEARCH_ROWS = 30

# field → accepted headers (Indonesian and English), matched after `header_key`.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "agency_code": ("kode_instansi", "kode instansi", "agency_code", "agency code"),
    "agency_name": ("nama_instansi", "agency_name", "nama instansi", "agency name"),
    "indicator_code": ("kode_indikator", "indicator_code", "kode indikator"),
    "indicator_name": ("nama_indikator", "indicator_name", "indikator", "indicator"),
    "year": ("tahun", "year"),
    "quarter": ("triwulan", "tw", "quarter"),
    "value": ("nilai", "realisasi", "value"),
    "target": ("target",),
    # The template's road-map target for the period: shown to the agency, never stored.
    "reference_target": ("target_acuan", "reference_target"),
    "unit": ("satuan", "unit"),
    "notes": ("keterangan", "catatan", "notes"),
    "evidence_url": ("tautan_bukti", "bukti", "evidence_url", "evidence link"),
}
HEADER_FIELDS: dict[str, str] = {
    header_key(alias): name for name, aliases in COLUMN_ALIASES.items() for alias in aliases
}

# Labels of the metadata block (label cell → field).
METADATA_LABELS: dict[str, str] = {
    header_key(label): name
    for name, labels in {
        "agency_code": ("Kode Instansi", "Agency code"),
        "year": ("Tahun", "Year"),
        "quarter": ("Triwulan", "Quarter"),
    }.items()
    for label in labels
}

# How a missing field is named in the bilingual message.
FIELD_NAMES = {
    "agency_code": (
        "Kode instansi",
        "The agency code",
        "kode_instansi",
        "Kode Instansi",
        "Agency code",
    ),
    "year": ("Tahun", "The year", "tahun", "Tahun", "Year"),
    "quarter": ("Triwulan", "The quarter", "triwulan", "Triwulan", "Quarter"),
}


@dataclass
class QuarterColumn:
    index: int
    quarter: int
    year: int | None
    header: str


@dataclass
class Layout:
    header_row: int  # 0-based index into the sheet's rows
    columns: dict[str, int]  # field → 0-based column index
    quarter_columns: list[QuarterColumn]
    headers: list[str]  # the header row as text, for messages
    unknown: list[str]
    metadata: dict[str, tuple[object, int, int]] = field(default_factory=dict)
    # field → (value, row index, column index)

    @property
    def is_wide(self) -> bool:
        return "value" not in self.columns and bool(self.quarter_columns)


def find_layout(rows: list[list]) -> Layout | None:
    """The header row within the first rows, with its columns and the metadata block above."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        layout = _header_layout(index, row)
        if layout is not None:
            layout.metadata = metadata_block(rows[:index])
            return layout
    return None


def headers_seen(rows: list[list]) -> list[str]:
    """Non-empty texts of the first rows: what a 'no header' message lists."""
    seen: list[str] = []
    for row in rows[:HEADER_SEARCH_ROWS]:
        for value in row:
            if isinstance(value, str) and value.strip() and value.strip() not in seen:
                seen.append(value.strip())
    return seen


def _header_layout(index: int, row: list) -> Layout | None:
    columns: dict[str, int] = {}
    quarters: list[QuarterColumn] = []
    unknown: list[str] = []
    headers = ["" if v is None else str(v).strip() for v in row]
    for col, text in enumerate(headers):
        if not text:
            continue
        name = HEADER_FIELDS.get(header_key(text))
        if name is not None:
            columns.setdefault(name, col)
            continue
        quarter = quarter_header(text)
        if quarter is not None:
            quarters.append(QuarterColumn(col, quarter[0], quarter[1], text))
        else:
            unknown.append(text)
    if "indicator_code" not in columns:
        return None
    if "value" not in columns and not quarters:
        return None
    if "value" in columns and quarters:
        # A long layout's quarter-named extra columns are not values: report them as unknown.
        unknown.extend(q.header for q in quarters)
        quarters = []
    return Layout(index, columns, quarters, headers, unknown)


def metadata_block(rows: list[list]) -> dict[str, tuple[object, int, int]]:
    found: dict[str, tuple[object, int, int]] = {}
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if not isinstance(cell, str) or not cell.strip():
                continue
            label, sep, rest = cell.partition(":")
            name = METADATA_LABELS.get(header_key(label))
            if name is None or name in found:
                continue
            if sep and rest.strip():
                found[name] = (rest.strip(), r, c)
                continue
            for c2 in range(c + 1, len(row)):
                value = row[c2]
                if value is not None and (not isinstance(value, str) or value.strip()):
                    found[name] = (value, r, c2)
                    break
    return found
