"""Bringing the stored results (etl.store.assessments, etl.store.national_figures) up to date
inside the transaction of the change that moves them, recomputing only what it touched: a file's
values or an approval recompute those agencies' series of those indicators and the national
figures of the changed periods; a target recomputes the series it judges; `etl init` and
`etl assess --rebuild` recompute everything, and a batch of many files (the demo) can put the
updates off to one rebuild at its end (`deferred`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

from etl.store import audit
from etl.store.assessments import is_current, mark, store_series
from etl.store.catalogue import load_catalogue
from etl.store.database import serialise_indicators, write_transaction
from etl.store.national_figures import moves_national, store_national
from indicators.catalogue import NATIONAL, Catalogue


def after_change(
    conn: Connection,
    values: Iterable[tuple[str, str, int, int]] = (),
    targets: Iterable[tuple[str, str]] = (),
    base: Catalogue | None = None,
) -> None:
    """`values`: the (agency, indicator, year, quarter) whose official value changed; `targets`:
    the (agency, indicator) whose official targets changed; `base`: a catalogue read earlier
    (its targets are read again here). Rows built under other settings are left alone
    (nobody reads them until a rebuild: etl.store.assessments)."""
    values, targets = list(values), set(targets)
    if not (values or targets):
        return
    series = {(a, i) for a, i, _, _ in values} | targets
    # Locked before the state is read: a rebuild (which holds every indicator's lock) either
    # sees this change or is seen as built by it, never neither (`deferred`, a catalogue change).
    serialise_indicators(conn, {i for _, i in series})
    if not is_current(conn):
        return
    everyone = {i for a, i in targets if a == NATIONAL}
    catalogue = load_catalogue(conn, None if everyone else {a for a, _ in series}, base=base)
    # A national target is every agency's too where the catalogue says it applies (inflation).
    applies = {i for i in everyone if i in catalogue.indicators and catalogue.indicators[i].national_target_applies}  # fmt: skip
    if applies:
        store_series(conn, catalogue, applies)
    by_agency: dict[str, set[str]] = {}
    for agency, code in series:
        if code not in applies:
            by_agency.setdefault(agency, set()).add(code)
    # Agencies sharing their indicators are recomputed in one pass (a national file's 600).
    by_codes: dict[frozenset[str], set[str]] = {}
    for agency, codes in by_agency.items():
        by_codes.setdefault(frozenset(codes), set()).add(agency)
    for codes, agencies in by_codes.items():
        store_series(conn, catalogue, codes, agencies)
    national: dict[str, set | None] = {i: None for a, i in targets if a == NATIONAL}
    for agency, code, year, quarter in values:
        if national.get(code, ()) is not None and moves_national(catalogue, agency, code):
            national.setdefault(code, set()).add((year, quarter))
    store_national(conn, catalogue, national)


def rebuild(conn: Connection, actor: str = "init") -> tuple[int, int]:
    """Every stored result computed again from the current data, under this process's settings;
    returns (agency rows, national rows)."""
    catalogue = load_catalogue(conn)
    serialise_indicators(conn, catalogue.indicators)
    rows = store_series(conn, catalogue, None)
    national = store_national(conn, catalogue, {code: None for code in catalogue.indicators})
    mark(conn, built=True)
    # A data action: every server's cached pages key on it (etl.store.queries.data_version).
    audit.record(
        conn, actor=actor, action="assessment_rebuild", entity="assessment",
        after={"rows": rows, "national_rows": national},
    )  # fmt: skip
    return rows, national


@contextmanager
def deferred(engine: Engine, actor: str) -> Iterator[None]:
    """Commits inside the block do not update the stored results one by one; one `rebuild`
    at the end does (the demo's 306 files paid 306 incremental updates, more than half its
    time). Meanwhile the rows are marked as not to be read, as after a catalogue refresh:
    every reader, on any server, computes live, and every commit's `after_change` passes. If
    the block fails they stay so (never read stale) until `etl init` or `etl assess --rebuild`.
    """
    with write_transaction(engine) as conn:
        mark(conn, built=False)
    yield
    with write_transaction(engine) as conn:
        rebuild(conn, actor)
