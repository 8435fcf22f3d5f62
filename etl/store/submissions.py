"""A file's submission and its values in the database: what is current for the file's agencies,
what the file would change, and the write itself (submission, new values, superseded history,
audit entry), always inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import Connection, bindparam, select

from etl.core.rows import ValidRow
from etl.core.states import APPROVED, RETURNED
from etl.core.upload import Change, FileResult, Upload, change
from etl.store import audit, schema
from etl.store.database import bulk_insert
from etl.store.history import supersede_observations

Current = dict[tuple[str, str, int, int], tuple[float | None, float | None]]


def current_values(conn: Connection, agencies: set[str]) -> Current:
    """Current official (value, target) per (agency, indicator, year, quarter) of `agencies`:
    read once per file, for the outlier history and for the plan of old → new."""
    if not agencies:
        return {}
    obs = schema.observation.c
    query = select(obs.agency, obs.indicator, obs.year, obs.quarter, obs.value, obs.target).where(
        schema.current(schema.observation),
        obs.agency.in_(bindparam("agencies", expanding=True)),
    )
    return {
        (a, i, y, q): (v, t)
        for a, i, y, q, v, t in conn.execute(query, {"agencies": sorted(agencies)})
    }


def history(current: Current, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], list]:
    """(agency, indicator) → [(year, quarter, value)] of the current values, for the outlier rule."""
    out: dict[tuple[str, str], list] = {}
    for (a, i, y, q), (v, _) in current.items():
        if (a, i) in pairs:
            out.setdefault((a, i), []).append((y, q, v))
    return out


def plan_changes(current: Current, rows: list[ValidRow]) -> list[Change]:
    new = (None, None)
    return [change(r, *current.get(r[:4], new)) for r in rows]


def submission_with_sha(conn: Connection, sha: str) -> int | None:
    """The stored submission with these bytes (a returned one does not count: it may be sent
    again after its review)."""
    sub = schema.submission.c
    return conn.execute(
        select(sub.id)
        .where(sub.sha256 == sha, sub.review_status != RETURNED)
        .order_by(sub.id)
        .limit(1)
    ).scalar()


def count(result: FileResult) -> None:
    for kind, n in Counter(c.kind for c in result.changes).items():
        setattr(result.rows, kind, getattr(result.rows, kind) + n)


def store_file(
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


def original_file(
    engine, submission_id: int, *, actor: str, agencies=None
) -> tuple[str, bytes] | None:
    """The file a submission came from, exactly as it was sent, with the download written to
    the audit trail in the same transaction; None when there is no such submission, or none
    with values of `agencies` (an agency account's own, when given)."""
    from etl.store.database import write_transaction

    sub, obs = schema.submission, schema.observation
    with write_transaction(engine) as conn:
        found = conn.execute(
            select(sub.c.file_name, sub.c.content, sub.c.sha256).where(sub.c.id == submission_id)
        ).first()
        if found is None or found.content is None:
            return None
        if agencies is not None:
            mine = conn.execute(
                select(obs.c.id)
                .where(
                    obs.c.submission_id == submission_id,
                    obs.c.agency.in_(bindparam("agencies", sorted(agencies), expanding=True)),
                )
                .limit(1)
            ).first()
            if mine is None:
                return None
        audit.record(
            conn, actor=actor, action="file_download", entity=f"submission:{submission_id}",
            after={"file_name": found.file_name, "sha256": found.sha256},
        )  # fmt: skip
    return found.file_name, bytes(found.content)
