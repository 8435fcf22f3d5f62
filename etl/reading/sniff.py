"""What a file is, decided by its bytes, never by its name alone (issue 14).

The content chooses the reader: an Excel 97-2003 workbook named .xlsx is read as .xls, an .xlsx
named .csv as .xlsx; the name only words the warning that says so. What no reader here can
read gets its own diagnosis: an empty file, an encrypted workbook, an old Excel version (BIFF2-5),
an archive or document that is no spreadsheet. A CSV's encoding is checked by `csv_text`.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import olefile

from etl.core.issues import Issue, UploadError
from etl.reading.cells import cell_name
from etl.reading.zip_directory import open_zip

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# A BIFF2-4 file is a bare record stream (no compound file): its first record is a BOF.
RAW_BOF = {b"\x09\x00": "Excel 2.x", b"\x09\x02": "Excel 3.0", b"\x09\x04": "Excel 4.0"}
BIFF5, BIFF8 = 0x0500, 0x0600
WORKBOOK_STREAMS = ("workbook", "book")
LABELS = {
    "xlsx": "Excel (.xlsx)",
    "xls": "Excel 97-2003 (.xls)",
    "ods": "OpenDocument (.ods)",
    "csv": "CSV",
}
SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods", ".csv": "csv"}
EXTENSIONS = tuple(SUFFIXES)  # what a folder ingest picks up and the upload page offers
# (magic, Indonesian, English) of files people mistake for a spreadsheet.
OTHER_FILES = (
    (b"\x1f\x8b", "arsip gzip", "a gzip archive"),
    (b"%PDF", "dokumen PDF", "a PDF document"),
    (b"\x89PNG", "gambar PNG", "a PNG image"),
    (b"\xff\xd8\xff", "gambar JPEG", "a JPEG image"),
    (b"Rar!", "arsip RAR", "a RAR archive"),
    (b"7z\xbc\xaf", "arsip 7-Zip", "a 7-Zip archive"),
)


@dataclass(frozen=True)
class Content:
    format: str  # "xlsx", "xls", "ods" or "csv": the reader it gets
    named: str  # the file's extension as sent ('' for none)

    @property
    def label(self) -> str:
        return LABELS[self.format]

    def mismatch(self) -> Issue | None:
        """The warning for a workbook whose name says another format than its bytes."""
        if SUFFIXES.get(self.named) == self.format:
            return None
        return Issue.make("format_mismatch", found=self.label, named=self.named or "-")


def identify(file_name: str, data: bytes) -> Content:
    """The format of `data`; raise UploadError for a file no reader here can read."""
    named = PurePath(file_name).suffix.lower()
    if not data.strip():
        raise UploadError.one("empty_file")
    if data[:8] == OLE_MAGIC:
        return Content(_compound(data), named)
    if data[:2] in RAW_BOF and 4 <= int.from_bytes(data[2:4], "little") <= 16:
        raise UploadError.one("old_excel", version=RAW_BOF[data[:2]])
    if data[:4] in ZIP_MAGICS:
        return Content(_package(data, named), named)
    for magic, found_id, found_en in OTHER_FILES:
        if data.startswith(magic):
            raise _not_spreadsheet(named, found_id, found_en)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<table" in head:
        raise _not_spreadsheet(named, "halaman web (HTML)", "a web page (HTML)")
    if head.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in head:
        raise _not_spreadsheet(named, "XML Spreadsheet 2003", "an XML Spreadsheet 2003")
    if named not in SUFFIXES:
        raise UploadError.one("unsupported_file", value=named or file_name)
    return Content("csv", named)


def _not_spreadsheet(named: str, found_id: str, found_en: str) -> UploadError:
    code = "not_csv" if named == ".csv" else "not_spreadsheet"
    return UploadError.one(code, found_id=found_id, found_en=found_en, named=named or "-")


def _compound(data: bytes) -> str:
    """An OLE compound file: an encrypted .xlsx (Office wraps the package in one), an .xls of
    BIFF8, or an older or foreign document."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            names = {"/".join(path).lower(): path for path in ole.listdir()}
            if "encryptedpackage" in names or "encryptioninfo" in names:
                raise UploadError.one("password_protected")
            stream = next((names[n] for n in WORKBOOK_STREAMS if n in names), None)
            if stream is None:
                raise _not_spreadsheet("", "dokumen Office lain", "another Office document")
            head = ole.openstream(stream).read(8)
    except UploadError:
        raise
    except (OSError, ValueError, IndexError) as exc:  # olefile's damaged-file errors
        raise UploadError.one("corrupt_file", kind=LABELS["xls"], detail=str(exc)[:160]) from exc
    version = int.from_bytes(head[4:6], "little") if len(head) >= 6 else 0
    if version == BIFF8:
        return "xls"
    if version == BIFF5 or stream[-1].lower() == "book":
        raise UploadError.one("old_excel", version="Excel 5.0/95")
    # An unknown version: the .xls reader decides (its scan refuses what it cannot measure).
    return "xls"


def _package(data: bytes, named: str) -> str:
    """A zip: an OpenDocument spreadsheet, an Office Open XML workbook, or another archive.
    Part names are compared as the readers find them (case, `\\` and a leading `/` ignored)."""
    try:
        archive = open_zip(data)
        parts = {i.filename.replace("\\", "/").lstrip("/").lower(): i for i in archive.infolist()}
        if "content.xml" in parts or _mimetype(archive, parts).startswith(b"application/vnd.oasis"):
            manifest = parts.get("meta-inf/manifest.xml")
            if manifest and b"encryption-data" in archive.read(manifest)[: 1 << 20]:
                raise UploadError.one("password_protected")
            return "ods"
    except UploadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        # The zip's directory is damaged: the .xlsx reader and its scan say where.
        return "ods" if named == ".ods" else "xlsx"
    if "xl/workbook.bin" in parts:
        raise UploadError.one("xlsb_workbook")
    if any(p.startswith("xl/") or p in ("[content_types].xml", "_rels/.rels") for p in parts):
        return "xlsx"
    raise _not_spreadsheet(named, "arsip ZIP", "a ZIP archive")


def _mimetype(archive: zipfile.ZipFile, parts: dict) -> bytes:
    info = parts.get("mimetype")
    return archive.read(info)[:100] if info and info.file_size < 200 else b""


def csv_text(data: bytes) -> str:
    """A CSV's text; raise UploadError naming the encoding found (when it can be guessed), the
    line and the cell of the first character that is not UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or _utf16_without_bom(data):
        raise UploadError.one("csv_encoding", encoding="UTF-16", row=1, cell="A1")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        row = data.count(b"\n", 0, exc.start) + 1
        before = data[line_start : exc.start]
        delimiter = b";" if data[:4096].count(b";") > data[:4096].count(b",") else b","
        cell = cell_name(before.count(delimiter) + 1, row)
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            raise UploadError.one("invalid_encoding", row=row, cell=cell) from exc
        raise UploadError.one("csv_encoding", encoding="Windows-1252", row=row, cell=cell) from exc


def _utf16_without_bom(data: bytes) -> bool:
    """Text of UTF-16 without a byte-order mark: every other byte of the start is NUL."""
    sample = data[:400]
    return len(sample) >= 8 and (
        sample[1::2].count(0) > len(sample) * 0.4 or sample[0::2].count(0) > len(sample) * 0.4
    )
