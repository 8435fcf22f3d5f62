"""One observation sheet's cells: where an issue is recorded, and the check of each field
(agency code, year or quarter, period, number, unit, evidence link), each remembering in this
sheet what it accepted where no cell-bound rule could change the answer."""

from __future__ import annotations

import datetime as dt

from etl.checks.agencies import agency_problem
from etl.checks.context import Context
from etl.checks.row_checks import fmt
from etl.core.issues import Issue, IssueList
from etl.reading import cells
from etl.reading.cells import CellProblem, column_letter
from etl.reading.read import Sheet
from indicators.catalogue import Indicator


class CellChecks:
    # Off only in the test that compares the memos with the checks they stand for.
    remember = True

    def __init__(self, sheet: Sheet, ctx: Context, issues: IssueList):
        self.sheet, self.ctx, self.issues = sheet, ctx, issues
        self.layout = sheet.layout
        self.cols = self.layout.columns
        self.letters = [column_letter(i) for i in range(max(map(len, sheet.rows), default=0))]
        self.meta: dict[str, object] = {}  # the metadata block's fields, once checked
        self.memo: dict[tuple, object] = {}  # (parser, type, cell) → parsed
        self.earliest = ctx.catalogue.earliest_year  # computed once, not per row
        self.started: dict[tuple[int, int], bool] = {}
        self.units: set[tuple[str, str]] = set()  # (unit cell, indicator code) accepted
        self.urls: set[object] = set()  # evidence cells accepted

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
    def _field(self, value, r: int, name: str, parser):
        """A per-row field: its column's cell, else the metadata value; both must agree."""
        c = self.cols.get(name)
        meta = self.meta.get(name)
        if value is None or value == "":
            return None if self.formula_missing(r, c) else meta
        parsed = self.parse(parser, value, r, c)
        if parsed is not None and meta is not None and parsed != meta:
            self.issue("metadata_conflict", r, c, value, expected=meta)
            return None
        return parsed

    def _known_agency(self, code: str, r: int, c: int | None) -> bool:
        problem = agency_problem(self.ctx, code)
        if problem:
            self.issue(problem, r, c, code)
        return problem is None

    def check_period(self, r, c, year, quarter, column) -> tuple[int, int] | None:
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

    def _number(self, value, r: int, c: int | None, indicator: Indicator | None) -> float | None:
        if type(value) is float:  # the common case: a numeric cell, taken as it is
            number = value
        elif self.formula_missing(r, c) or value is None or cells.is_not_reported(value):
            return None
        else:
            number = self.parse(cells.parse_number, value, r, c)
            if number is None:
                return None
        return judged_number(self, value, number, r, c, indicator)

    def _unit(self, unit, r: int, indicator: Indicator | None) -> str:
        unit = str(unit).strip()
        if indicator is not None and (unit, indicator.code) not in self.units:
            if cells.same_unit(unit, indicator.unit):
                if self.remember:
                    self.units.add((unit, indicator.code))
            else:
                self.issue("unit_mismatch", r, self.cols.get("unit"), unit, expected=indicator.unit)
        return unit

    def _evidence(self, url, r: int) -> str | None:
        if url in self.urls:
            return str(url).strip()
        raw, url = url, str(url).strip()
        if not cells.is_http_url(url):
            self.issue("invalid_url", r, self.cols.get("evidence_url"), url)
            return None
        if self.remember:
            self.urls.add(raw)
        return url


def judged_number(checker, value, number: float, r: int, c: int, indicator: Indicator | None):
    """A cell's number as its indicator means it: a percent-formatted cell (0.85) is 85; then
    the indicator's range (`value_out_of_range` at the cell, and None). The one statement of
    both rules for values and targets; `checker` has `sheet`, `ref` and `issue`."""
    if (
        checker.sheet.percent_cells
        and indicator is not None
        and indicator.is_percent
        and isinstance(value, (int, float))
        and checker.ref(r, c) in checker.sheet.percent_cells
    ):
        number *= 100.0
    if indicator is not None and indicator.out_of_range(number):
        checker.issue(
            "value_out_of_range", r, c, fmt(number), indicator=indicator.code,
            low=fmt(indicator.min), high=fmt(indicator.max),
        )  # fmt: skip
        return None
    return number
