"""`python -m etl review list|show|approve|return`: the review page on the command line.

The same functions as the page (etl.access.review): approving makes an agency's values official,
returning sends them back with a comment the agency sees; both are written to the audit trail
under `--user`."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from etl.access import accounts, review
from etl.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    command,
    fail,
    group,
    known_agency,
    message_of,
    printable,
    ready_engine,
)
from etl.core.states import APPROVED, PENDING, RETURNED

STATUSES = (PENDING, APPROVED, RETURNED)


def register(subparsers) -> None:
    inner = group(subparsers, "review", "review agencies' uploads: list, show, approve, return")
    p = command(inner, "list", list_, "uploads with their review status, newest first")
    p.add_argument("--status", choices=STATUSES, help="only uploads in this review status")
    p.add_argument("--agency", help="only uploads touching this agency code")

    p = command(inner, "show", show, "the values a submission would make official, old → new")
    p.add_argument("id", type=int, help="the submission's number (see review list)")

    p = command(inner, "approve", approve, "make a pending submission's values official")
    p.add_argument("id", type=int, help="the submission's number (see review list)")
    p.add_argument("--user", required=True, help="the reviewer (kept in the audit trail)")
    p.add_argument("--comment", default="", help="an optional note kept with the decision")

    p = command(inner, "return", return_, "send a pending submission back with a comment")
    p.add_argument("id", type=int, help="the submission's number (see review list)")
    p.add_argument("--user", required=True, help="the reviewer (kept in the audit trail)")
    p.add_argument("--comment", required=True, help="what the agency has to fix (it sees this)")


def list_(args) -> int:
    engine = ready_engine(args)
    agencies = None
    if args.agency:
        code = known_agency(engine, args.agency)
        if code is None:
            return EXIT_USAGE
        agencies = [code]
    frame = review.submissions_for(engine, agencies)
    if args.status:
        frame = frame[frame.review_status == args.status]
    print(f"{'id':>6}  {'status':9} {'uploaded_at':20} {'uploaded_by':16} {'agencies':18} file")
    for row in frame.itertuples(index=False):
        print(
            f"{row.id:>6}  {row.review_status:9} {_minute(row.uploaded_at):20} {printable(row.uploaded_by):16} "
            f"{printable(row.agencies):18} {printable(row.file_name)}"
        )
        if row.review_comment:
            print(f"{'':8}{printable(row.review_comment)}")
    print(f"{len(frame)} pengiriman / submissions")
    return EXIT_OK


def show(args) -> int:
    engine = ready_engine(args)
    # One submission: its number is the argument, not a column.
    changes = review.submission_changes(engine, args.id).drop(columns="submission_id")
    targets = review.submission_target_changes(engine, args.id).drop(columns="submission_id")
    if changes.empty and targets.empty:
        fail(f"Pengiriman {args.id} tanpa nilai / submission {args.id} holds no values")
        return EXIT_REFUSED
    if not changes.empty:
        print(changes.map(printable).to_string(index=False))
    if not targets.empty:
        print("Target / targets:")
        print(targets.map(printable).to_string(index=False))
    return EXIT_OK


def approve(args) -> int:
    return _decide(
        args, review.approve,
        lambda made: f"Pengiriman {args.id} disetujui: {made} nilai kini resmi / submission "
        f"{args.id} approved: {made} values are now official",
    )  # fmt: skip


def return_(args) -> int:
    return _decide(
        args, review.return_submission,
        lambda _: f"Pengiriman {args.id} dikembalikan ke instansi / submission {args.id} "
        "returned to the agency",
    )  # fmt: skip


def _decide(args, decision, done: Callable[[object], str]) -> int:
    """The reviewer's decision through the page's function; a refusal (not waiting, no comment,
    not allowed) printed with the library's own words."""
    try:
        outcome = decision(ready_engine(args), args.id, actor=args.user, comment=args.comment)
    except (review.ReviewError, accounts.AuthError) as error:
        fail(message_of(error))
        return EXIT_REFUSED
    print(done(outcome))
    return EXIT_OK


def _minute(value) -> str:
    return "-" if value is None or pd.isna(value) else value.strftime("%Y-%m-%d %H:%M")
