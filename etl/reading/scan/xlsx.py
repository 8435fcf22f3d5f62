"""One streaming pass over an .xlsx/.xlsm before python-calamine reads it.

calamine returns '' for a formula cell without a cached result (as for an empty cell), cannot see
number formats (a cell typed 85% arrives as 0.85) and reads a sheet whole. This pass reports the
first two by cell reference and refuses decompression bombs in bounded memory and time: parts are
inflated in chunks with their real bytes counted, and sheets matched with byte regexes, no tree.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from etl.core.issues import UploadError
from etl.reading.scan.base import (
    Limits,
    SheetScan,
    WorkbookScan,
    check_area,
    check_file_rows,
)
from etl.reading.scan.xlsx_package import CollidingParts, Package, workbook_folder
from etl.reading.scan.xlsx_parts import MissingRelationship, percent_styles, worksheets
from etl.reading.scan.xlsx_sheet import SheetReader, corrupt, not_understood
from etl.reading.zip_directory import open_zip

CHUNK = 1 << 20
SMALL_PART_CAP = 32 << 20  # workbook.xml, its rels and styles.xml become trees
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ID_PREFIX = re.compile(rb"xmlns:id\s*=")
# BadZipFile includes a CRC mismatch (an entry whose declared size lied); NotImplementedError is
# an unsupported compression method, RuntimeError zip-level encryption.
_BAD_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError)
_BAD_ZIP += (NotImplementedError, RuntimeError, struct.error)


# calamine holds every shared string in memory before reading a cell: 1,000,000 is a 200,000-row
# sheet with five columns of distinct texts, far more than any real quarterly file.
MAX_SHARED_STRINGS = 1_000_000


def scan_xlsx(data: bytes, limits: Limits) -> WorkbookScan:
    """Scan the workbook in `data`; raise UploadError for a file calamine must not read."""
    if bytes(data[:8]) == OLE_MAGIC:
        # An encrypted .xlsx is an OLE compound file around the encrypted package.
        raise UploadError.one("password_protected")
    archive = _Archive(limits)
    try:
        return archive.scan(data)
    except MissingRelationship as exc:
        raise not_understood(str(exc)) from exc
    except CollidingParts as exc:
        raise corrupt(str(exc)) from exc
    except DefusedXmlException as exc:  # a DTD or an entity: how XML bombs arrive, refused
        raise corrupt(f"invalid XML in {archive.part} ({exc})") from exc
    except ParseError as exc:
        raise not_understood(f"invalid XML in {archive.part} ({exc})") from exc
    except _BAD_ZIP as exc:
        raise corrupt(f"{archive.part}: {exc}" if archive.part else str(exc)) from exc


class _Archive:
    def __init__(self, limits: Limits):
        self.limits, self.max_unpacked = limits, limits.max_unpacked_bytes
        self.unpacked, self.part = 0, ""

    def scan(self, data: bytes) -> WorkbookScan:
        try:
            self.zf = open_zip(data)
        except ValueError as exc:  # a negative seek, from offsets pointing before the start
            raise corrupt(str(exc)) from exc
        infos = [i for i in self.zf.infolist() if not i.is_dir()]
        if sum(i.file_size for i in infos) > self.max_unpacked:  # quick reject, not trusted
            raise self._too_large()
        # Parts are found as calamine finds them (`xlsx_package`), else the scan would measure
        # a harmless sheet1.xml while calamine builds its twin Sheet1.xml.
        package = Package(infos)
        unread = {i.filename: i for i in infos}

        def entry(path: str) -> zipfile.ZipInfo:
            if (info := package.find(path)) is None:
                raise not_understood(f"{path} is missing")
            unread.pop(info.filename, None)
            return info

        root = package.find("_rels/.rels")
        folder = workbook_folder(self._tree(entry(root.filename)) if root else None)
        workbook = self._tree(entry(folder + "workbook.xml"))
        rels = self._tree(entry(folder + "_rels/workbook.xml.rels"))
        styles = package.find(folder + "styles.xml")
        percent = percent_styles(self._tree(entry(styles.filename))) if styles else frozenset()
        strings = package.find(folder + "sharedStrings.xml")
        sheets: dict[str, SheetScan] = {}
        linked_cells = False
        for name, hidden, path in worksheets(workbook, rels, folder):
            if name in sheets:  # Excel forbids it; calamine would read the first of the two
                raise corrupt(f"two sheets named {name}")
            sheets[name] = SheetScan(name=name, hidden=hidden)
            reader = SheetReader(sheets[name], percent, self.limits)
            reader.read(self.chunks(entry(path)))
            linked_cells = linked_cells or reader.linked
            # calamine builds a sheet only when asked, and etl.reading.read never asks for a
            # hidden one: only the shown sheets count toward the area and the file's rows.
            shown = [s for s in sheets.values() if not s.hidden]
            if not hidden:
                check_area(sheets[name], self.limits)
            check_file_rows(shown, self.limits)
        for info in unread.values():  # calamine inflates shared strings etc. whole too
            self._count_strings(info, info is strings)
        links = linked_cells or bool(
            package.keys_under("xl/externalLinks/") or package.keys_under(folder + "externalLinks/")
        )
        macros = package.has(folder + "vbaProject.bin") or package.has("xl/vbaProject.bin")
        return WorkbookScan(sheets, "xlsx", has_external_links=links, has_macros=macros)

    def _count_strings(self, info: zipfile.ZipInfo, shared_strings: bool) -> None:
        strings, tail = 0, b""
        for chunk in self.chunks(info):
            if shared_strings:
                window = tail + chunk
                strings += window.count(b"<si>") + window.count(b"<si ")
                tail = window[-3:]  # a tag split across chunks is counted once
                if strings > MAX_SHARED_STRINGS:
                    raise UploadError.one("too_many_strings", limit=MAX_SHARED_STRINGS)

    def chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        self.part = info.filename
        with self.zf.open(info) as fh:
            while chunk := fh.read(CHUNK):
                self.unpacked += len(chunk)
                if self.unpacked > self.max_unpacked:
                    raise self._too_large()
                yield chunk

    def _tree(self, info: zipfile.ZipInfo) -> Element:
        data = bytearray()
        for chunk in self.chunks(info):
            data += chunk
            if len(data) > SMALL_PART_CAP:
                raise corrupt(f"{info.filename} is over {SMALL_PART_CAP >> 20} MB")
        # calamine reads a declaration xmlns:id="…" as an id attribute (a sheet's relationship)
        # where a parser sees none: no writer declares a prefix "id", so it is refused.
        if ID_PREFIX.search(data):
            raise corrupt(f"a namespace prefix id in {info.filename}")
        # A DTD has no business in these parts and is how entity-expansion bombs arrive.
        return SafeET.fromstring(bytes(data), forbid_dtd=True)

    def _too_large(self) -> UploadError:
        return UploadError.one("unpacked_too_large", limit_mb=f"{self.max_unpacked / 2**20:g}")
