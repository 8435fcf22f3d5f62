"""Measures of RB Tematik action plans: output realisation, budget absorption, schedule status.

Pure functions on plain values. Quarterly targets are either increments (`1 Dokumen` each
quarter, 4 in the year) or levels (25 %, 50 %, 75 %, 100 %); realisations are read the same way
as their targets. Quarters are lists of four values (None: not filled).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

INCREMENTS, LEVELS = "increments", "levels"
ON_SCHEDULE, LAGGING, NOT_STARTED = "on_schedule", "lagging", "not_started"
SCHEDULE_STATUSES = (ON_SCHEDULE, LAGGING, NOT_STARTED)
REVIEW = "review"
ON_SCHEDULE_SHARE = 95.0  # percent of the cumulative target
REVIEW_GAP = 30.0  # absorption minus output realisation, in percentage points
_TOLERANCE = 1e-6

Quarters = Sequence[float | None]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= _TOLERANCE * max(1.0, abs(a), abs(b))


def _is_percent(unit: str | None) -> bool:
    words = (unit or "").strip().lower().split()
    return bool(words) and words[0] in ("%", "persen", "percent")


def target_kind(
    targets: Quarters, year_target: float | None = None, unit: str | None = None
) -> tuple[str, bool]:
    """(increments | levels, whether the rule decided it).

    Increments when the quarters add up to the year's target, levels when the last one equals
    it; both hold for a single filled quarter, and then it makes no difference. Neither: the
    caller warns and the targets are read as increments. Without a year's target, percentages
    that never fall are levels (25 %, 50 % … is how plans write a share) and counts increments.
    """
    filled = [t for t in targets if t is not None]
    if not filled:
        return INCREMENTS, True
    if year_target is None:
        rising = all(b >= a for a, b in pairwise(filled))
        return (LEVELS if _is_percent(unit) and rising and len(filled) > 1 else INCREMENTS), True
    if _close(sum(filled), year_target):
        return INCREMENTS, True
    if _close(filled[-1], year_target):
        return LEVELS, True
    return INCREMENTS, False


def year_target(targets: Quarters, kind: str) -> float | None:
    filled = [t for t in targets if t is not None]
    if not filled:
        return None
    return filled[-1] if kind == LEVELS else sum(filled)


def cumulative(values: Quarters, kind: str, quarter: int) -> float | None:
    """What has been reached by the end of `quarter` (1-4): the running sum of increments, the
    latest level; None when nothing is filled up to then."""
    upto = [v for v in values[:quarter] if v is not None]
    if not upto:
        return None
    return upto[-1] if kind == LEVELS else sum(upto)


def latest_quarter(realised: Quarters) -> int | None:
    """The latest quarter with a realisation reported (a 0 counts: it was reported)."""
    reported = [q for q, v in enumerate(realised, start=1) if v is not None]
    return reported[-1] if reported else None


def output_realisation(
    targets: Quarters, realised: Quarters, kind: str, as_of: int | None = None
) -> float | None:
    """Cumulative realisation over cumulative target as of a quarter, in percent (for levels:
    the quarter's level over its target level). `as_of` defaults to the latest quarter reported;
    None when nothing is reported or no target is due yet."""
    quarter = as_of or latest_quarter(realised)
    if quarter is None:
        return None
    due = cumulative(targets, kind, quarter)
    if not due:
        return None
    return 100.0 * (cumulative(realised, kind, quarter) or 0.0) / due


def budget_absorption(budget: float | None, spent: float | None) -> float | None:
    """Spent over planned, in percent; None without a (non-zero) budget or any spending."""
    if not budget or spent is None:
        return None
    return 100.0 * spent / budget


def schedule_status(
    targets: Quarters, realised: Quarters, kind: str, as_of: int | None = None
) -> str:
    """on_schedule (≥ 95 % of the cumulative target), lagging, or not_started (nothing above 0
    realised by then)."""
    quarter = as_of or latest_quarter(realised) or 0
    if not any(v for v in realised[:quarter] if v is not None):
        return NOT_STARTED
    share = output_realisation(targets, realised, kind, quarter)
    if share is None or share >= ON_SCHEDULE_SHARE:
        return ON_SCHEDULE
    return LAGGING


def needs_review(absorption: float | None, realisation: float | None) -> bool:
    """Spending runs far ahead of output: absorption minus output realisation above 30 points
    (an action with spending but no output yet counts as 0 % output)."""
    if absorption is None:
        return False
    return absorption - (realisation or 0.0) > REVIEW_GAP


@dataclass(frozen=True)
class ActionMeasures:
    as_of: int | None
    output_realisation_pct: float | None
    budget_absorption_pct: float | None
    schedule_status: str
    flag: str | None  # "review" when spending runs far ahead of output


def quarters(action: Mapping, prefix: str) -> list[float | None]:
    return [_none(action.get(f"{prefix}_tw{q}")) for q in (1, 2, 3, 4)]


def _none(value) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if value != value else value  # NaN from a data frame


def spent_total(action: Mapping) -> float | None:
    given = _none(action.get("budget_spent"))
    if given is not None:
        return given
    by_quarter = [v for v in quarters(action, "spent_rp") if v is not None]
    return sum(by_quarter) if by_quarter else None


def budget_total(action: Mapping) -> float | None:
    given = _none(action.get("budget"))
    if given is not None:
        return given
    by_quarter = [v for v in quarters(action, "planned_rp") if v is not None]
    return sum(by_quarter) if by_quarter else None


def measure(action: Mapping, as_of: int | None = None) -> ActionMeasures:
    """Every measure of one action (a mapping with target_tw1…, realised_tw1…, budget …)."""
    targets, realised = quarters(action, "target"), quarters(action, "realised")
    kind = action.get("target_kind") or target_kind(targets, _none(action.get("target_year")))[0]
    quarter = as_of or latest_quarter(realised)
    realisation = output_realisation(targets, realised, kind, quarter)
    absorption = budget_absorption(budget_total(action), spent_total(action))
    return ActionMeasures(
        quarter,
        realisation,
        absorption,
        schedule_status(targets, realised, kind, quarter),
        REVIEW if needs_review(absorption, realisation) else None,
    )


@dataclass(frozen=True)
class Summary:
    actions: int
    on_schedule: int
    lagging: int
    not_started: int
    flagged: int
    budget: float
    spent: float

    def share(self, status: str) -> float | None:
        return getattr(self, status) / self.actions if self.actions else None

    @property
    def absorption_pct(self) -> float | None:
        return budget_absorption(self.budget, self.spent)


def summarise(rows: Iterable[Mapping]) -> Summary:
    """Per agency and theme (or any group): counts by schedule status, flags, money. Each row
    holds `schedule_status`, `flag`, `budget` and `budget_spent` (as in the actions table)."""
    counts = dict.fromkeys((*SCHEDULE_STATUSES, "flagged", "actions"), 0)
    budget = spent = 0.0
    for row in rows:
        counts["actions"] += 1
        counts[row["schedule_status"]] += 1
        counts["flagged"] += row.get("flag") == REVIEW
        budget += _none(row.get("budget")) or 0.0
        spent += _none(row.get("budget_spent")) or 0.0
    return Summary(
        counts["actions"],
        counts[ON_SCHEDULE],
        counts[LAGGING],
        counts[NOT_STARTED],
        counts["flagged"],
        budget,
        spent,
    )
