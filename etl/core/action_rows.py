"""The action row as validated and stored: one action of one agency and year."""

from __future__ import annotations

from typing import NamedTuple


class ActionRow(NamedTuple):
    agency: str
    year: int
    theme: str
    action_code: str
    problem: str | None
    objective: str | None
    impact_indicator: str | None
    action: str
    output_indicator: str | None
    output_unit: str | None
    focus: str | None
    coordinator: str | None
    implementer: str | None
    notes: str | None
    evidence_url: str | None
    target_year: float | None
    target_tw1: float | None
    target_tw2: float | None
    target_tw3: float | None
    target_tw4: float | None
    realised_tw1: float | None
    realised_tw2: float | None
    realised_tw3: float | None
    realised_tw4: float | None
    budget: float | None
    budget_spent: float | None
    planned_rp_tw1: float | None
    planned_rp_tw2: float | None
    planned_rp_tw3: float | None
    planned_rp_tw4: float | None
    spent_rp_tw1: float | None
    spent_rp_tw2: float | None
    spent_rp_tw3: float | None
    spent_rp_tw4: float | None
    target_kind: str
    sheet: str | None
    row: int | None

    def content(self) -> tuple:
        """What a re-upload compares: everything but where the row came from."""
        return tuple(self)[:-2]


CONTENT_FIELDS = ActionRow._fields[:-2]
