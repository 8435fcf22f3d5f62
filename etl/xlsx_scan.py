"""One streaming pass over an .xlsx/.xlsm before python-calamine reads it.

calamine returns '' for a formula cell without a cached result (as for an empty cell), cannot see
number formats (a cell typed 85% arrives as 0.85) and reads a sheet whole. This pass reports the
first two by cell reference and refuses decompression bombs with bounded memory and time: every
part is inflated in chunks and its real bytes are counted; sheet parts are matched with byte
regexes on a sliding window instead of being parsed into a tree.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from etl.issues import UploadError

HEADER_ROWS = 30  # the header search area, allowed on top of max_rows
CHUNK = 1 << 20
MAX_CARRY = 8 << 20  # far above any real cell; past it the window may cut inside one
SMALL_PART_CAP = 32 << 20  # workbook.xml, its rels and styles.xml become trees
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
KIND = "Excel (.xlsx)"
BUILTIN_PERCENT = frozenset({9, 10})  # 0% and 0.00%
# A percent format changes only what a number shows; text, booleans and errors keep their value.
NUMERIC_TYPES = frozenset({b"", b"n"})
_SPACE = b" \t\r\n"
_BAD_ZIP = (
    zipfile.BadZipFile,  # also a CRC mismatch: an entry whose declared size lied
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,  # compression method
    RuntimeError,  # zip-level encryption
    struct.error,
    ValueError,  # a non-numeric id in workbook.xml or styles.xml
)


@dataclass
class SheetScan:
    name: str  # as in workbook.xml, which is the name calamine reports
    hidden: bool
    rows: int = 0  # <row> elements holding at least one <c>
    max_column: int = 0
    percent_cells: set[str] = field(default_factory=set)
    formulas_without_value: set[str] = field(default_factory=set)
    # Highest row number of a cell: calamine allocates a dense grid down to it.
    max_row: int = 0


@dataclass
class XlsxScan:
    sheets: dict[str, SheetScan]
    has_external_links: bool
    has_macros: bool  # never run, only reported


def scan_xlsx(
    data: bytes, *, max_rows: int, max_unpacked_bytes: int, max_columns: int = 16384
) -> XlsxScan:
    """Scan the workbook in `data`; raise UploadError for a file calamine must not read."""
    if bytes(data[:8]) == OLE_MAGIC:
        # An encrypted .xlsx is an OLE compound file around the encrypted package.
        raise UploadError.one("password_protected")
    scanner = _Scanner(data, max_rows, max_unpacked_bytes, max_columns)
    try:
        return scanner.run()
    except (DefusedXmlException, ParseError) as exc:
        raise _corrupt(f"invalid XML in {scanner.part} ({exc})") from exc
    except _BAD_ZIP as exc:
        raise _corrupt(f"{scanner.part}: {exc}" if scanner.part else str(exc)) from exc


def _corrupt(detail: str) -> UploadError:
    return UploadError.one("corrupt_file", kind=KIND, detail=detail[:160])


class _Scanner:
    def __init__(self, data: bytes, max_rows: int, max_unpacked: int, max_columns: int):
        self.data = data
        self.max_rows = max_rows
        self.max_unpacked = max_unpacked
        self.max_columns = max_columns
        self.unpacked = 0
        self.part = ""  # the entry being read, for error details

    def run(self) -> XlsxScan:
        self.zf = zipfile.ZipFile(io.BytesIO(self.data))
        infos = [i for i in self.zf.infolist() if not i.is_dir()]
        if sum(i.file_size for i in infos) > self.max_unpacked:  # quick reject, not trusted
            raise self._too_large()
        parts = {_norm(i.filename): i for i in infos}
        unread = dict(parts)

        def entry(path: str) -> zipfile.ZipInfo:
            if _norm(path) not in parts:
                raise _corrupt(f"{path} is missing")
            unread.pop(_norm(path), None)
            return parts[_norm(path)]

        workbook = self._tree(entry("xl/workbook.xml"))
        targets = _targets(self._tree(entry("xl/_rels/workbook.xml.rels")))
        has_styles = _norm("xl/styles.xml") in parts
        percent = _percent_styles(self._tree(entry("xl/styles.xml"))) if has_styles else frozenset()
        sheets: dict[str, SheetScan] = {}
        for name, hidden, rid in _sheet_entries(workbook):
            if rid not in targets:
                raise _corrupt(f"sheet {name} has no relationship {rid}")
            rel_type, path = targets[rid]
            if rel_type.endswith("/chartsheet"):
                continue
            sheet = sheets[name] = SheetScan(name=name, hidden=hidden)
            reader = _SheetReader(sheet, percent, self.max_rows, self.max_columns)
            reader.read(self._chunks(entry(path)))
        # calamine inflates other parts whole too (shared strings above all): count them.
        for info in unread.values():
            for _ in self._chunks(info):
                pass
        self.part = ""
        return XlsxScan(
            sheets=sheets,
            has_external_links=any(p.startswith("xl/externallinks/") for p in parts),
            has_macros="xl/vbaproject.bin" in parts,
        )

    def _chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        self.part = info.filename
        with self.zf.open(info) as fh:
            while chunk := fh.read(CHUNK):
                self.unpacked += len(chunk)
                if self.unpacked > self.max_unpacked:
                    raise self._too_large()
                yield chunk

    def _tree(self, info: zipfile.ZipInfo) -> Element:
        data = bytearray()
        for chunk in self._chunks(info):
            data += chunk
            if len(data) > SMALL_PART_CAP:
                raise _corrupt(f"{info.filename} is over {SMALL_PART_CAP >> 20} MB")
        # A DTD has no business in these parts and is how entity-expansion bombs arrive.
        return SafeET.fromstring(bytes(data), forbid_dtd=True)

    def _too_large(self) -> UploadError:
        return UploadError.one("unpacked_too_large", limit_mb=f"{self.max_unpacked / 2**20:g}")


def _norm(name: str) -> str:
    return name.replace("\\", "/").lstrip("/").lower()


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _sheet_entries(workbook: Element) -> Iterator[tuple[str, bool, str]]:
    for sheets in workbook:
        for sheet in sheets if _local(sheets.tag) == "sheets" else ():
            # r:id sits in a different namespace in transitional and in strict OOXML.
            ids = (v for k, v in sheet.attrib.items() if k.startswith("{") and _local(k) == "id")
            hidden = sheet.get("state") in ("hidden", "veryHidden")
            yield sheet.get("name", ""), hidden, next(ids, "")


def _targets(rels: Element) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, entry path)."""
    out = {}
    for rel in rels:
        if rel.get("TargetMode") == "External":
            continue
        target = unquote(rel.get("Target", ""))
        path = target if target.startswith("/") else posixpath.join("/xl", target)
        out[rel.get("Id", "")] = (rel.get("Type", ""), posixpath.normpath(path).lstrip("/"))
    return out


# Quoted text, [colour] or [condition] sections, and escaped, padding (_) or fill (*) characters
# are literals: a '%' there is printed, not applied.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|[_*].')


def _is_percent_format(code: str) -> bool:
    return "%" in _FORMAT_LITERALS.sub("", code)


def _percent_styles(styles: Element) -> frozenset[int]:
    """Indexes into cellXfs (a cell's s attribute) whose number format is a percentage."""
    custom: dict[int, str] = {}
    formats: list[int] = []
    for child in styles:
        if _local(child.tag) == "numFmts":
            custom.update((int(f.get("numFmtId", "-1")), f.get("formatCode", "")) for f in child)
        elif _local(child.tag) == "cellXfs":
            formats = [int(xf.get("numFmtId", "0")) for xf in child if _local(xf.tag) == "xf"]
    # A custom code under a built-in id replaces the built-in format.
    ids = {i for i, code in custom.items() if _is_percent_format(code)}
    ids |= BUILTIN_PERCENT - custom.keys()
    return frozenset(i for i, fmt in enumerate(formats) if fmt in ids)


_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?(?:worksheet|dialogsheet|macrosheet)[\s>/]")
_REF = re.compile(rb"([A-Za-z]*)(\d*)")


def _attr_re(name: bytes) -> bytes:
    return rb"\s" + name + rb"""\s*=\s*["']([^"']*)"""


@functools.lru_cache(maxsize=16)
def _attr_pattern(name: bytes) -> re.Pattern[bytes]:
    return re.compile(_attr_re(name))


def _attr(attrs: bytes, name: bytes) -> bytes | None:
    m = _attr_pattern(name).search(attrs)
    return m.group(1) if m else None


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters[:8].upper():  # 8 letters are already absurd; stop a hostile loop
        n = n * 26 + ch - 64
    return n


def _letters(col: int) -> str:
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


class _Patterns:
    """The regexes for one sheet, built for its namespace prefix and row limit."""

    def __init__(self, prefix: bytes, row_limit: int):
        # Some writers prefix SpreadsheetML (<x:row>): use the root's prefix exactly, since
        # allowing any prefix would slow every match.
        q = prefix + b":" if prefix else b""
        p = re.escape(q)
        c, row, f, v = b"<" + p + b"c", b"<" + p + b"row", b"<" + p + b"f", b"<" + p + b"v"
        after = rb"(?=[\s>/])"
        self.cell_start, self.col_start, self.row_start = (
            b"<" + q + b"c",
            b"<" + q + b"col",
            b"<" + q + b"row",
        )
        self.formula_start = b"<" + q + b"f"
        self.data_start, self.data_end = b"<" + q + b"sheetData", b"</" + q + b"sheetData"
        self.empty_data = re.compile(b"<" + p + rb"sheetData\s*/>")
        # Per cell: its column letters, plus its row number only when above the limit, so that
        # the results are a few shared short strings; b"" for a cell without r.
        ref = rb"([A-Za-z]*(?:0*(?=\d{%d})(?:" % len(str(row_limit)) + _above(row_limit) + rb")(?!\d))?)"
        self.ref_first = re.compile(c + rb' r="' + ref)  # how Excel and most writers order it
        self.cell_ref = re.compile(c + after + rb"""(?:[^>]*?\sr\s*=\s*["']""" + ref + b")?")
        self.cell_tag = re.compile(c + after + rb"([^>]*)>")
        self.ref_type = re.compile(
            c + after + rb"(?=[^>]*?" + _attr_re(b"r") + rb"|)(?=[^>]*?" + _attr_re(b"t") + rb"|)"
        )
        self.full_row = re.compile(row + after + rb"(?:[^>]*[^/>])?>(?!\s*</" + p + rb"row>)")
        # Anchored on <f>, not <c>: formula cells are a minority and most carry a value.
        self.no_value = re.compile(
            f + rb"(?:\s[^>]*)?(?:/>|>[^<]*</" + p + rb"f>)\s*"
            rb"(" + v + rb"(?:\s[^>]*)?(?:/>|>\s*</" + p + rb"v>)\s*)?</" + p + rb"c>"
        )
        self.token = re.compile(
            row + after + rb"([^>]*)>(\s*</" + p + rb"row>)?|" + c + after + rb"([^>]*)>"
        )


def _above(n: int) -> bytes:
    """A regex for the decimal numbers above n (without leading zeros)."""
    s = str(n)
    alts = [rb"[1-9]\d{%d,}" % len(s)]
    for i, digit in enumerate(s):
        if digit != "9":
            alts.append(b"%s[%d-9]\\d{%d}" % (s[:i].encode(), int(digit) + 1, len(s) - i - 1))
    return b"|".join(alts)


_patterns = functools.lru_cache(maxsize=16)(_Patterns)


@functools.lru_cache(maxsize=16)
def _style_pattern(percent: frozenset[int]) -> re.Pattern[bytes]:
    alt = b"|".join(b"%d" % i for i in sorted(percent))
    # No look-behind for the space before s: it would disable the literal-prefix search.
    return re.compile(rb"""s\s*=\s*["'](?:""" + alt + rb""")["']""")


class _SheetReader:
    """Runs one sheet part through the patterns over a sliding window.

    The window is cut just before its last <c or <row tag, so each region holds whole cells and
    whole empty rows; the cut tag is carried into the next chunk.
    """

    def __init__(self, sheet: SheetScan, percent: frozenset[int], max_rows: int, max_cols: int):
        self.sheet, self.percent = sheet, percent
        self.max_rows, self.max_columns = max_rows, max_cols
        self.row_limit = max_rows + HEADER_ROWS
        self.styled = _style_pattern(percent) if percent else None
        self.row = self.col = 0  # position of the last row/cell seen, for cells without r

    def read(self, chunks: Iterator[bytes]) -> None:
        buf, root = b"", None
        for chunk in chunks:
            buf += chunk
            root = _ROOT.search(buf)
            if root or len(buf) > CHUNK:
                break
        if root is None:
            raise _corrupt(f"no worksheet element in sheet {self.sheet.name}")
        if b"<!DOCTYPE" in buf[: root.start()]:
            raise _corrupt(f"a DTD in sheet {self.sheet.name}")
        self.p = _patterns(root.group(1) or b"", self.row_limit)
        while True:
            end = self._end_of_data(buf)
            if end >= 0:  # nothing after sheetData matters: the rest is only inflated
                self._region(buf[:end])
                break
            more = next(chunks, b"")
            if not more:
                self._region(buf)
                break
            cut = self._cut(buf)
            self._region(buf[:cut])
            buf = buf[cut:] + more
        for _ in chunks:  # still counted, and the CRC checked at its end
            pass

    def _end_of_data(self, buf: bytes) -> int:
        end = buf.find(self.p.data_end)
        if end < 0:
            start = buf.find(self.p.data_start)
            if start >= 0 and self.p.empty_data.match(buf, start):
                end = start
        return end

    def _cut(self, buf: bytes) -> int:
        cut = max(buf.rfind(self.p.cell_start), buf.rfind(self.p.row_start))
        if cut > 0 and len(buf) - cut <= MAX_CARRY:
            return cut
        if len(buf) <= MAX_CARRY:
            return 0
        # Only a hostile file gets here: keep tags whole and let a cell split.
        lt = buf.rfind(b"<")
        if lt <= buf.rfind(b">"):
            return len(buf)
        if len(buf) - lt > MAX_CARRY:
            raise _corrupt(f"an XML tag over {MAX_CARRY >> 20} MB in sheet {self.sheet.name}")
        return lt

    def _region(self, r: bytes) -> None:
        if not r:
            return
        p, sheet = self.p, self.sheet
        no_value: dict[int, bytes] = {}  # cell tag offset -> its attributes
        if p.formula_start in r:
            for m in p.no_value.finditer(r):
                start = r.rfind(p.cell_start, 0, m.start())
                tag = p.cell_tag.match(r, max(start, 0))
                # Only when <f> is the cell's first child; t="str" with an empty <v> is a
                # cached empty string (=IF(A1="";"";...)), not a missing result.
                if (
                    tag
                    and not r[tag.end() : m.start()].strip()
                    and not (m.group(1) and _attr(tag.group(1), b"t") == b"str")
                ):
                    no_value[start] = tag.group(1)
        refs = p.ref_first.findall(r)
        if len(refs) != r.count(p.cell_start) - r.count(p.col_start):
            refs = p.cell_ref.findall(r)  # r is not the first attribute, or missing
        refs = set(refs)
        if b"" in refs or 0 in self.percent:  # positions needed: walk tag by tag
            self._walk(r, no_value, count=True)
        else:
            sheet.rows += len(p.full_row.findall(r))
            for letters, digits in (_REF.match(ref).groups() for ref in refs):
                sheet.max_column = max(sheet.max_column, _column(letters))
                sheet.max_row = max(sheet.max_row, int(digits or 0))
            if self.styled is not None:
                sheet.percent_cells.update(self._percent_refs(r))
            for attrs in no_value.values():
                ref = _attr(attrs, b"r") or b""
                sheet.formulas_without_value.add(ref.decode("ascii", "replace").upper())
            # The last cell (and any row after it) fix the position for a later cell without r.
            last = r.rfind(p.cell_start)
            while last > 0 and not p.cell_tag.match(r, last):
                last = r.rfind(p.cell_start, 0, last)
            self._walk(r[max(last, 0) :], {}, count=False)
        if sheet.rows > self.row_limit or sheet.max_row > self.row_limit:
            raise UploadError.one("too_many_rows", sheet=sheet.name, limit=self.max_rows)
        if sheet.max_column > self.max_columns:
            raise UploadError.one(
                "too_many_columns", sheet=sheet.name, count=sheet.max_column, limit=self.max_columns
            )

    def _percent_refs(self, r: bytes) -> Iterator[str]:
        match, rfind = self.p.ref_type.match, r.rfind
        for m in self.styled.finditer(r):
            at = m.start()
            if r[at - 1] in _SPACE:
                # The nearest "<" before s= opens the tag holding it; ref_type skips non-cells.
                tag = match(r, rfind(b"<", 0, at))
                if tag:
                    ref, kind = tag.groups()
                    if ref and (kind or b"") in NUMERIC_TYPES:
                        yield ref.decode("ascii", "replace").upper()

    def _walk(self, r: bytes, no_value: dict[int, bytes], *, count: bool) -> None:
        """Tag by tag: slow, for regions with cells that omit r (and a region's short tail)."""
        sheet = self.sheet
        for m in self.p.token.finditer(r):
            row_attrs, row_empty, attrs = m.groups()
            if attrs is None:
                number = _attr(row_attrs, b"r")
                self.row = int(number) if number and number.isdigit() else self.row + 1
                self.col = 0
                if count and not row_attrs.endswith(b"/") and row_empty is None:
                    sheet.rows += 1
                continue
            letters, digits = _REF.match(_attr(attrs, b"r") or b"").groups()
            self.col = _column(letters) if letters else self.col + 1
            self.row = int(digits) if digits else max(self.row, 1)
            sheet.max_row = max(sheet.max_row, self.row)
            if not count:
                continue
            sheet.max_column = max(sheet.max_column, self.col)
            name = f"{_letters(self.col)}{self.row}"
            if self.percent and (_attr(attrs, b"t") or b"") in NUMERIC_TYPES:
                style = _attr(attrs, b"s") or b"0"
                if style.isdigit() and int(style) in self.percent:
                    sheet.percent_cells.add(name)
            if m.start() in no_value:
                sheet.formulas_without_value.add(name)
