"""The regional view's frames: the provinces of a map and a province's regencies and cities.

Both are cut from the statuses the pages already hold (`etl.report.tables.statuses_as_of`,
cached by the app): a map or a province page never judges a value again, so a province has the
same status on the map, in the ranking and on its own page.
"""

from __future__ import annotations

import pandas as pd

from indicators import status as st_status
from indicators.catalogue import Catalogue

# What a map and its table show of each province (the ranking's columns, one row a province).
MAP_COLUMNS = [
    "agency_code", "agency_name", "value", "year", "quarter", "status", "achievement_pct",
    "category",
]  # fmt: skip
TIMELINESS_ORDER = ("missing", "late", "on_time")
# A regency's row on the province page (and in its export): one row per regency × indicator.
REGENCY_COLUMNS = [
    "agency_code", "agency_name", "indicator_code", "value", "year", "quarter", "status",
    "achievement_pct", "category",
]  # fmt: skip


def map_frame(judged: pd.DataFrame, catalogue: Catalogue, codes: list[str]) -> pd.DataFrame:
    """One row per code of the map (the geojson's provinces), in the map's order: the judged row
    of that province where there is one, else `no_data` (a province that had to report and did
    not, or one the indicator does not ask). `judged`: one indicator's rows of provinces."""
    judged = judged.drop_duplicates("agency_code").set_index("agency_code")
    rows = []
    for code in codes:
        agency = catalogue.agencies.get(code)
        row = {"agency_code": code, "agency_name": agency.name if agency else code}
        if code in judged.index:
            found = judged.loc[code]
            row.update({c: found.get(c) for c in MAP_COLUMNS[2:]})
        if not isinstance(row.get("status"), str):
            row["status"] = st_status.NO_DATA
        rows.append(row)
    return pd.DataFrame(rows).reindex(columns=MAP_COLUMNS)


def regencies(catalogue: Catalogue, province: str, allowed: frozenset[str] | None = None):
    """The regencies and cities of a province, by code (only those the reader may see)."""
    children = sorted(catalogue.children(province), key=lambda a: a.code)
    return [a for a in children if a.type == "KABKOTA" and (allowed is None or a.code in allowed)]


def regency_frame(
    judged: pd.DataFrame, catalogue: Catalogue, province: str, allowed: frozenset[str] | None = None
) -> pd.DataFrame:
    """Every regency and city of the province × every indicator it is judged on, side by side:
    value, period, status, achievement and category, ordered by regency and catalogue order."""
    members = {a.code: a.name for a in regencies(catalogue, province, allowed)}
    frame = judged[judged.agency_code.isin(members)].copy()
    frame["agency_name"] = frame.agency_code.map(members)
    order = {code: i for i, code in enumerate(catalogue.indicators)}
    frame["_order"] = frame.indicator_code.map(order)
    frame = frame.sort_values(["agency_code", "_order"]).reindex(columns=REGENCY_COLUMNS)
    return frame.reset_index(drop=True)


def reporting_now(sent: pd.DataFrame, year: int, quarter: int) -> pd.DataFrame:
    """Who of the given submissions frame sent the quarter and who has not: those missing
    first (whom a coordinator calls), then the late, then those on time, each by code."""
    now = sent[(sent.year == year) & (sent.quarter == quarter)]
    order = now.timeliness.map({code: i for i, code in enumerate(TIMELINESS_ORDER)})
    return (
        now.assign(_order=order)
        .sort_values(["_order", "agency_code"])
        .drop(columns="_order")
        .reset_index(drop=True)
    )
