"""One worksheet part of an .xlsx through the byte patterns, in a sliding window (the streaming
half of `etl.reading.scan.xlsx`): the grid calamine will build (filled cells only), percent
cells, formulas without a result, error cells, linked formulas."""

from __future__ import annotations

import re
from collections.abc import Iterator

from etl.core.issues import Issue, UploadError
from etl.reading.cells import cell_name
from etl.reading.scan.base import (
    HEADER_ROWS,
    LINKED_FORMULA,
    Limits,
    NotUnderstood,
    SheetScan,
    check_height,
)
from etl.reading.scan.xlsx_patterns import (
    ERROR_ATTR,
    ERROR_TAG,
    NAME,
    REF,
    ROOT,
    attr,
    beyond,
    column_number,
    sheet_patterns,
    upper_refs,
    whole_number,
)

MAX_CARRY = 8 << 20  # far above any real cell; past it the window may cut inside one
KIND = "Excel (.xlsx)"


def not_understood(detail: str) -> UploadError:
    return NotUnderstood([Issue.make("corrupt_file", kind=KIND, detail=detail[:160])])


def corrupt(detail: str) -> UploadError:
    return UploadError.one("corrupt_file", kind=KIND, detail=detail[:160])


class SheetReader:
    """Runs one sheet part through the patterns over a sliding window.

    The window is cut just before its last <c or <row tag, so each region holds whole cells and
    whole empty rows; the cut tag is carried into the next chunk.
    """

    def __init__(self, sheet: SheetScan, percent: frozenset[int], limits: Limits):
        self.sheet, self.percent, self.row_limit = sheet, percent, limits.max_rows + HEADER_ROWS
        self.limits = limits
        self.linked = False  # a formula reading another workbook or a DDE source
        self.max_rows, self.max_columns = limits.max_rows, limits.max_columns
        alt = b"|".join(b"%d" % i for i in sorted(percent))
        # No look-behind for the space before s: it would disable the literal-prefix search.
        self.styled = re.compile(rb"""s\s*=\s*["'](?:%s)["']""" % alt) if percent else None
        self.row = self.col = 0  # position of the last row/cell seen, for cells without r

    def read(self, chunks: Iterator[bytes]) -> None:
        buf, root = b"", None
        for chunk in chunks:
            buf += chunk
            if (root := ROOT.search(buf)) or len(buf) > MAX_CARRY:
                break
        if root is None:
            raise not_understood(f"no worksheet element in sheet {self.sheet.name}")
        if b"<!DOCTYPE" in buf[: root.start()]:
            raise corrupt(f"a DTD in sheet {self.sheet.name}")
        prefix = root.group(1) + b":" if root.group(1) else b""
        self.cell, self.row_start = b"<" + prefix + b"c", b"<" + prefix + b"row"
        self.formula, data_end = b"<" + prefix + b"f", b"</" + prefix + b"sheetData"
        self.cell_end, self.value = b"</" + prefix + b"c>", b"<" + prefix + b"v"
        self.inline = b"<" + prefix + b"is"
        self.prefix = root.group(1) or b""
        self.p = sheet_patterns(self.prefix)
        while True:
            if (end := buf.find(data_end)) >= 0:  # what follows sheetData is only inflated
                self._region(buf[:end])
                break
            if not (more := next(chunks, b"")):
                self._region(buf)
                break
            cut = self._cut(buf)
            self._region(buf[:cut])
            buf = buf[cut:] + more
        for _ in chunks:  # still counted, and the CRC checked at its end
            pass

    def _cut(self, buf: bytes) -> int:
        cut = max(buf.rfind(self.cell), buf.rfind(self.row_start), 0)
        if len(buf) - cut <= MAX_CARRY:
            return cut
        lt = buf.rfind(b"<")  # a hostile file: keep tags whole, let a cell split
        cut = lt if lt > buf.rfind(b">") else len(buf)
        if len(buf) - cut > MAX_CARRY:
            raise corrupt(f"an XML tag over {MAX_CARRY >> 20} MB in sheet {self.sheet.name}")
        return cut

    def _region(self, r: bytes) -> None:
        p, sheet = self.p, self.sheet
        if self._foreign(r):
            # calamine reads cells whatever their prefix; the patterns here follow the root's.
            raise not_understood(
                f"rows or cells with another namespace prefix in sheet {sheet.name}"
            )
        missing, percent = self._missing_values(r), self._percent_cells(r)
        if not self.linked and self.formula in r:
            texts = self.p["formula_text"].findall(r)
            self.linked = any(LINKED_FORMULA.search(t.decode("utf-8", "replace")) for t in texts)
        if not p["r_not_first"].search(r):
            refs = self._extremes(r)  # the usual file: every cell starts with r="A1"
            self._lowest_filled(r)
        else:
            refs = self._filled_refs(r)  # r elsewhere in the tag, or missing
        if ERROR_ATTR.search(r):
            for tag in ERROR_TAG.finditer(r):
                ref = attr(tag.group(1), b"r")
                if ref:
                    sheet.error_cells.add(ref.decode("ascii", "replace").upper())
        if b"" in refs:
            self._positional(r, missing, percent)
        else:
            sheet.rows += len(p["full_row"].findall(r))
            for ref in refs:
                self._grow(*REF.match(ref).groups(), ref)
            sheet.percent_cells.update(upper_refs(percent.values()))
            sheet.formulas_without_value.update(upper_refs(attr(a, b"r") for a in missing.values()))
            # The last cell (and rows after it) place a later cell that omits r.
            last = r.rfind(self.cell)
            while last > 0 and not p["cell_tag"].match(r, last):
                last = r.rfind(self.cell, 0, last)
            self._walk(r, max(last, 0), len(r), {}, {})
        check_height(sheet, self.limits)
        if sheet.max_column > self.max_columns:
            raise UploadError.one(
                "too_many_columns", sheet=sheet.name, count=sheet.max_column, limit=self.max_columns
            )

    def _foreign(self, r: bytes) -> bool:
        if self.prefix:
            return self.p["foreign"].search(r) is not None
        for m in self.p["foreign"].finditer(r):
            start = r.rfind(b"<", 0, m.start())
            if start >= 0 and NAME.fullmatch(r, start + 1, m.start()):
                return True
        return False

    def _grow(self, letters: bytes, digits: bytes, ref: bytes) -> None:
        """The grid reaches a filled cell: its row and column bound what calamine builds."""
        row, sheet = whole_number(digits), self.sheet
        sheet.max_column = max(sheet.max_column, column_number(letters))
        if row > sheet.max_row:
            sheet.max_row, sheet.last_cell = row, ref[:40].decode("ascii", "replace").upper()

    def _holds_value(self, r: bytes, tag_end: int, attrs: bytes | None) -> bool:
        """Whether the cell whose start tag ends at `tag_end` is one calamine puts in its grid:
        a value, an inline string, a cached text (t="str", even empty). A self-closing cell, an
        empty <v> of a number or a shared string, a formula without a result are not (checked
        against calamine 0.37 in tests/etl/reading/scan/test_xlsx_scan.py). Unsure: a value."""
        if attrs is not None and attrs.endswith(b"/"):
            return False
        end = r.find(self.cell_end, tag_end)
        if end < 0:
            return True  # the cell runs past the region: counted, never missed
        content = r[tag_end:end]
        if self.inline in content:
            return True
        at = content.find(self.value)
        if at < 0:
            return False
        gt = content.find(b">", at)
        if gt < 0 or content[gt - 1 : gt] == b"/":
            return attr(attrs or b"", b"t") == b"str"
        text = content[gt + 1 : content.find(b"<", gt)]
        return bool(text.strip()) or attr(attrs or b"", b"t") in (b"str", b"inlineStr")

    def _filled_refs(self, r: bytes) -> set[bytes]:
        """Every ref of a cell holding a value, and b"" if a cell has no r (placed by position)."""
        refs = set()
        for tag in self.p["cell_tag"].finditer(r):
            ref = attr(tag.group(1), b"r")
            if not ref:
                refs.add(b"")
            elif self._holds_value(r, tag.end(), tag.group(1)):
                refs.add(ref)
        return refs

    def _last_row_number(self, r: bytes) -> int:
        last = r.rfind(self.row_start)
        if last >= 0 and (tag := self.p["row_tag"].match(r, last)):
            return whole_number(attr(tag.group(1), b"r"))
        return 0

    def _lowest_filled(self, r: bytes) -> None:
        """The region's last cell holding a value sizes the grid (rows in order): a formatted
        but empty tail, down to row 1,048,576, does not (calamine builds no row for it)."""
        at = len(r)
        while (at := r.rfind(self.cell, 0, at)) >= 0:
            tag = self.p["cell_tag"].match(r, at)
            if tag and self._holds_value(r, tag.end(), tag.group(1)):
                if ref := attr(tag.group(1), b"r"):
                    self._grow(*REF.match(ref).groups(), ref)
                return

    def _extremes(self, r: bytes) -> set[bytes]:
        """The refs that size the grid: any cell wider or lower than every one before it (its
        region's rows included), found by searching for exactly those, not listing a million."""
        # Rows come in order: cells up to the region's last row tag are sized by
        # `_lowest_filled`; searched for are those placed below it or wider than any before.
        tallest = max(self.sheet.max_row, self._last_row_number(r))
        found, widest, at = set(), self.sheet.max_column, 0
        while m := beyond(self.prefix, tallest, widest).search(r, at):
            whole = REF.match(r, m.start(1))
            letters, digits = whole.groups()
            tag = self.p["cell_tag"].match(r, m.start())
            if tag and not self._holds_value(r, tag.end(), tag.group(1)):
                at = whole.end()  # formatted but empty: no row of calamine's grid
                continue
            found.add(whole.group())
            widest, tallest = (
                max(widest, column_number(letters)),
                max(tallest, whole_number(digits)),
            )
            at = whole.end()
            if widest > self.max_columns and (end_ref := self._row_end_ref(r, at)):
                found.add(end_ref)  # never b"": that would mean cells without r
            if tallest > self.row_limit or widest > self.max_columns:
                break  # refused by the caller
        return found

    def _row_end_ref(self, r: bytes, at: int) -> bytes | None:
        """The ref of the last cell of the row holding `at`: the refusal names the row's true
        width (10005 columns), not the first cell past the limit (1001), in one search."""
        end = r.find(self.row_start, at)
        last = r.rfind(self.cell, at, len(r) if end < 0 else end)
        while last >= at and not (tag := self.p["cell_tag"].match(r, last)):
            last = r.rfind(self.cell, at, last)
        ref = attr(tag.group(1), b"r") if last >= at else None
        return ref if ref and REF.fullmatch(ref) else None

    def _missing_values(self, r: bytes) -> dict[int, bytes]:
        """Cells with a formula and no result: tag offset -> attributes."""
        out: dict[int, bytes] = {}
        for m in self.p["no_value"].finditer(r) if self.formula in r else ():
            start = r.rfind(self.cell, 0, m.start())
            tag = self.p["cell_tag"].match(r, max(start, 0))
            if not tag or r[tag.end() : m.start()].strip():
                continue  # <f> is not the first child of a cell
            # t="str" with an empty <v> is a cached empty string (=IF(A1="";"";...)).
            if not (m.group(1) and attr(tag.group(1), b"t") == b"str"):
                out[start] = tag.group(1)
        return out

    def _percent_cells(self, r: bytes) -> dict[int, bytes | None]:
        """Numeric cells with a percent style: tag offset -> r."""
        if self.styled is None:
            return {}
        if 0 in self.percent:  # cells without s are percent too: read every cell tag
            tags = ((t.start(), t[1]) for t in self.p["cell_tag"].finditer(r))
            numeric = ((at, a) for at, a in tags if attr(a, b"t") in (None, b"n"))
            return {
                at: attr(a, b"r")
                for at, a in numeric
                if whole_number(attr(a, b"s")) in self.percent
            }
        match, rfind = self.p["numeric_ref"].match, r.rfind
        starts = [m.start() for m in self.styled.finditer(r) if r[m.start() - 1] in b" \t\r\n"]
        # The nearest "<" before s= opens the tag holding it; numeric_ref skips other tags.
        tags = [match(r, rfind(b"<", 0, at)) for at in starts]
        return {tag.start(): tag[1] for tag in tags if tag}

    def _positional(self, r: bytes, missing: dict, percent: dict) -> None:
        """Where cells omit r: a pass per row, placing cells by counting the tags before them."""
        p, sheet = self.p, self.sheet
        rows = list(p["row_tag"].finditer(r))
        ends = [m.start() for m in rows[1:]] + [len(r)]
        self._walk(r, 0, rows[0].start() if rows else len(r), missing, percent)
        spots, i = sorted(missing.keys() | percent.keys()), 0
        for m, end in zip(rows, ends, strict=False):
            attrs, empty = m.groups()
            self.row, self.col = whole_number(attr(attrs, b"r"), self.row + 1), 0
            if attrs.endswith(b"/") or empty is not None:
                continue
            sheet.rows += 1
            if p["cell_with_r"].search(r, m.end(), end):
                self._walk(r, m.end(), end, missing, percent)
                continue
            while i < len(spots) and spots[i] < end:
                if spots[i] >= m.end():
                    self.col = r.count(self.cell, m.end(), spots[i]) + 1
                    self._mark(spots[i], missing, percent)
                i += 1
            # The row's last cell holding a value, placed by counting the cell tags before it.
            filled = [
                n
                for n, tag in enumerate(p["cell_tag"].finditer(r, m.end(), end), 1)
                if self._holds_value(r, tag.end(), tag.group(1))
            ]
            self.col = r.count(self.cell, m.end(), end)
            if filled:
                self._grow(b"", b"%d" % self.row, cell_name(filled[-1], self.row).encode())
                sheet.max_column = max(sheet.max_column, filled[-1])

    def _walk(self, r: bytes, start: int, end: int, missing: dict, percent: dict) -> None:
        """Tag by tag (slow): rows mixing cells with and without r; the end of a region."""
        for m in self.p["token"].finditer(r, start, end):
            row_attrs, attrs = m.groups()
            if attrs is None:
                self.row, self.col = whole_number(attr(row_attrs, b"r"), self.row + 1), 0
                continue
            letters, digits = REF.match(attr(attrs, b"r") or b"").groups()
            self.col = column_number(letters) if letters else self.col + 1
            self.row = whole_number(digits) if digits else max(self.row, 1)
            if self._holds_value(r, m.end(), attrs):
                self._grow(b"", b"%d" % self.row, cell_name(self.col, self.row).encode())
                self.sheet.max_column = max(self.sheet.max_column, self.col)
            self._mark(m.start(), missing, percent)

    def _mark(self, at: int, missing: dict, percent: dict) -> None:
        if at in missing:
            self.sheet.formulas_without_value.add(cell_name(self.col, self.row))
        if at in percent:
            self.sheet.percent_cells.add(cell_name(self.col, self.row))
