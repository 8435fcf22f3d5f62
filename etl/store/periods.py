"""Reporting periods lock some days after they end; an admin can reopen one for one agency."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, func, select

from etl.core import clock, settings
from etl.store import audit, schema
from etl.store.database import write_transaction
from etl.store.queries import utc_timestamps
from indicators.catalogue import NATIONAL, Agency
from indicators.path import quarter_end

unlock = schema.period_unlock


def lock_date(year: int, quarter: int) -> dt.date:
    """The first day on which agencies can no longer upload for the quarter."""
    return quarter_end(year, quarter) + dt.timedelta(days=settings.get("RB_LOCK_DAYS") + 1)


def _reopened(engine: Engine, now: dt.datetime) -> set[tuple[str, int, int]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(unlock.c.agency, unlock.c.year, unlock.c.quarter, unlock.c.open_until)
        )
        return {(a, y, q) for a, y, q, until in rows if _aware(until) > now}


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _moment(today: dt.date) -> dt.datetime:
    """The moment a reopening (open until now + its days) is compared with: now when `today`
    is today in the app's time zone, else that date's first moment there."""
    now = dt.datetime.now(dt.UTC)
    if today == clock.today(now):
        return now
    return dt.datetime.combine(today, dt.time(), settings.get("RB_TIMEZONE"))


def lock_checker(engine: Engine, today: dt.date | None = None) -> Callable[[str, int, int], bool]:
    """A function (agency, year, quarter) → locked, reading the reopened periods once."""
    today = today or clock.today()
    reopened = _reopened(engine, _moment(today))

    def locked(agency: str, year: int, quarter: int) -> bool:
        return today >= lock_date(year, quarter) and (agency, year, quarter) not in reopened

    return locked


def period_to_report(engine: Engine, agency: str, today: dt.date | None = None) -> tuple[int, int]:
    """The period an agency's template offers first: the quarter that ended last while it is
    still open for this agency, else the quarter in progress (the next one it will report)."""
    today = today or clock.today()
    current = (today.year, (today.month - 1) // 3 + 1)
    ended = (current[0], current[1] - 1) if current[1] > 1 else (current[0] - 1, 4)
    return current if lock_checker(engine, today)(agency.upper(), *ended) else ended


def is_locked(
    engine: Engine, agency: str, year: int, quarter: int, today: dt.date | None = None
) -> bool:
    return lock_checker(engine, today)(agency.upper(), year, quarter)


def reopen(
    engine: Engine, agency: str, year: int, quarter: int, *, reason: str, actor: str, days: int = 14
) -> None:
    """Let one agency upload for a locked period again, for `days` days, with a reason."""
    if not reason.strip():
        raise ValueError("a reason is required to reopen a period")
    now = dt.datetime.now(dt.UTC)
    values = {
        "agency": agency.upper(), "year": year, "quarter": quarter, "reason": reason.strip(),
        "opened_by": actor, "opened_at": now, "open_until": now + dt.timedelta(days=days),
    }  # fmt: skip
    with write_transaction(engine) as conn:
        conn.execute(unlock.insert(), values)
        audit.record(
            conn, actor=actor, action="period_reopen", entity=f"period:{agency.upper()}:{year}Q{quarter}",
            after=values,
        )  # fmt: skip


def reopened(engine: Engine) -> pd.DataFrame:
    with engine.connect() as conn:
        rows = conn.execute(select(unlock).order_by(unlock.c.opened_at.desc())).mappings().all()
    return utc_timestamps(pd.DataFrame(rows, columns=[c.name for c in unlock.c]))


def deadline(year: int, quarter: int) -> dt.date:
    """The last day on which a quarter's submission is on time (RB_DEADLINE_DAYS after it ends);
    after it the submission is late, and from lock_date on it is refused."""
    return quarter_end(year, quarter) + dt.timedelta(days=settings.get("RB_DEADLINE_DAYS"))


@dataclass(frozen=True)
class PeriodState:
    """Where a quarter stands for one agency today: what the upload page tells the clerk."""

    year: int
    quarter: int
    state: str  # running (not ended yet), open, due_soon, late or locked
    deadline: dt.date
    lock_date: dt.date  # the first day on which it is refused
    days_left: int  # to the deadline; negative once it has passed
    agency: str = ""


def period_state(
    engine: Engine, agency: str, year: int, quarter: int, today: dt.date | None = None
) -> PeriodState:
    today = today or clock.today()
    return _state(lock_checker(engine, today), agency.upper(), year, quarter, today)


def _state(locked: Callable, agency: str, year: int, quarter: int, today: dt.date) -> PeriodState:
    due, locks = deadline(year, quarter), lock_date(year, quarter)
    days = (due - today).days
    if locked(agency, year, quarter):
        state = "locked"
    elif days < 0:
        state = "late"
    elif today <= quarter_end(year, quarter):
        state = "running"
    elif days <= settings.get("RB_REMIND_DAYS"):
        state = "due_soon"
    else:
        state = "open"
    return PeriodState(year, quarter, state, due, locks, days, agency)


def first_sent(
    engine: Engine, agencies: Iterable[str] | None = None
) -> dict[tuple[str, int, int], dt.datetime]:
    """(agency, year, quarter) → when its first values were sent: any file's values, waiting for
    review or decided, count as sent (the reporting page's timeliness and the reminders alike)."""
    obs, sub = schema.observation.c, schema.submission.c
    query = (
        select(obs.agency, obs.year, obs.quarter, func.min(sub.uploaded_at))
        .select_from(schema.observation.join(schema.submission, sub.id == obs.submission_id))
        .where(sub.source != "reference", obs.agency != NATIONAL)
        .group_by(obs.agency, obs.year, obs.quarter)
    )
    if agencies is not None:
        query = query.where(obs.agency.in_(sorted(agencies)))
    with engine.connect() as conn:
        return {(a, y, q): at for a, y, q, at in conn.execute(query)}


def waiting(
    engine: Engine, agencies: Iterable[Agency], today: dt.date | None = None
) -> list[PeriodState]:
    """The quarters each agency still has to send: ended, still open for it (before its lock
    date, or reopened) and without any of its values; oldest first. Their state says whether
    there is time (open), the deadline is near (due_soon) or it has passed (late)."""
    today = today or clock.today()
    bodies = {a.code: a for a in agencies}
    reopened = _reopened(engine, _moment(today))
    locked, sent = lock_checker(engine, today), first_sent(engine, bodies)
    out = []
    for code, body in sorted(bodies.items()):
        own = {(y, q) for a, y, q in reopened if a == code}
        for year, quarter in sorted(_unlocked_quarters(today) | own):
            if (code, year, quarter) in sent or not body.exists_in(year, quarter):
                continue
            state = _state(locked, code, year, quarter, today)
            if state.state in ("open", "due_soon", "late"):
                out.append(state)
    return sorted(out, key=lambda s: (s.year, s.quarter, s.agency))


def _unlocked_quarters(today: dt.date) -> set[tuple[int, int]]:
    """The quarters that have ended and whose lock date is still ahead."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    found = set()
    while True:
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
        if lock_date(year, quarter) <= today:
            return found
        found.add((year, quarter))
