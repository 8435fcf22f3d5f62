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

HEADER_ROWS = 30  # header search area, allowed on top of max_rows
CHUNK = 1 << 20
MAX_CARRY = 8 << 20  # no legitimate cell comes near this; beyond it the window cuts anywhere
SMALL_PART_CAP = 32 << 20  # workbook.xml, rels and styles.xml are parsed into a tree
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
KIND = "Excel (.xlsx)"
BUILTIN_PERCENT = frozenset({9, 10})
# Text-like cell types: a percent format does not change what calamine returns for them.
NUMERIC_TYPES = frozenset({b"", b"n"})

_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,  # unsupported compression method
    RuntimeError,  # zip-level encryption
    struct.error,
    ValueError,  # also malformed numbers in workbook.xml / styles.xml
)


@dataclass
class SheetScan:
    name: str
    hidden: bool
    rows: int = 0
    max_column: int = 0
    percent_cells: set[str] = field(default_factory=set)
    formulas_without_value: set[str] = field(default_factory=set)


@dataclass
class XlsxScan:
    sheets: dict[str, SheetScan]
    has_external_links: bool
    has_macros: bool


def scan_xlsx(
    data: bytes, *, max_rows: int, max_unpacked_bytes: int, max_columns: int = 16384
) -> XlsxScan:
    """Scan the workbook in `data`; raise UploadError for anything calamine must not read."""
    if bytes(data[:8]) == OLE_MAGIC:
        # Excel wraps an encrypted workbook in an OLE container.
        raise UploadError.one("password_protected")
    scanner = _Scanner(data, max_rows, max_unpacked_bytes, max_columns)
    try:
        return scanner.run()
    except (DefusedXmlException, ParseError) as exc:
        raise _corrupt(f"invalid XML in {scanner.part} ({exc})") from exc
    except _ZIP_ERRORS as exc:
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
        self.part = ""

    def run(self) -> XlsxScan:
        self.zf = zipfile.ZipFile(io.BytesIO(self.data))
        infos = [i for i in self.zf.infolist() if not i.is_dir()]
        # Quick reject on the declared sizes; the real bytes are counted while inflating.
        if sum(i.file_size for i in infos) > self.max_unpacked:
            raise self._too_large()
        parts = {_norm(i.filename): i for i in infos}
        unread = dict(parts)

        def part(path: str, required: bool = True) -> zipfile.ZipInfo | None:
            info = parts.get(_norm(path))
            if info is None and required:
                raise _corrupt(f"{path} is missing")
            unread.pop(_norm(path), None)
            return info

        workbook = self._tree(part("xl/workbook.xml"))
        targets = _targets(self._tree(part("xl/_rels/workbook.xml.rels")))
        styles_info = part("xl/styles.xml", required=False)
        percent = _percent_styles(self._tree(styles_info)) if styles_info else frozenset()

        sheets: dict[str, SheetScan] = {}
        for name, hidden, rid in _sheet_entries(workbook):
            if rid not in targets:
                raise _corrupt(f"sheet {name} has no relationship {rid}")
            rel_type, path = targets[rid]
            if rel_type.endswith("/chartsheet"):
                continue
            sheet = SheetScan(name=name, hidden=hidden)
            reader = _SheetReader(sheet, percent, self.max_rows, self.max_columns)
            reader.read(self._chunks(part(path)))
            sheets[name] = sheet
        # calamine inflates other parts (shared strings above all) whole: count them too.
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
        # forbid_dtd: a DTD has no business in these parts and is how entity bombs arrive.
        return SafeET.fromstring(bytes(data), forbid_dtd=True)

    def _too_large(self) -> UploadError:
        return UploadError.one("unpacked_too_large", limit_mb=f"{self.max_unpacked / 2**20:g}")


def _norm(name: str) -> str:
    return name.replace("\\", "/").lstrip("/").lower()


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _sheet_entries(workbook: Element) -> Iterator[tuple[str, bool, str]]:
    for sheets in workbook:
        if _local(sheets.tag) != "sheets":
            continue
        for sheet in sheets:
            if _local(sheet.tag) != "sheet":
                continue
            # r:id; transitional and strict OOXML use different namespaces for it.
            rid = next(
                (v for k, v in sheet.attrib.items() if k.startswith("{") and _local(k) == "id"), ""
            )
            state = sheet.get("state", "visible")
            yield sheet.get("name", ""), state in ("hidden", "veryHidden"), rid


def _targets(rels: Element) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, part path inside the zip)."""
    out = {}
    for rel in rels:
        if rel.get("TargetMode") == "External":
            continue
        target = unquote(rel.get("Target", ""))
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join("xl", target))
        out[rel.get("Id", "")] = (rel.get("Type", ""), path)
    return out


# Quoted text, [colour]/[condition] sections and escaped or padding characters are literals:
# a '%' there is shown, not applied.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|[_*].')


def _is_percent_format(code: str) -> bool:
    return "%" in _FORMAT_LITERALS.sub("", code)


def _percent_styles(styles: Element) -> frozenset[int]:
    """Indexes into cellXfs (a cell's s attribute) whose number format is a percentage."""
    custom: dict[int, str] = {}
    formats: list[int] = []
    for child in styles:
        if _local(child.tag) == "numFmts":
            for fmt in child:
                custom[int(fmt.get("numFmtId", "-1"))] = fmt.get("formatCode", "")
        elif _local(child.tag) == "cellXfs":
            formats = [int(xf.get("numFmtId", "0")) for xf in child if _local(xf.tag) == "xf"]
    # A custom code under a built-in id overrides the built-in meaning.
    ids = {i for i, code in custom.items() if _is_percent_format(code)}
    ids |= BUILTIN_PERCENT - custom.keys()
    return frozenset(i for i, fmt in enumerate(formats) if fmt in ids)


_ATTR = r"""\sr\s*=\s*["']([^"']*)"""
_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?(?:worksheet|dialogsheet|macrosheet)[\s>/]")
_REF = re.compile(rb"([A-Za-z]*)(\d*)")


@functools.lru_cache(maxsize=64)
def _attr_pattern(name: bytes) -> re.Pattern[bytes]:
    return re.compile(rb"\s" + name + rb"""\s*=\s*["']([^"']*)""")


def _attr(attrs: bytes, name: bytes) -> bytes | None:
    m = _attr_pattern(name).search(attrs)
    return m.group(1) if m else None


def _ref(attrs: bytes) -> str:
    return (_attr(attrs, b"r") or b"").decode("ascii", "replace").upper()


def _column(letters: bytes) -> int:
    if len(letters) > 7:  # absurd; avoid a long loop on a hostile reference
        return 26**7
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _letters(col: int) -> str:
    out = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


@dataclass(frozen=True)
class _Patterns:
    cell_start: bytes
    row_start: bytes
    formula_start: bytes
    data_start: bytes
    data_end: bytes
    empty_data: re.Pattern[bytes]
    col_start: bytes
    ref_first: re.Pattern[bytes]  # column letters of cells whose first attribute is r
    cell_ref: re.Pattern[bytes]  # one match per cell: its column letters, b"" without r
    cell_tag: re.Pattern[bytes]  # a cell start tag: its attributes
    ref_type: re.Pattern[bytes]  # a cell start tag: (r, t)
    full_row: re.Pattern[bytes]  # a row holding anything but whitespace
    no_value: re.Pattern[bytes]  # <f> not followed by a non-empty <v> or <is> in its cell
    token: re.Pattern[bytes]  # row and cell start tags, in order


@functools.lru_cache(maxsize=32)
def _patterns(prefix: bytes) -> _Patterns:
    # Sheets written with a namespace prefix (<x:row>) exist; match the root's prefix exactly
    # rather than any prefix, which would cost speed on every tag.
    q = prefix + b":" if prefix else b""
    p = re.escape(q)
    c, row, f, v = b"<" + p + b"c", b"<" + p + b"row", b"<" + p + b"f", b"<" + p + b"v"
    after = rb"(?=[\s>/])"
    return _Patterns(
        cell_start=b"<" + q + b"c",
        row_start=b"<" + q + b"row",
        formula_start=b"<" + q + b"f",
        data_start=b"<" + q + b"sheetData",
        data_end=b"</" + q + b"sheetData",
        empty_data=re.compile(b"<" + p + rb"sheetData\s*/>"),
        col_start=b"<" + q + b"col",
        ref_first=re.compile(c + rb' r="([A-Za-z]+)'),
        ref_type=re.compile(
            c + after + rf"(?=[^>]*?{_ATTR}|)(?=[^>]*?{_ATTR.replace('r', 't', 1)}|)".encode()
        ),
        cell_ref=re.compile(c + after + rb"""(?:[^>]*?\sr\s*=\s*["']([A-Za-z]*))?"""),
        cell_tag=re.compile(c + after + rb"([^>]*)>"),
        full_row=re.compile(row + after + rb"(?:[^>]*[^/>])?>(?!\s*</" + p + rb"row>)"),
        # Anchored on <f>, not on <c>: formula cells are few, and most carry a value.
        no_value=re.compile(
            f + rb"(?:\s[^>]*)?(?:/>|>[^<]*</" + p + rb"f>)\s*"
            rb"(" + v + rb"(?:\s[^>]*)?(?:/>|>\s*</" + p + rb"v>)\s*)?</" + p + rb"c>"
        ),
        token=re.compile(
            row + after + rb"([^>]*)>(\s*</" + p + rb"row>)?|" + c + after + rb"([^>]*)>"
        ),
    )


@functools.lru_cache(maxsize=32)
def _style_pattern(percent: frozenset[int]) -> re.Pattern[bytes]:
    alt = b"|".join(str(i).encode() for i in sorted(percent))
    # No look-behind for the preceding space: it would disable the literal-prefix search.
    return re.compile(rb"""s\s*=\s*["'](?:""" + alt + rb""")["']""")


class _SheetReader:
    """Feeds a sliding window over one sheet part through the patterns.

    The window is cut just before the last <c or <row start tag, so every processed region holds
    whole cells and whole empty rows; the tag at the cut is carried over to the next chunk.
    """

    def __init__(self, sheet: SheetScan, percent: frozenset[int], max_rows: int, max_columns: int):
        self.sheet = sheet
        self.percent = percent
        self.max_rows = max_rows
        self.max_columns = max_columns
        self.row = 0  # position of the last row/cell seen, for cells that omit r
        self.col = 0

    def read(self, chunks: Iterator[bytes]) -> None:
        buf = b""
        for chunk in chunks:
            buf += chunk
            root = _ROOT.search(buf)
            if root or len(buf) > CHUNK:
                break
        else:
            root = _ROOT.search(buf)
        if root is None:
            raise _corrupt(f"no worksheet element in sheet {self.sheet.name}")
        if b"<!DOCTYPE" in buf[: root.start()]:
            raise _corrupt(f"a DTD in sheet {self.sheet.name}")
        self.p = _patterns(root.group(1) or b"")
        self.styled = _style_pattern(self.percent) if self.percent else None
        while True:
            end = self._end_of_data(buf)
            if end >= 0:  # nothing after sheetData matters; the rest is only inflated
                self._region(buf[:end])
                break
            more = next(chunks, b"")
            if not more:
                self._region(buf)
                break
            cut = self._cut(buf)
            self._region(buf[:cut])
            buf = buf[cut:] + more
        for _ in chunks:  # still counted, and the CRC checked at the end
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
        # Only a hostile file gets here: keep tags whole, let cells split.
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
        no_value: dict[int, bytes] = {}  # cell tag offset -> attributes
        if p.formula_start in r:
            for m in p.no_value.finditer(r):
                start, attrs = self._cell_before(r, m.start(), p.cell_start)
                # t="str" with an empty <v> is a cached empty string (=IF(...,"")), not a miss.
                if attrs is not None and not (m.group(1) and _attr(attrs, b"t") == b"str"):
                    no_value[start] = attrs
        refs = p.ref_first.findall(r)
        if len(refs) != r.count(p.cell_start) - r.count(p.col_start):
            refs = p.cell_ref.findall(r)  # r not first, or missing
        letters = set(refs)
        if b"" in letters or 0 in self.percent:  # positions needed: walk tag by tag
            self._walk(r, no_value, count=True)
        else:
            sheet.rows += len(p.full_row.findall(r))
            sheet.max_column = max(sheet.max_column, *map(_column, letters), 0)
            if self.styled is not None:
                for m in self.styled.finditer(r):
                    at = m.start()
                    # The nearest "<" before s= is the tag holding it: a cell, or not counted.
                    tag = (
                        p.ref_type.match(r, r.rfind(b"<", 0, at))
                        if r[at - 1] in b" \t\r\n"
                        else None
                    )
                    if tag and tag.group(1) and (tag.group(2) or b"") in NUMERIC_TYPES:
                        sheet.percent_cells.add(tag.group(1).decode("ascii", "replace").upper())
            sheet.formulas_without_value.update(map(_ref, no_value.values()))
            # Keep the row/column position current in case a later cell omits r.
            last = r.rfind(p.cell_start)
            while last > 0 and not p.cell_tag.match(r, last):
                last = r.rfind(p.cell_start, 0, last)
            self._walk(r[max(last, 0) :], {}, count=False)
        if sheet.rows > self.max_rows + HEADER_ROWS:
            raise UploadError.one("too_many_rows", sheet=sheet.name, limit=self.max_rows)
        if sheet.max_column > self.max_columns:
            raise UploadError.one(
                "too_many_columns", sheet=sheet.name, count=sheet.max_column, limit=self.max_columns
            )

    def _cell_before(self, r: bytes, pos: int, start_tag: bytes) -> tuple[int, bytes | None]:
        """The cell tag starting at the last `start_tag` before pos, if pos is in or just after it."""
        start = r.rfind(start_tag, 0, pos)
        tag = self.p.cell_tag.match(r, start) if start >= 0 else None
        if tag is None or (tag.end() <= pos and r[tag.end() : pos].strip()):
            return start, None
        return start, tag.group(1)

    def _walk(self, r: bytes, no_value: dict[int, bytes], *, count: bool) -> None:
        """Tag-by-tag pass: slow, used where cells omit r (and on a region's short tail)."""
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
            ref = _attr(attrs, b"r")
            letters, digits = _REF.match(ref).groups() if ref else (b"", b"")
            self.col = _column(letters) if letters else self.col + 1
            if digits:
                self.row = int(digits)
            if not count:
                continue
            sheet.max_column = max(sheet.max_column, self.col)
            name = f"{_letters(self.col)}{self.row}"
            if self.percent and _attr(attrs, b"t") in (None, b"n"):
                style = _attr(attrs, b"s")
                if (int(style) if style and style.isdigit() else 0) in self.percent:
                    sheet.percent_cells.add(name)
            if m.start() in no_value:
                sheet.formulas_without_value.add(name)
