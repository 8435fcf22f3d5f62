"""The small XML parts of an xlsx: which part holds each sheet, which styles are percentages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

BUILTIN_PERCENT = frozenset({9, 10})  # 0% and 0.00%


class MissingRelationship(ValueError):
    """A sheet without its relationship: the workbook is damaged."""


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def worksheets(workbook: Element, rels: Element, folder: str) -> Iterator[tuple[str, bool, str]]:
    """(name, hidden, entry path) of each sheet but chartsheets, in workbook order; `folder`
    is the workbook's (see `etl.reading.scan.xlsx_package`). Elements are found as calamine
    finds them, by local name at any depth, so that a `<sheet>` hidden in an extension is not
    left unmeasured."""
    relationships = (rel for rel in rels.iter() if _local(rel.tag) == "Relationship")
    # Later Ids replace earlier ones, as in calamine's table; an external target is refused.
    targets = {rel.get("Id"): rel for rel in relationships if rel.get("TargetMode") != "External"}
    for sheet in (e for e in workbook.iter() if _local(e.tag) == "sheet"):
        # r:id sits in a different namespace in transitional and in strict OOXML; calamine
        # takes the last attribute whose local name is id, with or without a prefix.
        ids = [v for k, v in sheet.attrib.items() if _local(k) == "id"]
        name, rel = sheet.get("name", ""), targets.get(ids[-1] if ids else "")
        if rel is None:
            raise MissingRelationship(f"sheet {name} has no relationship")
        if not rel.get("Type", "").endswith("/chartsheet"):
            # Where calamine reads the sheet: the target as written (no `..` folded, no %
            # decoded), after the workbook's folder unless it starts with `/`.
            target = rel.get("Target", "")
            path = target[1:] if target.startswith("/") else folder + target
            yield name, sheet.get("state") in ("hidden", "veryHidden"), path


# Quoted text, [colour] or [condition] sections, and escaped, padding (_) or fill (*) characters
# are literals: a '%' there is printed, not applied.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|[_*].')


def percent_styles(styles: Element) -> frozenset[int]:
    """Indexes into cellXfs (a cell's s attribute) whose number format is a percentage."""
    custom, formats = {}, []
    for child in styles:
        if _local(child.tag) == "numFmts":
            custom.update((_int(f.get("numFmtId"), -1), f.get("formatCode", "")) for f in child)
        elif _local(child.tag) == "cellXfs":
            formats = [_int(xf.get("numFmtId")) for xf in child if _local(xf.tag) == "xf"]
    ids = percent_formats(custom)
    return frozenset(i for i, fmt in enumerate(formats) if fmt in ids)


def is_percent_format(code: str | None) -> bool:
    """Whether a number format code shows a percentage (a '%' outside its literals)."""
    return bool(code) and "%" in _FORMAT_LITERALS.sub("", code)


def percent_formats(custom: dict[int, str]) -> frozenset[int]:
    """Number format ids that show a percentage, given the file's own codes by id (in .xlsx
    and in .xls alike). A custom code under a built-in id replaces the built-in format."""
    ids = {i for i, code in custom.items() if is_percent_format(code)}
    return frozenset(ids | (BUILTIN_PERCENT - custom.keys()))


def _int(text: str | None, default: int = 0) -> int:
    return int(text) if text and text.isdigit() else default
