"""Summary tables as CSV (UTF-8 with BOM, so Excel opens it right) or XLSX."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from etl.queries import Filters, current_observations

OBSERVATION_COLUMNS = [
    "agency_code",
    "agency_name",
    "agency_type",
    "indicator_code",
    "indicator_name",
    "theme",
    "year",
    "quarter",
    "value",
    "unit",
    "target",
    "achievement_pct",
    "status",
    "submitted_at",
]


def observations_table(engine: Engine, filters: Filters) -> pd.DataFrame:
    frame = current_observations(engine, filters)
    frame["achievement_pct"] = None
    frame["status"] = None
    return frame[OBSERVATION_COLUMNS]


TABLES = {"observations": observations_table}


def export_table(engine: Engine, table: str, filters: Filters, out: Path, *, sep: str = ",") -> int:
    frame = TABLES[table](engine, filters)
    if out.suffix.lower() == ".csv":
        frame.to_csv(out, index=False, sep=sep, encoding="utf-8-sig")
    else:
        frame.to_excel(out, index=False, engine="xlsxwriter")
    return len(frame)
