"""Which pre-scan a workbook gets: chosen by what its bytes are, as calamine chooses its reader.

calamine reads by content, not by the file's name: it tries its .xls reader, then .xlsx, then
.xlsb, then .ods, and keeps the first that opens. So an .xlsx named .xls or .ods must not reach
it unscanned, and a zip that holds both an .xlsx and an .ods is scanned as both: whichever
reader opens it, its grids were measured.
"""

from __future__ import annotations

import zipfile

from etl.core.issues import UploadError
from etl.reading.scan.base import Limits, WorkbookScan
from etl.reading.scan.ods import scan_ods
from etl.reading.scan.xls import scan_xls
from etl.reading.scan.xlsx import scan_xlsx
from etl.reading.scan.xlsx_package import CollidingParts, Package
from etl.reading.zip_directory import open_zip

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# calamine's .xlsb reader (tried when the .xlsx one fails) asks for this exact entry. .xlsb is
# not accepted and has no pre-scan: such a zip is refused rather than read unmeasured.
XLSB_RELS = "xl/_rels/workbook.bin.rels"


def prescan(suffix: str, data: bytes, limits: Limits, kind: str) -> WorkbookScan:
    """The pre-scan of the workbook in `data` (`kind` names its format in messages); raise
    UploadError for a file calamine must not read."""
    if data[:8] == OLE_MAGIC:  # an encrypted .xlsx was told so by etl.reading.sniff
        return scan_xls(data, limits)
    package = _package(data, kind) if data[:4] == ZIP_MAGIC else None
    if package is None or not (package.has("_rels/.rels") or package.has("xl/workbook.xml")):
        if package is not None and "content.xml" in package.exact:  # calamine asks exactly
            return scan_ods(data, limits)
        detail = "not a zip container" if suffix == ".ods" else "not an Excel or OpenDocument file"
        raise UploadError.one("corrupt_file", kind=kind, detail=detail)
    if XLSB_RELS in package.exact:
        raise UploadError.one("corrupt_file", kind=kind, detail="an .xlsb binary workbook")
    scan = scan_xlsx(data, limits)
    if "content.xml" in package.exact:
        scan_ods(data, limits)
    return scan


def _package(data: bytes, kind: str) -> Package:
    try:
        infos = [i for i in open_zip(data).infolist() if not i.is_dir()]
        return Package(infos)
    except (
        CollidingParts,
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
    ) as exc:
        detail = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise UploadError.one("corrupt_file", kind=kind, detail=detail) from exc
