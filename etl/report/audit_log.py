"""The audit log as a download: the admin page's and any operator's export."""

from __future__ import annotations

import json

import pandas as pd

from etl.report.export import write_frame_xlsx


def audit_bytes(frame: pd.DataFrame, filters: dict | None = None) -> bytes:
    """The audit log as XLSX (the admin page's download and any operator's export): the same
    writer as every export, text that looks like a formula neutralised."""
    shown = {k: v for k, v in (filters or {}).items() if v}
    description = [
        ("Tabel / Table", "audit"),
        ("Filter", ", ".join(f"{k}={v}" for k, v in shown.items()) or "semua / all"),
    ]
    frame = frame.assign(before=frame.before.map(_text), after=frame.after.map(_text))
    return write_frame_xlsx(frame, "audit", description)


def _text(value) -> str:
    if value is None or isinstance(value, str):
        return value or ""
    return json.dumps(value, ensure_ascii=False, default=str)


def readable(value) -> str:
    """An entry's before or after as a person reads it: "status: approved; rows: 60", nested
    values in braces, lists comma-separated (the page; the XLSX keeps JSON for machines)."""
    if value is None or value == "" or value == {} or value == []:
        return "–"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_inner(v)}" for k, v in value.items())
    return _inner(value)


def _inner(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_inner(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_inner(v) for v in value) or "–"
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "ya / yes" if value else "tidak / no"
    return str(value)
