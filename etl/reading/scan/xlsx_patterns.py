"""The byte patterns of a worksheet part, for the streaming pre-scan (`etl.reading.scan.xlsx`): cell and
row tags, their references and attributes, and the searches for a cell beyond the grid so far."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from etl.reading.cells import column_letter

ERROR_ATTR = re.compile(rb"""t=["']e["']""")
ERROR_TAG = re.compile(rb"""<(?:\w+:)?c(?=[\s>/])([^>]*\st\s*=\s*["']e["'][^>]*)>""")
ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?(?:worksheet|dialogsheet|macrosheet)[\s>/]")
REF = re.compile(rb"([A-Za-z]*)(\d*)")
NAME = re.compile(rb"[A-Za-z_][\w.-]*")
ATTR = rb"""\s%s\s*=\s*["']([^"']*)"""
ATTRS = {name: re.compile(ATTR % name) for name in (b"r", b"s", b"t")}


def attr(attrs: bytes, name: bytes) -> bytes | None:
    m = ATTRS[name].search(attrs)
    return m.group(1) if m else None


def whole_number(text: str | bytes | None, default: int = 0) -> int:
    if not (text and text.isdigit()):
        return default
    # A hostile r="A999…9" of 5,000 digits would hit Python's int conversion limit: cap it.
    return int(text) if len(text) <= 18 else 10**18


def column_number(letters: bytes) -> int:
    # 8 letters are already absurd: stop there rather than loop over a hostile reference.
    return functools.reduce(lambda n, ch: n * 26 + ch - 64, letters[:8].upper(), 0)


def above(n: int) -> bytes:
    """A regex for the decimal numbers above n (without leading zeros)."""
    s = str(n)
    alts = [rb"[1-9]\d{%d,}" % len(s)]
    for i, digit in enumerate(s):
        if digit != "9":
            alts.append(b"%s[%d-9]\\d{%d}" % (s[:i].encode(), int(digit) + 1, len(s) - i - 1))
    return b"|".join(alts)


@functools.lru_cache(maxsize=16)
def sheet_patterns(prefix: bytes) -> dict[str, re.Pattern[bytes]]:
    # Some writers prefix SpreadsheetML (<x:row>): match the root's prefix exactly, since
    # allowing any prefix would slow every match. "<P:c>" below stands for a cell tag.
    p = re.escape(prefix + b":") if prefix else b""
    sources = {
        # A cell tag whose first attribute is not r (Excel and most writers put it first).
        "r_not_first": rb"""<P:c(?=[\s>/])(?! r=")""",
        # A row or cell tag under another prefix than the root's (or none when it has one).
        # Without a root prefix, anchored on the rare ":" of a prefixed name (a third of the
        # time of anchoring on every "<"), the tag then confirmed by `_foreign`.
        "foreign": (
            rb"<(?!P:)(?:[A-Za-z_][\w.-]*:)?(?:c|row)(?=[\s>/])"
            if prefix
            else rb":(?:c|row)(?=[\s>/])"
        ),
        "cell_tag": rb"<P:c(?=[\s>/])([^>]*)>",
        "cell_with_r": rb"<P:c(?=[\s>/])[^>]*?\sr\s*=",
        # A cell tag without t or with t="n", and its r.
        "numeric_ref": rb"""<P:c(?=[\s>/])(?=[^>]*?%s|)(?![^>]*?\st\s*=\s*["'](?!n["']))"""
        % (ATTR % b"r"),
        "full_row": rb"<P:row(?=[\s>/])(?:[^>]*[^/>])?>(?!\s*</P:row>)",
        "row_tag": rb"<P:row(?=[\s>/])([^>]*)>(\s*</P:row>)?",
        "token": rb"<P:row(?=[\s>/])([^>]*)>|<P:c(?=[\s>/])([^>]*)>",
        "formula_text": rb"<P:f(?:\s[^>]*)?>([^<]*)</P:f>",
        # Anchored on <f>, not <c>: formula cells are a minority and most carry a value.
        "no_value": rb"<P:f(?:\s[^>]*)?(?:/>|>[^<]*</P:f>)\s*"
        rb"(<P:v(?:\s[^>]*)?(?:/>|>\s*</P:v>)\s*)?</P:c>",
    }
    return {key: re.compile(source.replace(b"P:", p)) for key, source in sources.items()}


@functools.lru_cache(maxsize=64)
def beyond(prefix: bytes, row: int, column: int) -> re.Pattern[bytes]:
    """A cell tag starting r="…" whose column comes after `column` (1-based), or whose row
    comes after `row`: one pass over a sheet finds what sizes its grid."""
    letters = column_letter(column - 1) if column > 0 else ""
    alts = [b"[A-Z]{%d,}+" % (len(letters) + 1)]
    for i, ch in enumerate(letters):
        if ch != "Z":
            head, rest = letters[:i].encode(), len(letters) - i - 1
            alts.append(b"%s[%s-Z][A-Z]{%d}" % (head, chr(ord(ch) + 1).encode(), rest))
    wide = rb"(?i:%s)(?![A-Za-z])" % b"|".join(alts)
    # Possessive quantifiers: nothing to backtrack into, a third faster on a million cells.
    tall = rb"[A-Za-z]*+0*+(?=\d{%d})(?:%s)(?!\d)" % (len(str(row)), above(row))
    tag = b"<" + re.escape(prefix + b":") + b"c" if prefix else b"<c"
    return re.compile(tag + rb' r="(' + wide + b"|" + tall + b")")


def upper_refs(refs: Iterable[bytes | None]) -> list[str]:
    return b" ".join(ref for ref in refs if ref).decode("ascii", "replace").upper().split()
