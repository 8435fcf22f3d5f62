"""What the full checks of one sheet accepted, remembered by raw cell values, and the shortcut
that stores a later row from those answers: a national file repeats a few hundred agency codes,
indicator codes, years and quarters in 130,000 rows. Keys carry the cell's type, as 1 == 1.0 ==
True in Python. `tests/etl/test_validation_shortcut.py` holds it to the full checks' results.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING

from etl.core.rows import ValidRow

if TYPE_CHECKING:
    from etl.reading.read import Sheet
    from indicators.catalogue import Indicator

FIELDS = (
    "indicator_code", "agency_code", "agency_name", "year", "quarter", "target", "unit", "notes",
    "evidence_url",
)  # fmt: skip
_PAD = [None]
# A row of 131,000 built without NamedTuple's Python-level __new__ (three times faster).
_new_row = partial(tuple.__new__, ValidRow)


class AcceptedCells:
    def __init__(
        self,
        sheet: Sheet,
        value_cells: Callable[[list], list],
        locked: Callable[[str, int, int], bool] | None,
        letters: list[str],
        left_to_checks: Callable[[str, Indicator, tuple[int, int]], bool],
    ):
        # agency cell → (code, type); (agency type, indicator cell) → indicator; year and
        # quarter cells that gave no issue, and with a value column → the period (before the
        # agency's locks); (agency code, name cell); (unit, indicator code); evidence links.
        self.agencies: dict[tuple, tuple[str, str]] = {}
        self.indicators: dict[tuple, Indicator] = {}
        self.period_cells: set[tuple] = set()
        self.periods: dict[tuple, tuple[int, int]] = {}
        self.names: set[tuple[str, object]] = set()
        self.units: set[tuple[str, str]] = set()
        self.urls: set[object] = set()
        self.sheet_name, self.locked, self.letters = sheet.name, locked, letters
        # Values the checks must see (a refusal or a first warning to word) are left to them.
        self.left_to_checks = left_to_checks
        layout = sheet.layout
        # The cells `vouch` reads, in one call; a missing column reads the padding None. Rows
        # of another width than the header's (a ragged CSV) take the full checks.
        self.width = len(sheet.rows[layout.header_row])
        self.fields = itemgetter(*(layout.columns.get(name, self.width) for name in FIELDS))
        self.wide = layout.is_wide
        self.value_columns = [c for c, _, _ in value_cells([None] * self.width)]
        # Row numbers never change a check's outcome unless a cell is listed by the pre-scan.
        self.enabled = not (
            sheet.formulas_without_value or sheet.error_cells or sheet.percent_cells
        ) and all(c < self.width for c in self.value_columns)

    def raw_fields(self, row: list) -> tuple | None:
        """The row's cells in FIELDS order, when the shortcut can use what is learnt from them."""
        return self.fields(row + _PAD) if self.enabled and len(row) == self.width else None

    def vouch(self, r: int, row: list, out: list[ValidRow]) -> int | None:
        """A row whose every field equals one the full checks already accepted in this sheet,
        stored without running them again (a national file repeats a few hundred codes, years
        and quarters in 130,000 rows). Returns the skipped count, or None to leave the row to
        the full checks (`_SheetChecker._row` in etl.checks.observations), which report its issues: anything new, textual numbers, out-of-range values.
        """
        if len(row) != self.width:
            return None
        code, agency, name, year, quarter, target, unit, notes, evidence = self.fields(row + _PAD)
        known = self.agencies.get((type(agency), agency))
        if known is None:
            return None
        agency, agency_type = known
        if name is not None and name != "" and (agency, name) not in self.names:
            return None
        indicator = self.indicators.get((agency_type, type(code), code))
        if indicator is None:
            return None
        code, period_key = indicator.code, (type(year), year, type(quarter), quarter)
        if period_key not in self.period_cells:  # checked even when every value is empty
            return None
        if target == "":
            target = None
        elif target is not None and (type(target) is not float or outside(indicator, target)):
            return None
        if unit is not None and unit != "":
            unit = str(unit).strip()
            if (unit, code) not in self.units:
                return None
        else:
            unit = None
        if evidence is not None and evidence != "":
            if evidence not in self.urls:
                return None
            evidence = str(evidence).strip()
        else:
            evidence = None
        notes = None if notes is None or notes == "" else str(notes)
        found, skipped, periods, locked = [], 0, self.periods, self.locked
        sheet = self.sheet_name
        for c in self.value_columns:
            value = row[c]
            if value is None or value == "":
                skipped += 0 if self.wide else 1
                continue
            period = periods.get((*period_key, c))
            if type(value) is not float or period is None or outside(indicator, value):
                return None
            if locked and locked(agency, *period):
                return None
            if self.left_to_checks(agency, indicator, period):
                return None
            ref = f"{self.letters[c]}{r + 1}"
            row_ = (agency, code, *period, value, target, unit, notes, evidence, sheet, ref, None)
            found.append(_new_row(row_))
        out.extend(found)
        return skipped


def outside(indicator: Indicator, number: float) -> bool:
    return (indicator.min is not None and number < indicator.min) or (
        indicator.max is not None and number > indicator.max
    )
