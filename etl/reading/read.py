"""Workbook or CSV bytes → the sheets to validate, each with its rows and layout.

Nothing is executed: python-calamine reads cached values only (macros and external links are
never evaluated). Before calamine, every workbook is pre-scanned by what its bytes are
(`etl.reading.scan.choose`): the grids calamine would build are measured and refused past the
limits (rows for the whole file), decompression bombs are stopped, and what calamine cannot see
is reported (percent formats, formulas without a cached value, Excel error cells).
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass, field
from pathlib import PurePath

import python_calamine

from etl.core.issues import Issue, UploadError
from etl.reading.action_plan import ActionSheet, is_action_sheet_name, read_action_sheet
from etl.reading.cells import holds_values
from etl.reading.layout import Layout, find_layout, headers_seen
from etl.reading.scan.base import Limits
from etl.reading.scan.choose import prescan
from etl.reading.target_sheet import TargetSheet, find_target_layout, is_target_sheet_name

EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
PREFERRED_SHEETS = ("data", "isian", "realisasi")


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
    limits = limits or Limits.from_settings()
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise UploadError.one("unsupported_file", value=suffix or file_name)
    if len(data) > limits.max_bytes:
        raise UploadError.one(
            "file_too_large",
            size_mb=f"{len(data) / 1048576:.1f}",
            limit_mb=f"{limits.max_bytes / 1048576:.0f}",
        )
    actions: list[ActionSheet] = []
    targets: list[TargetSheet] = []
    warnings: list[Issue] = []
    if suffix == ".csv":
        sheets = [_csv_sheet(data, limits)]
    else:
        sheets = _workbook_sheets(suffix, data, limits, (actions, targets), warnings)
    read = [*sheets, *actions, *targets]
    counts = {sheet.name: sum(1 for _ in sheet.data_rows()) for sheet in read}
    _check_rows(counts, limits)
    total = sum(counts.values())
    if not total and not any(a.layout is None for a in [*actions, *targets]):
        raise UploadError.one("no_data_rows")
    return Workbook(sheets, warnings, action_sheets=actions, target_sheets=targets)


def _workbook_sheets(
    suffix: str,
    data: bytes,
    limits: Limits,
    side: tuple[list[ActionSheet], list[TargetSheet]],
    warnings: list[Issue],
) -> list[Sheet]:
    """The indicator sheets; action-plan and Target/Sasaran sheets are appended to `side`,
    problems of the whole file that do not refuse it to `warnings`."""
    actions, targets = side
    kind = {".xls": "Excel 97-2003 (.xls)", ".ods": "OpenDocument (.ods)"}.get(
        suffix, "Excel (.xlsx)"
    )
    scan = prescan(suffix, data, limits, kind)
    if scan.has_external_links:
        # Values from other workbooks or DDE links (cmd|...) arrive as the cached copy the
        # sender's Excel last saw: read, never refreshed, but the clerk should know.
        warnings.append(Issue.make("external_links"))
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise UploadError.one("password_protected") from exc
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise UploadError.one("corrupt_file", kind=kind, detail=_short(exc)) from exc
    visible = [
        m.name
        for m in book.sheets_metadata
        if str(m.visible).endswith("Visible") and "WorkSheet" in str(m.typ)
    ]
    if scan.source == "xlsx":  # only its scan reads the sheets' state
        visible = [n for n in visible if n in scan.sheets and not scan.sheets[n].hidden]
    preferred = [n for n in visible if n.strip().lower() in PREFERRED_SHEETS]
    candidates = preferred or visible
    sheets: list[Sheet] = []
    seen: list[str] = []
    for name in visible:
        named_action = is_action_sheet_name(name)
        named_target = is_target_sheet_name(name)
        if name not in candidates and not named_action and not named_target:
            continue
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
        except (python_calamine.CalamineError, ValueError) as exc:
            raise UploadError.one("corrupt_file", kind=kind, detail=_short(exc)) from exc
        _check_width(name, rows, limits)
        info = scan.sheets.get(name)
        if named_target:
            targets.append(_target_sheet(name, rows, info))
            continue
        layout = None if named_action else find_layout(rows)
        if layout is None:
            percent, no_value, errors = _scanned_cells(info)
            action = read_action_sheet(
                name,
                rows,
                sheet.merged_cell_ranges,
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
        raise UploadError.one("no_header", headers=", ".join(seen[:40]) or "-")
    return sheets


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
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UploadError.one("invalid_encoding", row=line) from exc
    sample = text[:20000]
    delimiter = ";" if _fields(sample, ";") > _fields(sample, ",") else ","
    rows: list[list] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append([cell if cell.strip() else None for cell in row])
            if len(rows) > limits.max_rows + 30:
                raise UploadError.one("too_many_rows", sheet="CSV", limit=limits.max_rows)
    except csv.Error as exc:  # a field over 128 KB, a broken quote at the end…
        raise UploadError.one("corrupt_file", kind="CSV", detail=_short(exc)) from exc
    _check_width("CSV", rows, limits)
    layout = find_layout(rows)
    if layout is None:
        raise UploadError.one("no_header", headers=", ".join(headers_seen(rows)[:40]) or "-")
    return Sheet(None, rows, layout)


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


def _check_rows(counts: dict[str | None, int], limits: Limits) -> None:
    """The row limit holds for the file: the pre-scan bounded the grids, this counts the data
    rows below each header, all sheets together."""
    for name, rows in counts.items():
        if rows > limits.max_rows:
            raise UploadError.one("too_many_rows", sheet=name, limit=limits.max_rows)
    if sum(counts.values()) > limits.max_rows:
        raise UploadError.one(
            "too_many_rows_in_file",
            sheets=", ".join(str(name) for name in counts),
            count=sum(counts.values()),
            limit=limits.max_rows,
        )


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]
