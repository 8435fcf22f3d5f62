"""Sheets + catalogue → typed observation rows and every issue found (not just the first).

One path checks every row. A national file repeats a few hundred agency codes, indicator codes,
years and quarters in 130,000 rows, so each field's check remembers what it accepted, keyed by
the raw cell (its type too, as 1 == 1.0 == True in Python): a cell seen and accepted before is
taken from the memo, anything else is checked and reported. A memo holds only results that gave
no issue and do not depend on where the cell is, so a new rule is written once, in its check
(`tests/etl/checks/test_validation_memo.py` holds the memo to the checks without it).
"""

from __future__ import annotations

from functools import partial
from operator import itemgetter

from etl.checks.agencies import not_in_period
from etl.checks.context import Context, Validation
from etl.checks.observation_cells import CellChecks
from etl.checks.periods import provisional_warnings
from etl.checks.row_checks import HistoryLookup, deduplicate, flag_outliers
from etl.core.issues import Issue, IssueList
from etl.core.rows import ValidRow
from etl.reading import cells
from etl.reading.layout import FIELD_NAMES, QuarterColumn
from etl.reading.read import Sheet, Workbook
from indicators.catalogue import Indicator

# The per-row cells, read in one call; a column the sheet lacks reads the padding None.
FIELDS = (
    "indicator_code", "agency_code", "agency_name", "year", "quarter", "target", "unit", "notes",
    "evidence_url",
)  # fmt: skip
# A row of 131,000 built without NamedTuple's Python-level __new__ (three times faster).
_new_row = partial(tuple.__new__, ValidRow)


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


class _SheetChecker(CellChecks):
    def __init__(self, sheet: Sheet, ctx: Context, issues: IssueList):
        super().__init__(sheet, ctx, issues)
        width = len(self.letters)
        self.pad = [None] * (width + 1)
        self.fields = itemgetter(*(self.cols.get(name, width) for name in FIELDS))
        # A formula without a result, an error or a percent format is found by its cell, so
        # on such a sheet a raw value alone does not decide a field's outcome.
        self.by_cell = bool(sheet.formulas_without_value or sheet.error_cells)
        self.memos = self.remember and not (self.by_cell or sheet.percent_cells)
        self.wide = self.layout.is_wide
        self.value_column = self.cols.get("value")
        self.target_column = self.cols.get("target")
        # What the checks accepted (CellChecks keeps its own): indicator cell → indicator;
        # agency cell → code; (code, name cell); year and quarter cells → (year, quarter);
        # (year, quarter, column) → period; (agency, period) admitted; (indicator code, period)
        # whose provisional warnings were said.
        self.indicators: dict[tuple, Indicator] = {}
        self.agency_cells: dict[tuple, str] = {}
        self.names: set[tuple[str, object]] = set()
        self.when: dict[tuple, tuple] = {}
        self.periods: dict[tuple, tuple[int, int]] = {}
        self.admitted: set[tuple] = set()
        self.quiet: set[tuple] = set()

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
        for r, row in self.sheet.data_rows():
            skipped += self._row(r, row, out)
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

    def _row(self, r: int, row: list, out: list[ValidRow]) -> int:
        cells_ = row + self.pad[len(row) :]
        raw_code, raw_agency, name, raw_year, raw_quarter, raw_target, unit, notes, evidence = (
            self.fields(cells_)
        )
        ic, by_cell = self.cols["indicator_code"], self.by_cell
        if by_cell and self.formula_missing(r, ic):
            return 0
        if self.wide:
            values = self._value_cells(cells_)
        else:
            v = cells_[self.value_column]
            values = ((self.value_column, None if v == "" else v, None),)
        if raw_code is None or raw_code == "":
            if any(not cells.is_not_reported(v) for _, v, _ in values):
                self.issue("unknown_indicator", r, ic, "")
            return 0
        # Each memo is asked here and filled by the check it stands for (no call on a hit).
        indicator = self.indicators.get((type(raw_code), raw_code)) or self._indicator(
            raw_code, r, ic
        )
        agency = self._agency(raw_agency, name, r)
        year, quarter = self.when.get(
            (type(raw_year), raw_year, type(raw_quarter), raw_quarter)
        ) or self._when(raw_year, raw_quarter, r)
        if agency and indicator:
            a = self.ctx.catalogue.agencies[agency]
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
        # Empty cells are the common case: no call for them, unless an empty-looking cell may
        # be a formula without a result or an error (the openpyxl path reads those as None).
        if not by_cell and (raw_target is None or raw_target == ""):
            target = None
        else:
            target = self._number(raw_target, r, self.target_column, indicator)
        unit = None if unit is None or unit == "" else self._unit(unit, r, indicator)
        notes = None if notes is None or notes == "" else str(notes)
        evidence = None if evidence is None or evidence == "" else self._evidence(evidence, r)
        skipped, sheet, line = 0, self.sheet.name, r + 1
        for c, value, column in values:
            if by_cell and self.formula_missing(r, c):
                continue
            if type(value) is not float and cells.is_not_reported(value):
                skipped += 1 if value is not None or not self.wide else 0
                continue
            period = self.periods.get((year, quarter, c)) or self._period(
                r, c, year, quarter, column
            )
            if (
                period
                and agency
                and (agency, period) not in self.admitted
                and not self._admitted(agency, period, r, c)
            ):
                continue
            number = self._number(value, r, c, indicator)
            if agency is None or indicator is None or number is None or period is None:
                continue
            if (indicator.code, period) not in self.quiet:
                self._provisional(indicator, period, r, c)
            out.append(_new_row((
                agency, indicator.code, *period, number, target, unit, notes, evidence, sheet,
                f"{self.letters[c]}{line}", None,
            )))  # fmt: skip
        return skipped

    def _indicator(self, raw_code, r: int, c: int) -> Indicator | None:
        indicator = self.ctx.catalogue.indicators.get(cells.indicator_code(raw_code))
        if indicator is None:
            self.issue("unknown_indicator", r, c, raw_code)
        elif self.remember:  # the code cell alone decides (no cell-bound rule reads it)
            self.indicators[(type(raw_code), raw_code)] = indicator
        return indicator

    def _when(self, raw_year, raw_quarter, r: int) -> tuple[int | None, int | None]:
        """The row's year and quarter (a wide sheet's quarter is its column's)."""
        key = (type(raw_year), raw_year, type(raw_quarter), raw_quarter)
        before = self.issues.total
        year = self._field(raw_year, r, "year", cells.parse_year)
        quarter = (
            None
            if self.layout.is_wide
            else self._field(raw_quarter, r, "quarter", cells.parse_quarter)
        )
        if self.memos and self.issues.total == before:
            self.when[key] = (year, quarter)
        return year, quarter

    def _admitted(self, agency: str, period: tuple[int, int], r: int, c: int) -> bool:
        """The body may report this period: it existed then and the period is not locked."""
        if self._outside_its_time(agency, period, r, c):
            return False
        if self.ctx.locked and self.ctx.locked(agency, *period):
            if self.issues.first_time("period_locked", agency, *period):
                self.issue("period_locked", r, c, f"{period[0]} TW{period[1]}", agency=agency)
            return False
        if self.memos:
            self.admitted.add((agency, period))
        return True

    def _provisional(self, indicator: Indicator, period: tuple[int, int], r: int, c: int) -> None:
        """Say a value's provisional warnings once per file; once said, the pair is quiet."""
        for code, key in provisional_warnings(indicator, period, self.ctx.today):
            if self.issues.first_time(*key):
                self.issue(code, r, c, f"{period[0]} TW{period[1]}", indicator=indicator.code)
        if self.memos:
            self.quiet.add((indicator.code, period))

    def _outside_its_time(self, agency: str, period: tuple[int, int], r: int, c: int) -> bool:
        """A ministry reports only the quarters it existed in; after its end its successors do
        (named in the message). Reported once per body and period."""
        problem = not_in_period(self.ctx.catalogue, agency, period)
        if problem and self.issues.first_time("agency_not_in_period", agency, *period):
            code, params = problem
            self.issue(code, r, c, f"{period[0]} TW{period[1]}", agency=agency, **params)
        return problem is not None

    def _value_cells(self, row: list) -> list[tuple[int, object, QuarterColumn | None]]:
        """(column, cell, its quarter column) of each value cell; `row` is padded."""
        if self.wide:
            return [
                (q.index, None if row[q.index] == "" else row[q.index], q)
                for q in self.layout.quarter_columns
            ]
        c = self.cols["value"]
        return [(c, None if row[c] == "" else row[c], None)]

    def _agency(self, raw, name, r: int) -> str | None:
        key = (type(raw), raw)
        code = self.agency_cells.get(key)
        if code is None:
            code = self._field(raw, r, "agency_code", cells.agency_code)
            if code is None:
                return None
            # A code from the metadata block was checked once, in _metadata.
            if raw is not None and raw != "":
                if not self._known_agency(code, r, self.cols.get("agency_code")):
                    return None
                if self.memos:
                    self.agency_cells[key] = code
        if name is not None and name != "" and (code, name) not in self.names:
            expected = self.ctx.catalogue.agencies[code].name
            if " ".join(str(name).split()).lower() != expected.lower():
                self.issue(
                    "agency_name_differs", r, self.cols["agency_name"], name, expected=expected
                )
            elif self.remember:
                self.names.add((code, name))
        return code

    def _period(self, r, c, year, quarter, column: QuarterColumn | None) -> tuple[int, int] | None:
        before = self.issues.total
        period = self.check_period(r, c, year, quarter, column)
        if period is not None and self.memos and self.issues.total == before:
            self.periods[(year, quarter, c)] = period
        return period
