"""Which zip entry python-calamine reads for each part of an .xlsx, found the way it finds it.

The pre-scan must measure the very bytes calamine will build a grid from. calamine (0.37, inside
python-calamine 0.9) looks entries up ignoring ASCII case and reading `\\` as `/`, the last of
two colliding entries winning; it finds the workbook's folder from the officeDocument
relationship of `_rels/.rels`, and each sheet at the relationship's target, literally (no `..`
folding, no %-decoding), after that folder unless the target starts with `/`. Each rule was checked by experiment; the tests in
tests/etl/reading/scan/test_xlsx_package.py hold calamine to them, so an upgrade that changes
one fails there rather than in production. Two entries that collide are refused: no real writer
makes them, and the one calamine picks would depend on the zip's order.
"""

from __future__ import annotations

import string
import zipfile
from xml.etree.ElementTree import Element

OFFICE_DOCUMENT = "/relationships/officeDocument"
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


class CollidingParts(ValueError):
    """Two entries calamine cannot tell apart: a hand-made file, refused as damaged."""


def folded(name: str) -> str:
    """An entry name as calamine keys it: `\\` as `/`, ASCII letters lowercased (only ASCII,
    as Rust's to_ascii_lowercase: Python's lower() would also fold `İ` or `Ş`)."""
    return name.replace("\\", "/").translate(_ASCII_LOWER)


class Package:
    """The entries of a zip, looked up by part name as calamine looks them up."""

    def __init__(self, infos: list[zipfile.ZipInfo]):
        self.exact: dict[str, zipfile.ZipInfo] = {}
        self.by_key: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            key = folded(info.filename)
            if key in self.by_key:
                first = self.by_key[key].filename
                raise CollidingParts(f"two zip entries for one part: {first} and {info.filename}")
            self.by_key[key] = info
            self.exact[info.filename] = info

    def find(self, path: str) -> zipfile.ZipInfo | None:
        # calamine lowercases the name it asks for but does not turn its `\` into `/`: such a
        # name misses its table of entries and falls back to the zip's exact lookup.
        if "\\" in path:
            return self.exact.get(path)
        return self.by_key.get(path.translate(_ASCII_LOWER))

    def has(self, path: str) -> bool:
        return self.find(path) is not None

    def keys_under(self, folder: str) -> list[str]:
        prefix = folded(folder)
        return [key for key in self.by_key if key.startswith(prefix)]


def workbook_folder(root_rels: Element | None) -> str:
    """The folder calamine reads workbook.xml, its relationships, styles and shared strings
    from: that of the last officeDocument target in `_rels/.rels` (a leading `/` dropped).
    Without one calamine does not open the file as an .xlsx at all (it then tries its other
    readers, which `etl.reading.read` scans or refuses), so `xl/` is measured as usual."""
    target = None
    for rel in root_rels if root_rels is not None else ():
        if rel.get("Type", "").endswith(OFFICE_DOCUMENT) and rel.get("Target") is not None:
            target = rel.get("Target")
    if target is None:
        return "xl/"
    if "/" not in target:
        return ""
    return target[: target.rfind("/") + 1].removeprefix("/")
