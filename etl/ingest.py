"""One transaction per file: validate, then store the file, its values and their history.

`ingest_bytes` is the one entry point of the command line, the upload page and the demo; a
rejected file changes nothing, the same bytes again are `unchanged`, a corrected file keeps the
values it replaces as history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Connection, Engine, bindparam, select
from sqlalchemy.exc import IntegrityError, OperationalError

from etl.checks.action_plans import ActionContext, validate_actions
from etl.checks.observations import Context, validate
from etl.core.action_rows import ActionRow
from etl.core.issues import Issue, UploadError
from etl.core.rows import ValidRow
from etl.core.states import ACCEPTED, APPROVED, REJECTED, UNCHANGED
from etl.reading.read import read_upload
from etl.reading.scan.base import Limits
from etl.store import audit, periods, schema
from etl.store.action_plans import count_changes, plan_action_changes, store_actions
from etl.store.catalogue import load_catalogue
from etl.store.database import bulk_insert, write_transaction
from etl.store.history import supersede_observations
from indicators.catalogue import Catalogue

_RETRIES = 3


@dataclass
class RowCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


class Change(NamedTuple):
    """What a file does to one value: old → new (old is None for an insert)."""

    row: ValidRow
    old_value: float | None
    old_target: float | None
    kind: str  # inserted | updated | unchanged


def change(row: ValidRow, old_value: float | None, old_target: float | None) -> Change:
    if old_value is None:
        kind = "inserted"
    elif old_value == row.value and old_target == row.target:
        kind = "unchanged"
    else:
        kind = "updated"
    # tuple.__new__: NamedTuple's own __new__ is Python code, three times slower per row.
    return tuple.__new__(Change, (row, old_value, old_target, kind))


@dataclass
class FileResult:
    path: str
    status: str
    submission_id: int | None = None
    rows: RowCounts = field(default_factory=RowCounts)
    issues: list[Issue] = field(default_factory=list)
    sha256: str | None = None
    changes: list[Change] = field(default_factory=list)
    dry_run: bool = False
    # Action plans (Rencana Aksi sheets): counts by kind, and per sheet the agency and year
    # used with where each came from (metadata, title, form, file_name).
    actions: dict[str, int] | None = None
    action_context: list[dict] = field(default_factory=list)

    def as_report(self) -> dict:
        report = {
            "path": self.path,
            "status": self.status,
            "submission_id": self.submission_id,
            "sha256": self.sha256,
            "rows": vars(self.rows).copy(),
            "issues": [i.as_dict() for i in self.issues],
        }
        if self.actions is not None or self.action_context:
            report["actions"] = dict(self.actions or {})
            report["action_context"] = list(self.action_context)
        return report


@dataclass
class Upload:
    """Who sends a file, when, and what they may touch."""

    user: str = "cli"
    source: str = "upload"  # upload | demo | reference
    received_at: dt.datetime | None = None  # default: now; the demo back-dates its files
    allowed_agencies: frozenset[str] | None = None
    today: dt.date | None = None
    # Upload form / --agency --year --theme: for action-plan sheets that do not say them.
    agency: str | None = None
    year: int | None = None
    theme: str | None = None
    # An agency's upload in the app waits for a reviewer ("pending"); it becomes official on
    # approval (etl.access.review). The command line and reviewers' own uploads are "approved".
    review: str = "approved"
    enforce_locks: bool = False  # agencies cannot upload for a period past its lock date


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
    return _ingest(engine, file_name, data, upload, catalogue, limits, dry_run, display)


def _ingest(engine, file_name, data, upload, catalogue, limits, dry_run, display) -> FileResult:
    upload = upload or Upload()
    shown = display or file_name
    sha = hashlib.sha256(data).hexdigest()
    catalogue = catalogue or load_catalogue(engine)
    try:
        book = read_upload(file_name, data, limits)
    except UploadError as error:
        return FileResult(shown, REJECTED, issues=error.issues, sha256=sha)
    today = upload.today or dt.date.today()
    locked = periods.lock_checker(engine, today) if upload.enforce_locks else None
    ctx = Context(catalogue, today, upload.allowed_agencies, locked)
    validation = validate(book, ctx, history=lambda pairs: current_history(engine, pairs))
    plans = validate_actions(
        book.action_sheets,
        ActionContext(
            catalogue, ctx.today, ctx.allowed_agencies, file_name, upload.agency, upload.year,
            upload.theme,
        ),
    )  # fmt: skip
    issues = validation.issues + plans.issues
    if any(i.is_error for i in issues):
        result = FileResult(shown, REJECTED, issues=issues, sha256=sha)
        result.action_context = plans.sources
        return result
    result = commit_rows(
        engine,
        file_name,
        data,
        validation.rows,
        upload,
        skipped=validation.skipped,
        issues=issues,
        dry_run=dry_run,
        display=shown,
        actions=plans.rows if book.action_sheets else None,
    )
    result.action_context = plans.sources
    return result


def commit_rows(
    engine: Engine,
    file_name: str,
    data: bytes,
    rows: list[ValidRow],
    upload: Upload,
    *,
    skipped: int = 0,
    issues: list[Issue] | None = None,
    dry_run: bool = False,
    display: str | None = None,
    actions: list[ActionRow] | None = None,
) -> FileResult:
    """Store valid rows of one file in one transaction (or, for a dry run, only plan it).
    `actions` (None: the file has no action plan) are stored in the same transaction."""
    sha = hashlib.sha256(data).hexdigest()
    result = FileResult(display or file_name, ACCEPTED, issues=list(issues or ()), sha256=sha)
    result.dry_run = dry_run
    for attempt in range(_RETRIES):
        result.rows = RowCounts(skipped=skipped)
        try:
            with write_transaction(engine) as conn:
                earlier = _submission_with_sha(conn, sha)
                if earlier is not None:
                    result.status, result.submission_id = UNCHANGED, earlier
                    result.rows.unchanged = len(rows)
                    if actions is not None:
                        result.actions = {"inserted": 0, "updated": 0, "unchanged": len(actions)}
                    return result
                result.changes = plan_changes(conn, rows)
                _count(result)
                action_changes = plan_action_changes(conn, actions or [])
                if actions is not None:
                    result.actions = count_changes(action_changes)
                if dry_run:
                    conn.rollback()
                    return result
                result.submission_id = store(conn, file_name, data, sha, result, upload)
                store_actions(
                    conn,
                    action_changes,
                    result.submission_id,
                    upload.received_at or dt.datetime.now(dt.UTC),
                    upload.user,
                    upload.review,
                )
            return result
        except (IntegrityError, OperationalError):
            # A concurrent writer stored the same key first (PostgreSQL) or held the lock past
            # the busy timeout (SQLite): plan again against what is now current.
            if attempt == _RETRIES - 1:
                raise
    return result


def _submission_with_sha(conn: Connection, sha: str) -> int | None:
    return conn.execute(
        select(schema.submission.c.id)
        .where(schema.submission.c.sha256 == sha, schema.submission.c.review_status != "returned")
        .order_by(schema.submission.c.id)
        .limit(1)
    ).scalar()


def _current(conn: Connection, rows: list[ValidRow]) -> dict[tuple, tuple]:
    """Current stored (value, target) per key, for the agencies and years of the rows."""
    if not rows:
        return {}
    obs = schema.observation.c
    agencies = sorted({r.agency for r in rows})
    years = sorted({r.year for r in rows})
    query = select(obs.agency, obs.indicator, obs.year, obs.quarter, obs.value, obs.target).where(
        schema.current(schema.observation),
        obs.agency.in_(bindparam("agencies", expanding=True)),
        obs.year.in_(bindparam("years", expanding=True)),
    )
    return {
        (a, i, y, q): (v, t)
        for a, i, y, q, v, t in conn.execute(query, {"agencies": agencies, "years": years})
    }


def plan_changes(conn: Connection, rows: list[ValidRow]) -> list[Change]:
    current, new = _current(conn, rows), (None, None)
    return [change(r, *current.get(r[:4], new)) for r in rows]


def _count(result: FileResult) -> None:
    for kind, n in Counter(change.kind for change in result.changes).items():
        setattr(result.rows, kind, getattr(result.rows, kind) + n)


def store(
    conn: Connection, file_name: str, data: bytes, sha: str, result: FileResult, upload: Upload
) -> int:
    """Write the submission, the new current values and the superseded history."""
    now = dt.datetime.now(dt.UTC)
    received = upload.received_at or now
    counts = result.rows
    submission_id = conn.execute(
        schema.submission.insert().returning(schema.submission.c.id),
        {
            "file_name": file_name,
            "sha256": sha,
            "size_bytes": len(data),
            "content": data,
            "uploaded_by": upload.user,
            "uploaded_at": received,
            "source": upload.source,
            "rows_inserted": counts.inserted,
            "rows_updated": counts.updated,
            "rows_unchanged": counts.unchanged,
            "rows_skipped": counts.skipped,
            "issues": [i.as_dict() for i in result.issues],
            "review_status": upload.review,
        },
    ).scalar_one()
    written = [c.row for c in result.changes if c.kind != "unchanged"]
    # Values awaiting review replace nothing yet: approval does (etl.access.review.approve).
    approved = upload.review == APPROVED
    replaced = [c.row for c in result.changes if approved and c.kind == "updated"]
    obs = schema.observation
    if replaced:
        supersede_observations(conn, replaced, received, submission_id)
    if written:
        bulk_insert(
            conn,
            obs,
            list(ValidRow._fields),
            written,
            {
                "submission_id": submission_id,
                "recorded_at": received,
                "recorded_by": upload.user,
                "superseded_at": None,
                "superseded_by": None,
                "review": upload.review,
            },
        )
    detail = {"file_name": file_name, "sha256": sha, "source": upload.source, **vars(counts)}
    if result.actions is not None:
        detail["actions"] = result.actions
    audit.record(
        conn, actor=upload.user, action="ingest", entity=f"submission:{submission_id}",
        after={**detail, "review": upload.review},
    )  # fmt: skip
    return submission_id


def current_history(
    engine: Engine, pairs: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], list]:
    """(agency, indicator) → [(year, quarter, value)] of the current stored values."""
    pairs = set(pairs)
    if not pairs:
        return {}
    obs = schema.observation.c
    query = select(obs.agency, obs.indicator, obs.year, obs.quarter, obs.value).where(
        schema.current(schema.observation),
        obs.agency.in_(bindparam("agencies", expanding=True)),
    )
    out: dict[tuple[str, str], list] = {}
    with engine.connect() as conn:
        for a, i, y, q, v in conn.execute(query, {"agencies": sorted({a for a, _ in pairs})}):
            if (a, i) in pairs:
                out.setdefault((a, i), []).append((y, q, v))
    return out
