"""Sheets + catalogue → typed observation rows and every issue found (not just the first)."""

from __future__ import annotations

import datetime as dt

from etl.checks.accepted_cells import AcceptedCells, outside
from etl.checks.agencies import agency_problem, not_in_period
from etl.checks.context import Context, Validation
from etl.checks.periods import WarningsDue, provisional_warnings
from etl.checks.row_checks import HistoryLookup, deduplicate, flag_outliers, fmt
from etl.core.issues import Issue, IssueList
from etl.core.rows import ValidRow
from etl.reading import cells
from etl.reading.cells import CellProblem, column_letter
from etl.reading.layout import FIELD_NAMES, QuarterColumn
from etl.reading.read import Sheet, Workbook
from indicators.catalogue import Indicator


def validate(book: Workbook, ctx: Context, history: HistoryLookup | None = None) -> Validation:
    issues = IssueList(book.warnings)
    rows: list[ValidRow] = []
    skipped = 0
    for sheet in book.sheets:
        checker = _SheetChecker(sheet, ctx, issues)
        skipped += checker.run(rows)
    rows = deduplicate(rows, issues)
    if history is not None:
        ytd = frozenset(c for c, i in ctx.catalogue.indicators.items() if i.period_value == "ytd")
        flag_outliers(rows, history, issues, ytd)
    return Validation(rows, issues, skipped)


class _SheetChecker:
    def __init__(self, sheet: Sheet, ctx: Context, issues: IssueList):
        self.sheet, self.ctx, self.issues = sheet, ctx, issues
        self.layout = sheet.layout
        self.cols = self.layout.columns
        self.letters = [column_letter(i) for i in range(max(map(len, sheet.rows), default=0))]
        self.meta: dict[str, object] = {}
        self.memo: dict[tuple, object] = {}
        self.earliest = ctx.catalogue.earliest_year  # computed once, not per row
        self.started: dict[tuple[int, int], bool] = {}
        # What the full checks accepted, for the shortcut of rows seen before.
        self._warnings_due = WarningsDue(issues, ctx.today)
        self.accepted = AcceptedCells(
            sheet, self._value_cells, ctx.locked, self.letters, self._left_to_checks
        )

    # -- helpers -------------------------------------------------------------------------------
    def ref(self, row: int, col: int) -> str:
        return f"{self.letters[col] if col < len(self.letters) else column_letter(col)}{row + 1}"

    def issue(self, code: str, row: int | None, col: int | None, value=None, **params) -> None:
        if self.issues.full:
            self.issues.count_more(code)
            return
        in_table = row is None or row > self.layout.header_row
        header = (
            self.layout.headers[col]
            if in_table and col is not None and col < len(self.layout.headers)
            else None
        )
        cell = self.ref(row, col) if row is not None and col is not None else None
        self.issues.append(Issue.make(
            code, sheet=self.sheet.name, cell=cell, row=row + 1 if row is not None else None,
            column=header, value=value, **params,
        ))  # fmt: skip

    def raw(self, row: list, col: int | None):
        if col is None or col >= len(row):
            return None
        value = row[col]
        return None if value == "" else value

    def parse(self, parser, value, r: int, c: int | None, **params):
        """Run a cell parser; on a problem record it at the cell and return None.

        Results are remembered per (parser, cell value): a national file repeats the same few
        hundred codes, years and quarters in every row."""
        key = (parser, type(value), value)
        found = self.memo.get(key)
        if found is not None:
            return found
        try:
            parsed = parser(value)
        except CellProblem as problem:
            self.issue(problem.code, r, c, value, **problem.params, **params)
            return None
        self.memo[key] = parsed
        return parsed

    def formula_missing(self, r: int, c: int | None) -> bool:
        """A cell calamine reads as empty that is not: a formula without a saved result, or an
        Excel error (#DIV/0!, #N/A …). Either is an error at that cell, never "not reported"."""
        sheet = self.sheet
        if c is None or not (sheet.formulas_without_value or sheet.error_cells):
            return False
        ref = self.ref(r, c)
        for cells_, code in (
            (sheet.formulas_without_value, "formula_without_value"),
            (sheet.error_cells, "cell_error"),
        ):
            if ref in cells_:
                self.issue(code, r, c)
                return True
        return False

    # -- the sheet -----------------------------------------------------------------------------
    def run(self, out: list[ValidRow]) -> int:
        if self.layout.unknown:
            self.issues.append(
                Issue.make(
                    "unknown_columns", sheet=self.sheet.name, value=", ".join(self.layout.unknown)
                )
            )
        if not self._metadata() or not self._required_fields():
            return 0
        skipped = 0
        vouch = self.accepted.vouch if self.accepted.enabled else None
        for r, row in self.sheet.data_rows():
            done = vouch(r, row, out) if vouch else None
            skipped += self._row(r, row, out) if done is None else done
        return skipped

    def _metadata(self) -> bool:
        parsers = {
            "agency_code": cells.agency_code,
            "year": cells.parse_year,
            "quarter": cells.parse_quarter,
        }
        ok = True
        for name, (value, r, c) in self.layout.metadata.items():
            parsed = self.parse(parsers[name], value, r, c)
            if parsed is None or (name == "agency_code" and not self._known_agency(parsed, r, c)):
                ok = False
                continue
            self.meta[name] = parsed
        return ok

    def _required_fields(self) -> bool:
        wide_years = self.layout.is_wide and all(q.year for q in self.layout.quarter_columns)
        present = {
            "agency_code": "agency_code" in self.cols or "agency_code" in self.meta,
            "year": "year" in self.cols or "year" in self.meta or wide_years,
            "quarter": "quarter" in self.cols or "quarter" in self.meta or self.layout.is_wide,
        }
        for name, ok in present.items():
            if not ok:
                fid, fen, header, lid, len_ = FIELD_NAMES[name]
                self.issues.append(
                    Issue.make(
                        "missing_field",
                        sheet=self.sheet.name,
                        field_id=fid,
                        field_en=fen,
                        field_header=header,
                        label_id=lid,
                        label_en=len_,
                    )
                )
        return all(present.values())

    def _field(self, row: list, r: int, name: str, parser):
        """A per-row field: its column, else the metadata value; both must agree."""
        c = self.cols.get(name)
        value = row[c] if c is not None and c < len(row) else None
        meta = self.meta.get(name)
        if value is None or value == "":
            return None if self.formula_missing(r, c) else meta
        parsed = self.parse(parser, value, r, c)
        if parsed is not None and meta is not None and parsed != meta:
            self.issue("metadata_conflict", r, c, value, expected=meta)
            return None
        return parsed

    def _row(self, r: int, row: list, out: list[ValidRow]) -> int:
        catalogue = self.ctx.catalogue
        ic = self.cols["indicator_code"]
        raws = self.accepted.raw_fields(row)
        if self.formula_missing(r, ic):
            return 0
        raw_code = self.raw(row, ic)
        values = self._value_cells(row)
        if raw_code is None:
            if any(not cells.is_not_reported(v) for _, v, _ in values):
                self.issue("unknown_indicator", r, ic, "")
            return 0
        key = (cells.indicator_code, type(raw_code), raw_code)
        if key not in self.memo:
            self.memo[key] = cells.indicator_code(raw_code)
        indicator = catalogue.indicators.get(self.memo[key])
        if indicator is None:
            self.issue("unknown_indicator", r, ic, raw_code)
        agency = self._agency(row, r)
        before = self.issues.total
        year = self._field(row, r, "year", cells.parse_year)
        quarter = (
            self._field(row, r, "quarter", cells.parse_quarter) if not self.layout.is_wide else None
        )
        # The shortcut may trust these year and quarter cells only if they gave no issue here.
        period_cells = (type(raws[3]), raws[3], type(raws[4]), raws[4]) if raws else None
        if period_cells and self.issues.total == before:
            self.accepted.period_cells.add(period_cells)
        else:
            period_cells = None
        if agency and indicator:
            a = catalogue.agencies[agency]
            if not indicator.reported_by(a.type):
                self.issue(
                    "indicator_not_for_agency",
                    r,
                    ic,
                    indicator.code,
                    agency_type=a.type,
                    agency=agency,
                )
                indicator = None
            elif raws:
                self.accepted.agencies[(type(raws[1]), raws[1])] = (agency, a.type)
                self.accepted.indicators[(a.type, type(raws[0]), raws[0])] = indicator
        target = self._number(row, r, self.cols.get("target"), indicator)
        unit = self._unit(row, r, indicator)
        notes = self.raw(row, self.cols.get("notes"))
        evidence = self._evidence(row, r)
        skipped = 0
        for c, value, column in values:
            if self.formula_missing(r, c):
                continue
            if cells.is_not_reported(value):
                skipped += 1 if value is not None or not self.layout.is_wide else 0
                continue
            period = self._period(r, c, year, quarter, column)
            if period and period_cells:
                self.accepted.periods[(*period_cells, c)] = period
            if period and agency and self._outside_its_time(agency, period, r, c):
                continue
            if period and agency and self.ctx.locked and self.ctx.locked(agency, *period):
                if self.issues.first_time("period_locked", agency, *period):
                    self.issue("period_locked", r, c, f"{period[0]} TW{period[1]}", agency=agency)
                continue
            number = self._number(row, r, c, indicator)
            if None in (agency, indicator, number, period):
                continue
            self._provisional(indicator, period, r, c)
            out.append(
                ValidRow(
                    agency,
                    indicator.code,
                    period[0],
                    period[1],
                    number,
                    target,
                    unit,
                    None if notes is None else str(notes),
                    evidence,
                    self.sheet.name,
                    self.ref(r, c),
                )
            )
        return skipped

    def _provisional(self, indicator: Indicator, period: tuple[int, int], r: int, c: int) -> None:
        for code, key in provisional_warnings(indicator, period, self.ctx.today):
            if self.issues.first_time(*key):
                self.issue(code, r, c, f"{period[0]} TW{period[1]}", indicator=indicator.code)

    def _left_to_checks(self, agency: str, indicator: Indicator, period: tuple[int, int]) -> bool:
        """For the shortcut: a value these checks would refuse (a body outside its time) or
        still warn about for the first time in this file."""
        body = self.ctx.catalogue.agencies[agency]
        return not body.exists_in(*period) or self._warnings_due(indicator, period)

    def _outside_its_time(self, agency: str, period: tuple[int, int], r: int, c: int) -> bool:
        """A ministry reports only the quarters it existed in; after its end its successors do
        (named in the message). Reported once per body and period."""
        problem = not_in_period(self.ctx.catalogue, agency, period)
        if problem and self.issues.first_time("agency_not_in_period", agency, *period):
            code, params = problem
            self.issue(code, r, c, f"{period[0]} TW{period[1]}", agency=agency, **params)
        return problem is not None

    def _value_cells(self, row: list) -> list[tuple[int, object, QuarterColumn | None]]:
        if self.layout.is_wide:
            return [(q.index, self.raw(row, q.index), q) for q in self.layout.quarter_columns]
        c = self.cols["value"]
        return [(c, self.raw(row, c), None)]

    def _agency(self, row: list, r: int) -> str | None:
        code = self._field(row, r, "agency_code", cells.agency_code)
        if code is None:
            return None
        c = self.cols.get("agency_code")
        # A code from the metadata block was checked once, in _metadata.
        if self.raw(row, c) is not None and not self._known_agency(code, r, c):
            return None
        name = self.raw(row, self.cols.get("agency_name"))
        if name is not None and (code, name) not in self.accepted.names:
            expected = self.ctx.catalogue.agencies[code].name
            if " ".join(str(name).split()).lower() != expected.lower():
                self.issue(
                    "agency_name_differs", r, self.cols["agency_name"], name, expected=expected
                )
            else:
                self.accepted.names.add((code, name))
        return code

    def _known_agency(self, code: str, r: int, c: int | None) -> bool:
        problem = agency_problem(self.ctx, code)
        if problem:
            self.issue(problem, r, c, code)
        return problem is None

    def _period(self, r, c, year, quarter, column: QuarterColumn | None) -> tuple[int, int] | None:
        if column is not None:
            quarter = column.quarter
            if column.year is not None:
                if year is not None and year != column.year and "year" in self.cols:
                    self.issue("metadata_conflict", r, c, column.header, expected=year)
                    return None
                year = column.year
        if year is None or quarter is None:
            return None
        earliest = self.earliest
        if year < earliest:
            self.issue("year_too_early", r, self.cols.get("year", c), year, earliest=earliest)
            return None
        started = self.started.get((year, quarter))
        if started is None:
            started = self.started[(year, quarter)] = (
                dt.date(year, 3 * quarter - 2, 1) <= self.ctx.today
            )
        if not started:
            self.issue(
                "quarter_not_started", r, c, f"{year} TW{quarter}", year=year, quarter=quarter
            )
            return None
        return (year, quarter)

    def _number(
        self, row: list, r: int, c: int | None, indicator: Indicator | None
    ) -> float | None:
        value = self.raw(row, c)
        if type(value) is float:  # the common case: a numeric cell, taken as it is
            number = value
        elif self.formula_missing(r, c) or value is None or cells.is_not_reported(value):
            return None
        else:
            number = self.parse(cells.parse_number, value, r, c)
            if number is None:
                return None
        if (
            self.sheet.percent_cells
            and indicator is not None
            and indicator.is_percent
            and isinstance(value, (int, float))
            and self.ref(r, c) in self.sheet.percent_cells
        ):
            number *= 100.0
        if indicator is not None and outside(indicator, number):
            self.issue(
                "value_out_of_range",
                r,
                c,
                fmt(number),
                indicator=indicator.code,
                low=fmt(indicator.min),
                high=fmt(indicator.max),
            )
            return None
        return number

    def _unit(self, row: list, r: int, indicator: Indicator | None) -> str | None:
        c = self.cols.get("unit")
        unit = self.raw(row, c)
        if unit is None:
            return None
        unit = str(unit).strip()
        if indicator is not None:
            if cells.same_unit(unit, indicator.unit):
                self.accepted.units.add((unit, indicator.code))
            else:
                self.issue("unit_mismatch", r, c, unit, expected=indicator.unit)
        return unit

    def _evidence(self, row: list, r: int) -> str | None:
        c = self.cols.get("evidence_url")
        url = self.raw(row, c)
        if url is None:
            return None
        raw, url = url, str(url).strip()
        if not cells.is_http_url(url):
            self.issue("invalid_url", r, c, url)
            return None
        self.accepted.urls.add(raw)
        return url
