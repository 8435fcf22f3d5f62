"""The progress statuses, as data kept in one place.

Every page, chart and export takes a status's label, colour and symbol from here. Colours come
from the Okabe-Ito palette, which stays distinguishable under the common colour-vision
deficiencies; each status also has a symbol so that it is never told by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

ACHIEVED = "achieved"
ON_TRACK = "on_track"
NEEDS_ACCELERATION = "needs_acceleration"
OFF_TRACK = "off_track"
DETERIORATING = "deteriorating"
OUTDATED = "outdated"
NO_TARGET = "no_target"
NO_DATA = "no_data"
NO_STATUS = "no_status"

LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Status:
    code: str
    label_id: str
    label_en: str
    colour: str
    symbol: str
    order: int

    def label(self, lang: str = "id") -> str:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}: expected one of {LANGUAGES}")
        return self.label_id if lang == "id" else self.label_en


# Listed best first: the order of legends, summaries and sorted tables.
STATUSES: tuple[Status, ...] = tuple(
    Status(code, label_id, label_en, colour, symbol, order)
    for order, (code, label_id, label_en, colour, symbol) in enumerate(
        (
            (ACHIEVED, "Tercapai", "Achieved", "#009E73", "★"),
            (ON_TRACK, "Sesuai target", "On track", "#0072B2", "✓"),
            (NEEDS_ACCELERATION, "Perlu percepatan", "Needs acceleration", "#E69F00", "!"),
            (OFF_TRACK, "Tidak sesuai target", "Off track", "#D55E00", "✗"),
            (DETERIORATING, "Memburuk", "Deteriorating", "#CC79A7", "▼"),
            # Okabe-Ito yellow: not a judgement, like the greys, but one that asks for action.
            (OUTDATED, "Data tidak mutakhir", "Outdated data", "#F0E442", "◷"),
            (NO_TARGET, "Tanpa target", "No target", "#999999", "○"),
            (NO_DATA, "Belum ada data", "No data yet", "#C8C8C8", "–"),
            (NO_STATUS, "Di luar road map", "Outside the road map", "#E5E5E5", "·"),
        )
    )
)
CODES: tuple[str, ...] = tuple(s.code for s in STATUSES)
_BY_CODE = {s.code: s for s in STATUSES}


def get(status: str) -> Status:
    try:
        return _BY_CODE[status]
    except KeyError:
        raise ValueError(f"unknown status {status!r}: expected one of {CODES}") from None


def label(status: str, lang: str = "id") -> str:
    return get(status).label(lang)


def colour(status: str) -> str:
    return get(status).colour


def symbol(status: str) -> str:
    return get(status).symbol


def sort_key(status: str) -> int:
    return get(status).order
