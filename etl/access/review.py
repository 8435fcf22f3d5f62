"""Review of agencies' uploads: a reviewer approves (the values become official, the ones they
replace go to history) or returns them with a comment the agency sees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd
from sqlalchemy import Engine, and_, bindparam, literal, select, update
from sqlalchemy.exc import IntegrityError

from etl.core.issues import CodedError
from etl.core.states import APPROVED, PENDING, RETURNED
from etl.store import audit, schema
from etl.store.database import WHOLE_YEAR, serialise_periods, write_transaction
from etl.store.history import KEYS, supersede
from etl.store.queries import utc_timestamps
from etl.store.reassess import after_change

sub = schema.submission
obs = schema.observation
act = schema.action
tgt = schema.target
# The rows a submission may carry: values, action plans and targets, reviewed as one.
REVIEWED = (obs, act, tgt)


class ReviewError(CodedError, ValueError):
    """The submission cannot be reviewed (unknown, already decided, or no comment to return);
    a coded message of etl.core.messages. Still a ValueError for callers that catch that."""


def _agencies_of(conn, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    out: dict[int, list[str]] = {}
    for table in (obs, tgt):  # a file of targets alone names its agencies too
        rows = conn.execute(
            select(table.c.submission_id, table.c.agency)
            .where(table.c.submission_id.in_(bindparam("ids", expanding=True)))
            .distinct(),
            {"ids": ids},
        )
        for sid, agency in rows:
            if agency not in out.setdefault(sid, []):
                out[sid].append(agency)
    return {sid: ", ".join(sorted(codes)) for sid, codes in out.items()}


COLUMNS = [
    "id", "file_name", "source", "uploaded_by", "uploaded_at", "agencies", "rows_inserted", "rows_updated",
    "rows_unchanged", "review_status", "review_comment", "reviewed_by", "reviewed_at",
]  # fmt: skip


def _frame(conn, query) -> pd.DataFrame:
    rows = [dict(r) for r in conn.execute(query).mappings()]
    names = _agencies_of(conn, [r["id"] for r in rows])
    for row in rows:
        row["agencies"] = names.get(row["id"], "")
    return utc_timestamps(pd.DataFrame(rows, columns=COLUMNS))


def _select():
    return select(*(sub.c[c] for c in COLUMNS if c != "agencies"))


def pending_submissions(engine: Engine) -> pd.DataFrame:
    """Submissions waiting for a reviewer, oldest first."""
    with engine.connect() as conn:
        return _frame(conn, _select().where(sub.c.review_status == PENDING).order_by(sub.c.id))


# Where a submission came from (submission.source): a person's file sent in the app or with
# `python -m etl ingest`, the demo's, or `reference` (the published national figures `etl init`
# loads: no one's, but listed with every submission). Command-line loads written before "cli"
# existed say "upload".
SENT = ("upload", "cli")
ORIGINS = (*SENT, "demo", "reference")


def submissions_for(
    engine: Engine, agencies: Iterable[str] | None, origins: Iterable[str] = SENT
) -> pd.DataFrame:
    """Submissions (newest first) touching these agencies (None: all), with the review outcome
    and the reviewer's comment, as the agency sees them; by default the files people sent,
    `origins=ORIGINS` for every file loaded (the demo's too)."""
    origins_in = bindparam("origins", value=sorted(origins), expanding=True)
    query = _select().where(sub.c.source.in_(origins_in)).order_by(sub.c.id.desc())
    if agencies is not None:
        agencies_in = bindparam("agencies", expanding=True)
        touching = select(obs.c.submission_id).where(obs.c.agency.in_(agencies_in))
        touching = touching.union(
            select(tgt.c.submission_id).where(
                tgt.c.agency.in_(agencies_in), tgt.c.submission_id.is_not(None)
            )
        )
        query = query.where(sub.c.id.in_(touching))
    with engine.connect() as conn:
        if agencies is None:
            return _frame(conn, query)
        return _frame(conn, query.params(agencies=sorted(agencies)))


_RETRIES = 5  # approvals racing on one value: each retry sees the others' committed result
# How a decided submission's state reads in the "already decided" message.
_DECIDED = {APPROVED: ("disetujui", "approved"), RETURNED: ("dikembalikan", "returned")}


def _claim(conn, submission_id: int, status: str, actor: str, comment: str, now) -> None:
    """Move the submission from pending to `status` before touching any value, or raise.

    The conditional UPDATE's row count decides, so two reviewers racing can never both win: on
    PostgreSQL the second UPDATE waits on the first's row lock, then re-reads the committed row
    (READ COMMITTED), finds it no longer pending and matches nothing; on SQLite the writers
    queue behind write_transaction's BEGIN IMMEDIATE. The row stays locked until commit, so the
    values this transaction then changes are this decision's alone."""
    claimed = conn.execute(
        update(sub)
        .where(sub.c.id == submission_id, sub.c.review_status == PENDING)
        .values(review_status=status, reviewed_by=actor, reviewed_at=now, review_comment=comment)
    ).rowcount
    if claimed != 1:
        state = conn.execute(select(sub.c.review_status).where(sub.c.id == submission_id))
        _refuse(submission_id, state.scalar())
    audit.record(
        conn, actor=actor, action=f"review_{status}", entity=f"submission:{submission_id}",
        before={"review_status": PENDING}, after={"review_status": status, "comment": comment},
    )  # fmt: skip


def _refuse(submission_id: int, status: str | None) -> None:
    if status is None:
        raise ReviewError("review_unknown", submission=submission_id)
    status_id, status_en = _DECIDED.get(status, (status, status))
    raise ReviewError(
        "review_already_decided", submission=submission_id, status_id=status_id,
        status_en=status_en,
    )  # fmt: skip


def approve(engine: Engine, submission_id: int, *, actor: str, comment: str = "") -> int:
    """Make the submission's values official; returns how many values it made current."""
    for _ in range(_RETRIES):
        try:
            return _approve(engine, submission_id, actor, comment)
        except IntegrityError:
            # Another submission's value of the same key became current meanwhile (approved or
            # stored at once): PostgreSQL's snapshot hid it from the supersede, and the unique
            # index refused a second current value. Nothing of this try stayed: decide again,
            # against what is current now.
            continue
    raise ReviewError("review_conflict", submission=submission_id)


def _periods_of(conn, submission_id: int) -> set[tuple[str, int, int]]:
    """The (agency, year, quarter) a submission's rows write, as a file's commit locks them."""
    keys: set[tuple[str, int, int]] = set()
    for table in REVIEWED:
        quarter = table.c.quarter if table is obs else literal(WHOLE_YEAR)
        query = select(table.c.agency, table.c.year, quarter).where(
            table.c.submission_id == submission_id
        )
        keys |= {tuple(k) for k in conn.execute(query.distinct())}
    return keys


def _approve(engine: Engine, submission_id: int, actor: str, comment: str) -> int:
    """The approval queues behind any file writing the same periods (and they behind it), as
    two files do: planned against the same current row, an approval and a corrected file would
    otherwise both supersede it. The period locks come before the submission's row lock, in the
    files' order, so no two writers wait on each other.

    A period locked since the upload does not refuse the approval: the lock date bounds when an
    agency may send a file, and this one came in time (the check at upload and at its commit
    enforced it); a reviewer's later decision does not make it late."""
    now = dt.datetime.now(dt.UTC)
    with write_transaction(engine) as conn:
        serialise_periods(conn, _periods_of(conn, submission_id))
        _claim(conn, submission_id, APPROVED, actor, comment, now)
        made_current = {}
        for table in REVIEWED:
            waiting = conn.execute(
                select(*(table.c[k] for k in KEYS[table.name])).where(
                    table.c.submission_id == submission_id, table.c.review == PENDING
                )
            ).all()
            supersede(conn, table, waiting, now, submission_id)
            conn.execute(
                update(table)
                .where(table.c.submission_id == submission_id, table.c.review == PENDING)
                .values(review=APPROVED)
            )
            made_current[table.name] = waiting
        # The statuses these values and targets move, in the same transaction.
        targets = [(t.agency, t.indicator) for t in made_current["target"]]
        after_change(conn, [tuple(v) for v in made_current["observation"]], targets)
        return len(made_current["observation"])


def return_submission(engine: Engine, submission_id: int, *, actor: str, comment: str) -> None:
    """Send the submission back with a comment; its values never become official."""
    if not comment.strip():
        raise ReviewError("review_comment_required")
    now = dt.datetime.now(dt.UTC)
    with write_transaction(engine) as conn:
        _claim(conn, submission_id, RETURNED, actor, comment.strip(), now)
        for table in REVIEWED:
            conn.execute(
                update(table)
                .where(table.c.submission_id == submission_id, table.c.review == PENDING)
                .values(review=RETURNED)
            )


def _ids(submissions: int | Iterable[int]) -> list[int]:
    return [int(submissions)] if isinstance(submissions, int) else [int(i) for i in submissions]


def submission_changes(engine: Engine, submissions: int | Iterable[int]) -> pd.DataFrame:
    """What submissions awaiting review would change: each of their values (with its
    submission_id) beside the official value it would replace (None: a new value)."""
    old = obs.alias("official")
    query = (
        select(
            obs.c.submission_id,
            obs.c.agency,
            obs.c.indicator,
            obs.c.year,
            obs.c.quarter,
            old.c.value.label("old_value"),
            obs.c.value,
            obs.c.target,
            obs.c.unit,
            obs.c.notes,
            obs.c.evidence_url,
            obs.c.sheet,
            obs.c.cell,
        )
        .select_from(
            obs.outerjoin(
                old,
                (old.c.agency == obs.c.agency)
                & (old.c.indicator == obs.c.indicator)
                & (old.c.year == obs.c.year)
                & (old.c.quarter == obs.c.quarter)
                & schema.current(old),
            )
        )
        .where(obs.c.submission_id.in_(bindparam("ids", expanding=True)))
        .order_by(obs.c.submission_id, obs.c.agency, obs.c.indicator, obs.c.year, obs.c.quarter)
    )
    with engine.connect() as conn:
        result = conn.execute(query, {"ids": _ids(submissions)})
        return pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()))


def earlier_official(engine: Engine, submissions: int | Iterable[int]) -> pd.DataFrame:
    """For each value of these submissions, every official value of the same agency and
    indicator in an earlier quarter, oldest first: submission_id, agency, indicator, year,
    quarter, prev_year, prev_quarter, prev_value. The last row of a value is the period before
    it; a value with no earlier official one has no row."""
    mine = obs.alias("mine")
    old = obs.alias("official")
    earlier = (old.c.year < mine.c.year) | (
        (old.c.year == mine.c.year) & (old.c.quarter < mine.c.quarter)
    )
    query = (
        select(
            mine.c.submission_id, mine.c.agency, mine.c.indicator, mine.c.year, mine.c.quarter,
            old.c.year.label("prev_year"), old.c.quarter.label("prev_quarter"),
            old.c.value.label("prev_value"),
        )
        .select_from(mine.join(old, (old.c.agency == mine.c.agency)
                               & (old.c.indicator == mine.c.indicator) & earlier
                               & schema.current(old)))
        .where(mine.c.submission_id.in_(bindparam("ids", expanding=True)))
    )  # fmt: skip
    with engine.connect() as conn:
        result = conn.execute(query, {"ids": _ids(submissions)})
        frame = pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()))
    key = ["submission_id", "agency", "indicator", "year", "quarter"]
    return frame.sort_values([*key, "prev_year", "prev_quarter"]).reset_index(drop=True)


def submission_issues(engine: Engine, submissions: int | Iterable[int]) -> dict[int, list[dict]]:
    """The issues the checks raised on each file when it was sent (warnings: an accepted file
    has no error), as stored with it: severity, code, sheet, cell, messages; by submission."""
    query = select(sub.c.id, sub.c.issues).where(sub.c.id.in_(bindparam("ids", expanding=True)))
    with engine.connect() as conn:
        rows = conn.execute(query, {"ids": _ids(submissions)}).all()
    return {int(sid): list(issues or []) for sid, issues in rows}


SHOWN = ("agency", "indicator", "roadmap", "year", "kind", "value", "low", "high", "source", "sheet", "cell")  # fmt: skip


def submission_target_changes(engine: Engine, submissions: int | Iterable[int]) -> pd.DataFrame:
    """The targets (Target sheet) of submissions awaiting review (with their submission_id),
    each beside the official target of its key it would replace (None: a new target)."""
    old = tgt.alias("official")
    same_key = [old.c[k] == tgt.c[k] for k in KEYS["target"]]
    query = (
        select(tgt.c.submission_id, *(tgt.c[k] for k in SHOWN[:5]), old.c.value.label("old_value"))
        .add_columns(*(tgt.c[k] for k in SHOWN[5:]))
        .select_from(tgt.outerjoin(old, and_(*same_key, schema.current(old))))
        .where(tgt.c.submission_id.in_(bindparam("ids", expanding=True)))
        .order_by(tgt.c.submission_id, tgt.c.agency, tgt.c.indicator, tgt.c.year, tgt.c.kind)
    )
    with engine.connect() as conn:
        result = conn.execute(query, {"ids": _ids(submissions)})
        return pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()))
