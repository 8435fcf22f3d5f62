"""`python -m etl period reopen|list`: a locked quarter reopened for one agency, with a reason
(the users page's form, etl.store.periods)."""

from __future__ import annotations

from etl.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    command,
    fail,
    group,
    known_agency,
    period_options,
    printable,
    ready_engine,
)
from etl.store import periods


def register(subparsers) -> None:
    inner = group(subparsers, "period", "locked reporting periods: reopen one for one agency")
    p = command(
        inner, "reopen", reopen, "let one agency upload for a locked quarter again, with a reason"
    )
    period_options(p, "the agency code the period opens for")
    p.add_argument("--reason", required=True, help="why (kept in the audit trail)")
    p.add_argument("--user", required=True, help="the admin who reopens it (kept in the audit)")
    p.add_argument("--days", type=int, default=14, help="how many days it stays open (default: 14)")
    command(inner, "list", list_, "periods reopened so far, newest first")


def reopen(args) -> int:
    if not args.reason.strip():
        fail("Alasan wajib diisi / a reason is required")
        return EXIT_USAGE
    if not 1 <= args.days <= 366:
        fail("--days harus 1 sampai 366 / --days must be 1 to 366")
        return EXIT_USAGE
    engine = ready_engine(args)
    code = known_agency(engine, args.agency)
    if code is None:
        return EXIT_USAGE
    periods.reopen(
        engine, code, args.year, args.quarter, reason=args.reason, actor=args.user, days=args.days
    )
    print(
        f"{code} {args.year} TW{args.quarter} dibuka kembali {args.days} hari / reopened for "
        f"{args.days} days (kunci biasa / usual lock: {periods.lock_date(args.year, args.quarter)})"
    )
    return EXIT_OK


def list_(args) -> int:
    frame = periods.reopened(ready_engine(args))
    for row in frame.itertuples(index=False):
        print(
            f"{row.agency:18} {row.year} TW{row.quarter}  {row.opened_by:16} "
            f"{row.opened_at:%Y-%m-%d} → {row.open_until:%Y-%m-%d}  {printable(row.reason)}"
        )
    print(f"{len(frame)} periode / periods")
    return EXIT_OK
