"""What the checkers of a side sheet share (action plans, targets): an issue at a cell of the
sheet with its column header, a field's raw cell, and the cells calamine reads as empty that are
not (a formula without a saved result, an Excel error)."""

from __future__ import annotations

from etl.core.issues import Issue
from etl.reading.cells import column_letter


class SheetCells:
    """`sheet` has name, rows, layout (None: no header found; else header_row, columns,
    headers), formulas_without_value and error_cells; `issues` collects what is found."""

    def __init__(self, sheet, issues: list[Issue]):
        self.sheet, self.issues = sheet, issues
        self.layout = sheet.layout
        self.cols: dict[str, int] = self.layout.columns if self.layout else {}
        self.errors = 0
        width = max(map(len, sheet.rows), default=0)
        self.letters = [column_letter(i) for i in range(width)]

    def ref(self, r: int, c: int) -> str:
        return f"{self.letters[c] if c < len(self.letters) else column_letter(c)}{r + 1}"

    def issue(self, code: str, r: int | None, c: int | None, value=None, **params) -> None:
        header = None
        if self.layout and r is not None and r > self.layout.header_row and c is not None:
            header = self.layout.headers[c] if c < len(self.layout.headers) else None
        issue = Issue.make(
            code,
            sheet=self.sheet.name,
            cell=self.ref(r, c) if r is not None and c is not None else None,
            row=None if r is None else r + 1,
            column=header,
            value=value,
            **params,
        )
        self.errors += issue.is_error
        self.issues.append(issue)

    def raw(self, row: list, name: str):
        c = self.cols.get(name)
        if c is None or c >= len(row) or row[c] == "":
            return None
        return row[c]

    def unusable(self, r: int, name: str) -> bool:
        """A formula without a saved result or an Excel error cell at field `name`: calamine
        reads it as empty, but it is an error at that cell, never "not reported"."""
        c = self.cols.get(name)
        if c is None or not (self.sheet.formulas_without_value or self.sheet.error_cells):
            return False
        ref = self.ref(r, c)
        for found, code in (
            (self.sheet.formulas_without_value, "formula_without_value"),
            (self.sheet.error_cells, "cell_error"),
        ):
            if ref in found:
                self.issue(code, r, c)
                return True
        return False
