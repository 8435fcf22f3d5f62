"""An uploaded file's walk: `check` it once (read, validate, plan: nothing written), then
`commit` what was checked in one transaction.

The upload page keeps the `Checked` of its dry run and commits it on confirm, so a file is read,
pre-scanned, hashed and validated once; `ingest_bytes` (the command line, the demo) does both in a
row. A rejected file changes nothing, the same bytes again are `unchanged`, a corrected file keeps
the values it replaces as history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from etl.checks.action_plans import ActionContext, locked_since, validate_actions
from etl.checks.context import Context
from etl.checks.observations import validate
from etl.checks.targets import TargetContext, validate_targets
from etl.core import clock
from etl.core.action_rows import ActionRow
from etl.core.issues import Issue, UploadError
from etl.core.rows import ValidRow
from etl.core.states import ACCEPTED, APPROVED, REJECTED, UNCHANGED
from etl.core.target_rows import TargetRow
from etl.core.upload import Change, FileResult, RowCounts, Upload, count_kinds
from etl.reading.sandbox import read_upload
from etl.reading.scan.base import Limits
from etl.store import periods
from etl.store.action_plans import (
    plan_action_changes,
    store_actions,
    stored_actions,
)
from etl.store.catalogue import load_catalogue
from etl.store.database import WHOLE_YEAR, lost_race, serialise_periods, write_transaction
from etl.store.queries import refresh_stamp
from etl.store.reassess import after_change
from etl.store.submissions import (
    count,
    current_values,
    history,
    plan_changes,
    store_file,
    submission_with_sha,
)
from etl.store.targets import plan_target_changes, store_targets
from indicators.catalogue import Catalogue

__all__ = ["Change", "Checked", "FileResult", "RowCounts", "Upload", "check", "commit"]

_RETRIES = 3


@dataclass(frozen=True)
class Checked:
    """One file after its checks: the dry run's result (issues, old → new) and what a commit
    stores. Holds the bytes, so the stored file is the one that was checked."""

    file_name: str
    data: bytes
    sha256: str
    upload: Upload
    result: FileResult
    rows: tuple[ValidRow, ...] = ()
    actions: tuple[ActionRow, ...] | None = None  # None: the file has no action plan
    targets: tuple[TargetRow, ...] | None = None  # None: the file has no Target sheet
    # sheet → field → column letter of the action plans' lockable figures (the commit's issues)
    action_columns: dict[str, dict[str, str]] = field(default_factory=dict)
    # The catalogue the checks used: the commit's status update reuses its indicators, road
    # maps, scales and bodies and reads only the targets again (they may be in this file),
    # unless the catalogue was refreshed since it was read (Catalogue.refreshed).
    catalogue: Catalogue | None = None
    limits: Limits | None = None  # the reading limits, for a check made again at commit

    @property
    def accepted(self) -> bool:
        return self.result.status == ACCEPTED


def ingest_path(
    engine: Engine, path: str | Path, upload: Upload | None = None, **kwargs
) -> FileResult:
    path = Path(path)
    if not path.is_file():
        return FileResult(
            str(path), REJECTED, issues=[Issue.make("file_not_found", value=str(path))]
        )
    return ingest_bytes(engine, path.name, path.read_bytes(), upload, display=str(path), **kwargs)


def ingest_bytes(
    engine: Engine,
    file_name: str,
    data: bytes,
    upload: Upload | None = None,
    *,
    catalogue: Catalogue | None = None,
    limits: Limits | None = None,
    dry_run: bool = False,
    display: str | None = None,
) -> FileResult:
    checked = check(
        engine, file_name, data, upload, catalogue=catalogue, limits=limits, preview=dry_run
    )
    if display is not None:
        checked = replace(checked, result=replace(checked.result, path=display))
    return checked.result if dry_run else commit(engine, checked)


def check(
    engine: Engine,
    file_name: str,
    data: bytes,
    upload: Upload | None = None,
    *,
    catalogue: Catalogue | None = None,
    limits: Limits | None = None,
    preview: bool = True,
) -> Checked:
    """Read and validate the file and plan what it would change (`preview`: the dry run's
    old → new; a caller committing at once leaves it to the commit, which plans anyway). Only
    reads the database (no write transaction: a dry run never waits for, nor blocks, a writer)."""
    upload = upload or Upload()
    sha = hashlib.sha256(data).hexdigest()
    # A catalogue the caller holds says itself which refresh it was read after (a folder's
    # files share one; the app keeps one per catalogue version).
    catalogue = catalogue or load_catalogue(engine)
    try:
        book = read_upload(file_name, data, limits)
    except UploadError as error:
        return Checked(file_name, data, sha, upload, FileResult(file_name, REJECTED, issues=error.issues, sha256=sha))  # fmt: skip
    today = upload.today or clock.today()
    locked = periods.lock_checker(engine, today) if upload.enforce_locks else None
    ctx = Context(catalogue, today, upload.allowed_agencies, locked)
    with engine.connect() as conn:
        current = _Current(conn)
        validation = validate(book, ctx, history=current.history)
        plans = validate_actions(
            book.action_sheets,
            ActionContext(
                catalogue, today, ctx.allowed_agencies, file_name, upload.agency, upload.year,
                upload.theme, locked, stored_actions(conn),
            ),
        )  # fmt: skip
        own = validate_targets(
            book.target_sheets,
            TargetContext(catalogue, ctx.allowed_agencies, upload.may_change_national),
        )
        issues = (validation.issues + plans.issues + own.issues).report()
        if any(i.is_error for i in issues):
            result = FileResult(file_name, REJECTED, issues=issues, sha256=sha)
            result.action_context = plans.sources
            return Checked(file_name, data, sha, upload, result)
        actions = tuple(plans.rows) if book.action_sheets else None
        targets = tuple(own.rows) if book.target_sheets else None
        result = FileResult(file_name, ACCEPTED, issues=issues, sha256=sha, dry_run=True)
        result.action_context = plans.sources
        result.rows = RowCounts(skipped=validation.skipped)
        if preview:
            _plan(current, result, validation.rows, actions, validation.skipped, targets)
    return Checked(
        file_name, data, sha, upload, result, tuple(validation.rows), actions, targets,
        plans.columns, catalogue, limits,
    )  # fmt: skip


def commit(engine: Engine, checked: Checked) -> FileResult:
    """Store a checked file in one transaction, planned again against what is current now
    (another file may have landed since the check). A rejected check is returned as it is."""
    if not checked.accepted:
        return checked.result
    if _refreshed_since(engine, checked):
        # `etl init` changed the catalogue after the check (a kept dry run): the file is checked
        # again against the new one, so no value is stored or judged under indicators, units or
        # bodies that are no longer the catalogue's.
        shown = checked.result.path
        checked = check(
            engine, checked.file_name, checked.data, checked.upload, limits=checked.limits,
            preview=False,
        )  # fmt: skip
        checked = replace(checked, result=replace(checked.result, path=shown))
        if not checked.accepted:
            return checked.result
    result = replace(checked.result, dry_run=False, changes=[], rows=RowCounts())
    upload, rows = checked.upload, list(checked.rows)
    # Action plans and targets are kept per agency and year (a period of its own, WHOLE_YEAR).
    keys = {(r.agency, r.year, r.quarter) for r in rows}
    keys |= {(a.agency, a.year, WHOLE_YEAR) for a in (*(checked.actions or ()), *(checked.targets or ()))}  # fmt: skip
    for _attempt in range(_RETRIES):
        try:
            with write_transaction(engine) as conn:
                serialise_periods(conn, keys)
                # Asked under the period locks: no file of these periods lands in between.
                if upload.enforce_locks and (late := _locked_since(engine, conn, checked)):
                    return late
                skipped = checked.result.rows.skipped
                action_changes, target_changes = _plan(
                    _Current(conn), result, rows, checked.actions, skipped, checked.targets
                )
                if result.status == UNCHANGED:
                    return result
                result.submission_id = store_file(
                    conn, checked.file_name, checked.data, checked.sha256, result, upload
                )
                received = upload.received_at or dt.datetime.now(dt.UTC)
                for store, changes in ((store_actions, action_changes), (store_targets, target_changes)):  # fmt: skip
                    store(conn, changes, result.submission_id, received, upload.user, upload.review)
                if upload.review == APPROVED:  # values awaiting review change no status yet
                    after_change(
                        conn,
                        [c.row[:4] for c in result.changes if c.kind != "unchanged"],
                        [(c.row.agency, c.row.indicator) for c in target_changes if c.kind != "unchanged"],
                        base=None if _refreshed_since(conn, checked) else checked.catalogue,
                    )  # fmt: skip
            return result
        except (IntegrityError, OperationalError) as error:
            if not lost_race(error):
                raise
            # A writer that takes no period lock (a review) stored the same key first, or the
            # database stayed busy past its timeout: plan again against what is now current.
            result.status = ACCEPTED
    # Still losing after every try: the file is refused whole, with a code, never a traceback.
    return replace(
        result, status=REJECTED, changes=[], rows=RowCounts(), submission_id=None, actions=None,
        targets=None,
        issues=[*result.issues, Issue.make("commit_conflict", value=checked.file_name)],
    )  # fmt: skip


def _refreshed_since(source: Engine | Connection, checked: Checked) -> bool:
    if isinstance(source, Engine):
        with source.connect() as conn:
            return _refreshed_since(conn, checked)
    # Rows that came without a check (commit_rows) were validated by their caller, now.
    return checked.catalogue is not None and refresh_stamp(source) != checked.catalogue.refreshed


def _locked_since(engine: Engine, conn: Connection, checked: Checked) -> FileResult | None:
    """A check kept from before a period's lock date (the upload page keeps its dry run) must
    not store into it after: the locks are asked again, today, for the values and for the
    action plans' realised figures (against the actions stored now). None: nothing locked."""
    locked = periods.lock_checker(engine, checked.upload.today or clock.today())
    shut = sorted(
        {(r.agency, r.year, r.quarter) for r in checked.rows if locked(r.agency, r.year, r.quarter)}
    )
    first = {(r.agency, r.year, r.quarter): r for r in reversed(checked.rows)}
    issues = [
        Issue.make("period_locked", sheet=first[k].sheet, cell=first[k].cell, value=f"{k[1]} TW{k[2]}", agency=k[0])
        for k in shut
    ]  # fmt: skip
    issues += locked_since(checked.actions or (), locked, stored_actions(conn), checked.action_columns)  # fmt: skip
    if not issues:
        return None
    return replace(
        checked.result, status=REJECTED, issues=[*checked.result.issues, *issues], dry_run=False
    )


class _Current:
    """The current values of the file's agencies, read once per connection and shared by the
    outlier rule and the plan of old → new."""

    def __init__(self, conn: Connection):
        self.conn, self.agencies, self.values = conn, set(), {}

    def of(self, agencies: set[str]) -> dict:
        if missing := agencies - self.agencies:
            self.values.update(current_values(self.conn, missing))
            self.agencies |= missing
        return self.values

    def history(self, pairs) -> dict:
        pairs = set(pairs)
        return history(self.of({a for a, _ in pairs}), pairs)


def _plan(current: _Current, result: FileResult, rows, actions, skipped: int, targets=None):
    """Fill `result` with what the file does to the stored values (or mark it `unchanged` when
    the same bytes are stored already); returns the action-plan and target changes to store."""
    conn = current.conn
    result.rows = RowCounts(skipped=skipped)
    earlier = submission_with_sha(conn, result.sha256)
    if earlier is not None:
        result.status, result.submission_id = UNCHANGED, earlier
        result.rows.unchanged, result.changes = len(rows), []
        if actions is not None:
            result.actions = {"inserted": 0, "updated": 0, "unchanged": len(actions)}
        if targets is not None:
            result.targets = {"inserted": 0, "updated": 0, "unchanged": len(targets)}
        return [], []
    result.changes = plan_changes(current.of({r.agency for r in rows}), rows)
    count(result)
    action_changes = plan_action_changes(conn, list(actions or ()))
    if actions is not None:
        result.actions = count_kinds(action_changes)
    target_changes = plan_target_changes(conn, list(targets or ()))
    if targets is not None:
        result.targets = count_kinds(target_changes)
    return action_changes, target_changes


def commit_rows(
    engine: Engine,
    file_name: str,
    data: bytes,
    rows: list[ValidRow],
    upload: Upload,
    *,
    display: str | None = None,
) -> FileResult:
    """Store rows that did not come through `check` (the reference national actuals, which
    `etl init` parses itself) by the same commit as every file."""
    sha = hashlib.sha256(data).hexdigest()
    result = FileResult(display or file_name, ACCEPTED, sha256=sha)
    return commit(engine, Checked(file_name, data, sha, upload, result, tuple(rows)))
