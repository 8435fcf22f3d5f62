"""What the checks of one file know (the catalogue, the day, the uploader's agencies and locks)
and what they give back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from etl.core import clock
from etl.core.issues import Issue
from etl.core.rows import ValidRow
from indicators.catalogue import Catalogue


@dataclass
class Context:
    catalogue: Catalogue
    today: dt.date = field(default_factory=clock.today)
    allowed_agencies: frozenset[str] | None = None  # None: any agency
    # (agency, year, quarter) → True when the period is locked for uploads by this user.
    locked: Callable[[str, int, int], bool] | None = None


@dataclass
class Validation:
    rows: list[ValidRow]
    issues: list[Issue]
    skipped: int

    @property
    def ok(self) -> bool:
        return not any(i.is_error for i in self.issues)
