"""One checked row of a Target / Sasaran sheet: a baseline or an annual target of an agency."""

from __future__ import annotations

from typing import NamedTuple

# What makes two revisions of a target the same target (the target table's natural key).
TARGET_KEY = ("roadmap", "indicator", "agency", "year", "kind")
# What a corrected target may change.
TARGET_CONTENT = ("value", "low", "high", "source")


class TargetRow(NamedTuple):
    roadmap: str
    indicator: str
    agency: str
    year: int
    kind: str  # baseline | target
    value: float | None
    low: float | None
    high: float | None
    source: str
    sheet: str
    cell: str  # the row's value cell (else its band's low cell): where the reviewer looks

    @property
    def key(self) -> tuple:
        return (self.roadmap, self.indicator, self.agency, self.year, self.kind)

    def content(self) -> tuple:
        return (self.value, self.low, self.high, self.source)
