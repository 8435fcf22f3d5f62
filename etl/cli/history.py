"""`python -m etl history`: every revision of one agency's indicator, as CSV on stdout."""

from __future__ import annotations

import sys

from pandas.api.types import is_string_dtype

from etl.cli.common import EXIT_OK, command, ready_engine
from etl.report.export import neutralise


def register(subparsers) -> None:
    p = command(
        subparsers, "history", run,
        "every revision of one agency's indicator (value, when, who, file, SHA-256), as CSV",
    )  # fmt: skip
    p.add_argument("--agency", required=True, help="agency code, e.g. 31 or 31.71")
    p.add_argument("--indicator", required=True, help="indicator code, e.g. PDN")
    p.add_argument(
        "--targets", action="store_true",
        help="the agency's baselines and targets instead (reference rows and uploaded revisions)",
    )  # fmt: skip


def run(args) -> int:
    from etl.store.queries import history
    from etl.store.targets import target_history

    revisions = target_history if args.targets else history
    frame = revisions(ready_engine(args), args.agency, args.indicator)
    # File names, sheets and uploaders come from outside: a spreadsheet opening this CSV must
    # not run them as formulas (the rule of every export, etl.report.export.neutralise).
    for column in frame.columns:
        if is_string_dtype(frame[column]):
            frame[column] = frame[column].map(neutralise)
    frame.to_csv(sys.stdout, index=False)
    return EXIT_OK
