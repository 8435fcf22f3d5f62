"""Cached query wrappers: the UI boundary of ARCHITECTURE.md.

Every function takes the database URL and a data version as its first arguments, so two
databases never share a cache entry and a new submission (from the app or from
`python -m etl ingest`) makes new entries at once; the TTL covers catalogue edits. `clear()` is
for the upload page to call after a successful upload.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from etl.core import settings
from etl.report import audit_log, national, tables
from etl.report.assessments import projection_for
from etl.report.export import table_bytes
from etl.store import queries, targets
from etl.store.catalogue import load_catalogue
from etl.store.database import make_engine
from etl.store.queries import Filters
from indicators.catalogue import NATIONAL, Catalogue

TTL = 15 * 60
# Shown while a period is judged for the first time (about two seconds on the full data).
SPINNER = "Menghitung status… / Computing statuses…"


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    return make_engine(url)


def engine() -> Engine:
    return _engine(settings.database_url())


def key() -> tuple[str, str, bool]:
    """(database URL, data version, include values awaiting review). The version changes with
    every upload, approval, return or catalogue change made on any server
    (`etl.store.queries.data_version`); the last part is the sidebar's switch (official, approved
    values when off), so either view has its own cache entries."""
    url = settings.database_url()
    return url, str(queries.data_version(_engine(url))), pending()


def pending() -> bool:
    """The sidebar switch "include data awaiting review" (drawn only for roles that see all)."""
    return bool(st.session_state.get("url_pending", False))


def _filters(db: tuple, filters: Filters | None = None, **fields) -> Filters:
    filters = filters or Filters(**fields)
    if pending_view(db):
        return replace(filters, include_pending=True)
    return filters


def clear() -> None:
    """Forget the cached query results (after an upload or a review: the charts show the new
    quarter at once; the data version in every key already does this for other servers). The
    resources stay: the shared engine, and the figures and frames keyed by the data version,
    which a pending upload does not change for readers of the official values."""
    st.cache_data.clear()


@st.cache_data(ttl=TTL, show_spinner=False)
def holds_demo(db: tuple) -> bool:
    return queries.holds_demo_values(_engine(db[0]))


# Shared, not copied (resources, not data): read-only. A data cache unpickled a copy of the
# catalogue (every body and target) at each of the dozen calls a page makes, and of a period's
# statuses at each of its readers; on the demo that was half of an overview's time. Callers
# derive frames (filters, `assign`), never change these in place.
@st.cache_resource(ttl=TTL, max_entries=8, show_spinner=False)
def catalogue(db: tuple) -> Catalogue:
    """The catalogue of this data version: read again only when the catalogue or the targets
    changed (etl.store.queries.catalogue_version), not at each upload of values."""
    return _catalogue(db[0], queries.catalogue_version(_engine(db[0])))


@st.cache_resource(ttl=TTL, max_entries=2, show_spinner=False)
def _catalogue(url: str, version: tuple) -> Catalogue:
    return load_catalogue(_engine(url))


@st.cache_data(ttl=TTL, show_spinner=False)
def latest_period(db: tuple) -> tuple[int, int] | None:
    return tables.latest_period(_engine(db[0]))


@st.cache_data(ttl=TTL, show_spinner=False)
def observations(db: tuple, indicator: str | None = None, agency: str | None = None):
    """Current observations, of one indicator and/or agency if given: only those rows are read
    (an indicator's ranking read all 80,000 current values for its trend column)."""
    if indicator is None and agency is None:
        return _all_observations(db).copy()
    return queries.current_observations(
        _engine(db[0]), _filters(db, indicator=indicator, agency=agency)
    )


@st.cache_resource(ttl=TTL, max_entries=4, show_spinner=False)
def _all_observations(db: tuple) -> pd.DataFrame:
    """Shared, not copied (st.cache_data unpickles a copy for every caller: 30 ms each for this
    frame). Read-only: callers slice it, never change it."""
    return queries.current_observations(_engine(db[0]), _filters(db))


@st.cache_resource(ttl=TTL, max_entries=16, show_spinner=SPINNER)
def statuses(db: tuple, year: int, quarter: int) -> pd.DataFrame:
    """Every expected agency × indicator judged as of the period (`no_data` when silent): the
    stored results of the period (etl.store.assessments), computed live only for the view with
    values awaiting review or rows built under other settings."""
    filters = _filters(db, year=year, quarter=quarter)
    judged, _, _ = tables.statuses_as_of(
        _engine(db[0]), filters, lambda: _all_observations(db), catalogue(db)
    )
    return judged


@st.cache_resource(ttl=TTL, max_entries=4, show_spinner=False)
def _stored_national(db: tuple) -> dict[str, pd.DataFrame] | None:
    """Every indicator's stored national series, read once (shared, read-only); None: compute
    live (values awaiting review shown, or rows built under other settings)."""
    return None if pending_view(db) else national.stored_series(_engine(db[0]))


def pending_view(db: tuple) -> bool:
    return len(db) > 2 and bool(db[2])


@st.cache_data(ttl=TTL, show_spinner=False)
def national_series(db: tuple, code: str) -> pd.DataFrame:
    """The national figure per period: the official one, else the catalogue's roll-up."""
    stored = _stored_national(db)
    if stored is not None:
        return stored.get(code, pd.DataFrame(columns=national.COLUMNS))
    return national.national_series(observations(db, indicator=code), catalogue(db), code)


@st.cache_resource(ttl=TTL, max_entries=16, show_spinner=False)
def national_statuses(db: tuple, roadmap: str, year: int, quarter: int) -> pd.DataFrame:
    """The status of each indicator's national figure as of the period; `computed` (with `n`
    of `m`) marks a status drawn from a figure rolled up from the agencies."""
    cat = catalogue(db)
    if not pending_view(db):
        judged = national.stored_statuses(_engine(db[0]), cat, roadmap, (year, quarter))
        if judged is not None:
            return judged
    series = {code: national_series(db, code) for code in cat.indicators}
    return national.national_statuses(series, cat, roadmap, (year, quarter))


@st.cache_data(ttl=TTL, show_spinner=False)
def projection(db: tuple, roadmap: str, agency: str, code: str):
    if agency == NATIONAL:
        group = national_series(db, code)
    else:
        group = observations(db, indicator=code, agency=agency)
    return projection_for(catalogue(db), roadmap, agency, code, group)


@st.cache_data(ttl=TTL, show_spinner=False)
def submissions(
    db: tuple, agency_type: str | None = None, agency: str | None = None
) -> pd.DataFrame:
    filters = _filters(db, agency_type=agency_type, agency=agency)
    return tables.TABLES["submissions"](_engine(db[0]), filters, catalogue(db))


@st.cache_data(ttl=TTL, show_spinner=SPINNER)
def table(db: tuple, name: str, filters: Filters) -> pd.DataFrame:
    return tables.TABLES[name](_engine(db[0]), _filters(db, filters), catalogue(db))


@st.cache_data(ttl=TTL, show_spinner=SPINNER)
def table_file(db: tuple, name: str, filters: Filters, fmt: str, sep: str = ",") -> bytes:
    """The export file, by the same writer as `python -m etl export` (`sep`: the CSV's)."""
    return table_bytes(
        _engine(db[0]), table(db, name, filters), name, _filters(db, filters), fmt,
        catalogue(db), sep,
    )  # fmt: skip


@st.cache_data(ttl=TTL, show_spinner=False)
def history(db: tuple, agency: str, code: str) -> pd.DataFrame:
    return queries.history(_engine(db[0]), agency, code)


@st.cache_data(ttl=TTL, show_spinner=False)
def target_files(db: tuple, agency: str) -> dict:
    """The files an agency's current targets came from (none for reference rows)."""
    return targets.target_files(_engine(db[0]), agency)


@st.cache_data(ttl=TTL, show_spinner=False)
def template(db: tuple, agency: str, year: int, quarter: int) -> bytes:
    """The upload template of one agency and quarter (targets as of this data version)."""
    from etl.report.template import template_workbook

    return template_workbook(_engine(db[0]), agency, year, quarter)


def audit_file(frame: pd.DataFrame, filters: dict | None = None) -> bytes:
    """The audit trail as XLSX, written by etl (formula-looking text neutralised)."""
    return audit_log.audit_bytes(frame, filters)
