"""National figures per period: the official observation of agency `ID` when there is one,
else the catalogue's roll-up over the agencies that reported (`indicators.rollup`)."""

from __future__ import annotations

import pandas as pd

from indicators.catalogue import NATIONAL, Catalogue
from indicators.rollup import national_figure, rollup_types

COLUMNS = ["year", "quarter", "value", "source", "n", "m"]


def national_series(frame: pd.DataFrame, catalogue: Catalogue, code: str) -> pd.DataFrame:
    """`frame`: current observations of indicator `code` (all agencies, as from
    `etl.store.queries.current_observations`). One row per period with where the figure came from
    ("official" or "computed" from n of m agencies)."""
    indicator = catalogue.indicators[code]
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    types = rollup_types(indicator)
    members = [a for a in catalogue.agencies.values() if a.code != NATIONAL and a.type in types]
    official = frame[frame.agency_code == NATIONAL].set_index(["year", "quarter"]).value
    level = frame[frame.agency_code.map(lambda a: catalogue.agencies[a].type in types)]
    values = {period: list(group) for period, group in level.groupby(["year", "quarter"]).value}
    rows = []
    for period in sorted(set(values) | set(official.index)):
        # Who had to report is who existed then (ministries change with cabinets).
        expected = sum(a.exists_in(*period) for a in members)
        figure = national_figure(indicator, official.get(period), values.get(period, []), expected)
        if figure.value is not None:
            rows.append((*period, figure.value, figure.source, figure.n, figure.m))
    return pd.DataFrame(rows, columns=COLUMNS)
