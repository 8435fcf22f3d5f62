"""A valid observation row, as validation hands it to loading."""

from __future__ import annotations

from typing import NamedTuple


class ValidRow(NamedTuple):
    agency: str
    indicator: str
    year: int
    quarter: int
    value: float
    target: float | None
    unit: str | None
    notes: str | None
    evidence_url: str | None
    sheet: str | None
    cell: str | None
    confidence: str | None = None  # of a reference figure; uploads leave it empty
