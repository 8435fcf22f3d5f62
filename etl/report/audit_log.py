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
