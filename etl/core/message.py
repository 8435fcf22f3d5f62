"""One user-facing message: its severity and its text in Bahasa Indonesia and English."""

from __future__ import annotations

from typing import NamedTuple


class Message(NamedTuple):
    severity: str
    id: str
    en: str


E, W = "error", "warning"
