"""RB categories (IRB and SAKIP over AA … D, SPBE over Memuaskan … Kurang; data/reference/rb/
scales.csv): how the agencies of one type spread over the categories in a year, how that moved
from the year before, and the league table with the category beside each value.

Cut from the judged statuses (`etl.report.tables.statuses_as_of`, whose `category` column comes
from `assessments.category_label`): the category shown here is the one every table shows. Only
values observed in the year itself count for that year: a value carried from an earlier year
(`lag_quarters`) would show a move that never happened.
"""

from __future__ import annotations

import pandas as pd

from indicators.catalogue import Catalogue, ScaleBand

# Moves between the two years, by the bands' order (higher band: the better category).
UP, SAME, DOWN, NEW = "up", "same", "down", "new"


def bands(catalogue: Catalogue, code: str) -> list[ScaleBand]:
    """The indicator's categories, best first (the order of legends and tables)."""
    scale = catalogue.indicators[code].scale
    return sorted(catalogue.scales.get(scale, []), key=lambda b: -b.lower)


def of_year(
    judged: pd.DataFrame, catalogue: Catalogue, code: str, agency_type: str, year: int
) -> pd.DataFrame:
    """One indicator's judged rows of agencies of one type whose value was observed in `year`:
    agency, value and category."""
    types = {c: a.type for c, a in catalogue.agencies.items()}
    rows = judged[(judged.indicator_code == code) & (judged.year == year)]
    rows = rows[rows.agency_code.map(types) == agency_type]
    return rows.dropna(subset=["category"])[["agency_code", "value", "category"]].reset_index(
        drop=True
    )


def distribution(now: pd.DataFrame, before: pd.DataFrame, order: list[ScaleBand]):
    """Per category (best first): how many agencies in the year before, in the year, and the
    change. `now`/`before`: frames of `of_year`."""
    labels = [b.label_id for b in order]
    counts_now = now.category.value_counts()
    counts_before = before.category.value_counts()
    frame = pd.DataFrame(
        {
            "category": labels,
            "before": [int(counts_before.get(c, 0)) for c in labels],
            "now": [int(counts_now.get(c, 0)) for c in labels],
        }
    )
    frame["change"] = frame.now - frame.before
    return frame


def league(
    now: pd.DataFrame, before: pd.DataFrame, catalogue: Catalogue, order: list[ScaleBand]
) -> pd.DataFrame:
    """The agencies best first by value, with their category, last year's and the move."""
    rank = {b.label_id: -i for i, b in enumerate(order)}  # higher: better
    earlier = before.set_index("agency_code").category
    out = now.sort_values("value", ascending=False).reset_index(drop=True)
    out.insert(0, "rank", range(1, len(out) + 1))
    out.insert(2, "agency_name", [catalogue.agencies[c].name for c in out.agency_code])
    out["category_before"] = [earlier.get(c) for c in out.agency_code]
    out["move"] = [_move(rank, b, c) for b, c in zip(out.category_before, out.category)]
    return out


def _move(rank: dict[str, int], before, now: str) -> str:
    if not isinstance(before, str):
        return NEW
    if rank[now] == rank[before]:
        return SAME
    return UP if rank[now] > rank[before] else DOWN


def moves(table: pd.DataFrame) -> dict[str, int]:
    """How many agencies moved up, stayed, moved down or had no category the year before."""
    counts = table.move.value_counts()
    return {m: int(counts.get(m, 0)) for m in (UP, SAME, DOWN, NEW)}
