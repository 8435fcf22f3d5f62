"""`python -m etl assess [--rebuild]`: the stored statuses and national figures checked against a
fresh computation from the current observations (and, with `--rebuild`, computed again first)."""

from __future__ import annotations

from etl.cli.common import EXIT_OK, EXIT_REFUSED, command, ready_engine


def register(subparsers) -> None:
    parser = command(
        subparsers, "assess", run,
        "compare the stored statuses and national figures with a fresh computation from the "
        "current observations; print every difference, exit 1 on any",
    )  # fmt: skip
    parser.add_argument(
        "--rebuild",
        action="store_true",
        help="first recompute every stored result under the current settings (after a change "
        "of RB_ON_TRACK_RATIO, RB_ACCELERATION_RATIO or RB_MIN_COVERAGE), in one transaction",
    )
    parser.add_argument("--user", default="cli", help="who the audit trail names (default cli)")


def run(args) -> int:
    from etl.report.assessment_check import differences
    from etl.store.database import write_transaction
    from etl.store.reassess import rebuild

    found = ready_engine(args)
    if args.rebuild:
        with write_transaction(found) as conn:
            rows, national = rebuild(conn, actor=args.user)
        print(f"Dihitung ulang / recomputed: {rows} status, {national} angka nasional / national figures")  # fmt: skip
    count, lines = differences(found)
    for line in lines:
        print(line)
    if count:
        more = f" ({count - len(lines)} lagi / more)" if count > len(lines) else ""
        print(f"{count} perbedaan / differences{more}")
        return EXIT_REFUSED
    print("Hasil tersimpan sama dengan perhitungan baru / stored results equal a fresh computation")  # fmt: skip
    return EXIT_OK
