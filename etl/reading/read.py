"""Workbook or CSV bytes → the sheets to validate, each with its rows and layout.

Nothing is executed: the readers take cached values only (macros and external links are never
evaluated). The bytes decide the format (`etl.reading.sniff`); a workbook's sheets come from
`etl.reading.grids` (python-calamine after the pre-scans have measured its grids and seen what
it cannot see: percent formats, formulas without a cached value, Excel error cells; openpyxl for
the files calamine cannot open). Untrusted files are read in `etl.reading.sandbox`'s worker.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass, field

from etl.core.issues import Issue, UploadError
from etl.reading.action_plan import ActionSheet, is_action_sheet_name, read_action_sheet
from etl.reading.cells import cell_name, holds_values
from etl.reading.grids import open_grids, short
from etl.reading.layout import HEADER_SEARCH_ROWS, Layout, find_layout, headers_seen
from etl.reading.scan.base import HEADER_ROWS, Limits, cut, sheet_names
from etl.reading.sniff import Content, csv_text, identify
from etl.reading.target_sheet import TargetSheet, find_target_layout, is_target_sheet_name
from etl.reading.zip_directory import once_per_read

PREFERRED_SHEETS = ("data", "isian", "realisasi")
MAX_TEXTS_SHOWN = 10


@dataclass
class Sheet:
    name: str | None  # None for a CSV file
    rows: list[list]
    layout: Layout
    percent_cells: frozenset[str] = frozenset()
    formulas_without_value: frozenset[str] = frozenset()
    error_cells: frozenset[str] = frozenset()

    def data_rows(self) -> list[tuple[int, list]]:
        """(0-based row index, row) for each row below the header holding any value: found
        once, as the row limit and then validation both go through them."""
        return self._data_rows

    @functools.cached_property
    def _data_rows(self) -> list[tuple[int, list]]:
        start = self.layout.header_row + 1
        return [(i, row) for i, row in enumerate(self.rows[start:], start) if holds_values(row)]


@dataclass
class Workbook:
    sheets: list[Sheet]
    warnings: list[Issue] = field(default_factory=list)
    # Rencana Aksi sheets (issue 6): never indicator data, validated by etl.checks.action_plans.
    action_sheets: list[ActionSheet] = field(default_factory=list)
    # Target / Sasaran sheets (issue 12): the agency's own targets, by etl.checks.targets.
    target_sheets: list[TargetSheet] = field(default_factory=list)


def read_workbook(file_name: str, data: bytes, limits: Limits | None = None) -> Workbook:
    """Parse an upload; raise UploadError for a problem with the file as a whole. Runs in
    this process: untrusted files go through `etl.reading.sandbox.read_upload`."""
    with once_per_read():
        return _read(file_name, data, limits or Limits.from_settings())


def _read(file_name: str, data: bytes, limits: Limits) -> Workbook:
    if len(data) > limits.max_bytes:
        raise UploadError.one(
            "file_too_large",
            size_mb=f"{len(data) / 1048576:.1f}",
            limit_mb=f"{limits.max_bytes / 1048576:.0f}",
        )
    content = identify(file_name, data)  # the bytes decide; the name only words a warning
    actions: list[ActionSheet] = []
    targets: list[TargetSheet] = []
    warnings: list[Issue] = [w for w in [content.mismatch()] if w]
    if content.format == "csv":
        sheets = [_csv_sheet(data, limits)]
    else:
        sheets = _workbook_sheets(content, data, limits, (actions, targets), warnings)
    read = [*sheets, *actions, *targets]
    _check_rows(read, limits)
    total = sum(1 for sheet in read for _ in sheet.data_rows())
    if not total and not any(a.layout is None for a in [*actions, *targets]):
        raise UploadError.one("no_data_rows")
    return Workbook(sheets, warnings, action_sheets=actions, target_sheets=targets)


def _workbook_sheets(
    content: Content,
    data: bytes,
    limits: Limits,
    side: tuple[list[ActionSheet], list[TargetSheet]],
    warnings: list[Issue],
) -> list[Sheet]:
    """The indicator sheets; action-plan and Target/Sasaran sheets are appended to `side`,
    problems of the whole file that do not refuse it to `warnings`."""
    actions, targets = side
    grids = open_grids(content, data, limits, warnings)
    visible = grids.visible
    preferred = [n for n in visible if n.strip().lower() in PREFERRED_SHEETS]
    candidates = preferred or visible
    sheets: list[Sheet] = []
    seen: list[str] = []
    searched: list[str] = []  # the sheets whose first rows were searched for a header
    empty: list[str] = []  # … and of those, the ones without a single filled cell
    for name in visible:
        named_action = is_action_sheet_name(name)
        named_target = is_target_sheet_name(name)
        if name not in candidates and not named_action and not named_target:
            continue
        grid = grids.grid(name)
        rows, info = grid.rows, grid.scanned
        _check_width(name, rows, limits)
        searched.append(name)
        if not any(holds_values(row) for row in rows):
            empty.append(name)
        if named_target:
            targets.append(_target_sheet(name, rows, info))
            continue
        layout = None if named_action else find_layout(rows)
        if layout is None:
            percent, no_value, errors = _scanned_cells(info)
            action = read_action_sheet(
                name,
                rows,
                grid.merged,
                named=named_action,
                percent_cells=percent,
                formulas_without_value=no_value,
                error_cells=errors,
            )
            if action is not None:
                actions.append(action)
            else:
                seen.extend(h for h in headers_seen(rows) if h not in seen)
            continue
        sheets.append(Sheet(name, rows, layout, *_scanned_cells(info)))
    # A Data sheet whose header is not found is still an error beside an action plan: its
    # values must not be dropped silently.
    unread_data = [n for n in preferred if n not in {a.name for a in actions}]
    if not sheets and (unread_data or not (actions or targets)):
        if not seen and empty == searched:
            raise UploadError.one("empty_workbook", sheets=sheet_names(empty or visible))
        raise no_header(searched, seen)
    return sheets


def no_header(searched: list[str], seen: list[str]) -> UploadError:
    """The refusal of a file where no sheet has a header row: the sheets and rows searched and
    the first texts seen, bounded (a file of 30 rows of text once made a 20,000-character one)."""
    shown = [cut(text, 22) for text in seen[:MAX_TEXTS_SHOWN]]
    more = len(seen) - len(shown)
    return UploadError.one(
        "no_header",
        sheets=sheet_names(searched),
        rows=HEADER_SEARCH_ROWS,
        headers=", ".join(shown) or "-",
        more_id=f"; … dan {more} lainnya" if more else "",
        more_en=f"; … and {more} more" if more else "",
    )


def _scanned_cells(info) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """What the pre-scan found in a sheet that calamine cannot see: percent-formatted cells,
    formulas without a cached value, Excel error cells (nothing for a CSV or a sheet the scan
    did not list)."""
    if info is None:
        return frozenset(), frozenset(), frozenset()
    return (
        frozenset(info.percent_cells),
        frozenset(info.formulas_without_value),
        frozenset(info.error_cells),
    )


def _target_sheet(name: str, rows: list[list], info) -> TargetSheet:
    layout = find_target_layout(rows)
    seen = [] if layout else headers_seen(rows)
    return TargetSheet(name, rows, layout, *_scanned_cells(info), seen)


def _csv_sheet(data: bytes, limits: Limits) -> Sheet:
    text = csv_text(data)
    sample = text[:20000]
    delimiter = ";" if _fields(sample, ";") > _fields(sample, ",") else ","
    rows: list[list] = []
    lines = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for row in lines:
            rows.append([cell if cell.strip() else None for cell in row])
            if len(rows) > limits.max_rows + HEADER_ROWS:
                _refuse_long_csv(rows, lines, limits)
    except csv.Error as exc:  # a field over 128 KB, a broken quote at the end…
        raise UploadError.one("corrupt_file", kind="CSV", detail=short(exc)) from exc
    _check_width("CSV", rows, limits)
    layout = find_layout(rows)
    if layout is None:
        raise no_header(["CSV"], headers_seen(rows))
    return Sheet(None, rows, layout)


def _refuse_long_csv(rows: list[list], lines, limits: Limits) -> None:
    """A CSV past the row limit: the rest is counted, not kept, so the refusal says how many
    data rows the file really holds and where the last one is."""
    layout = find_layout(rows[:HEADER_ROWS])
    start = layout.header_row + 1 if layout else 0
    count = sum(1 for row in rows[start:] if holds_values(row))
    last = next((i, row) for i, row in reversed(list(enumerate(rows))) if holds_values(row))
    for index, row in enumerate(lines, len(rows)):
        if any(cell.strip() for cell in row):
            count, last = count + 1, (index, [c if c.strip() else None for c in row])
    raise UploadError.one(
        "too_many_csv_rows",
        count=count,
        corner=_last_filled([last]),
        limit=limits.max_rows,
    )


def _fields(sample: str, delimiter: str) -> int:
    """Fields per line that `delimiter` gives in the header area (more = the real one)."""
    lines = [line for line in sample.splitlines()[:30] if line.strip()]
    if not lines:
        return 0
    return max(len(next(csv.reader([line], delimiter=delimiter))) for line in lines)


def _check_width(name: str, rows: list[list], limits: Limits) -> None:
    width = max((len(r) for r in rows), default=0)
    if width > limits.max_columns:
        raise UploadError.one("too_many_columns", sheet=name, count=width, limit=limits.max_columns)


def _check_rows(read: list, limits: Limits) -> None:
    """The row limit holds for the file: the pre-scan bounded the grids, this counts the data
    rows below each header, all sheets together."""
    found = {sheet.name: list(sheet.data_rows()) for sheet in read}
    counts = {name: len(rows) for name, rows in found.items()}
    for name, rows in found.items():
        if len(rows) > limits.max_rows:
            raise UploadError.one(
                "too_many_data_rows" if name else "too_many_csv_rows",
                sheet=name,
                count=len(rows),
                corner=_last_filled(rows),
                limit=limits.max_rows,
            )
    if sum(counts.values()) > limits.max_rows:
        raise UploadError.one(
            "too_many_rows_in_file",
            sheets=sheet_names([str(name) for name in counts]),
            count=sum(counts.values()),
            limit=limits.max_rows,
        )


def _last_filled(data_rows: list[tuple[int, list]]) -> str:
    """The last filled cell of the last data row, as Excel names it."""
    index, row = data_rows[-1]
    column = max(i for i, v in enumerate(row) if v is not None and v != "") + 1
    return cell_name(column, index + 1)
