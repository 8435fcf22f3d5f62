"""`python -m etl audit export`: the audit trail as XLSX, the audit page's download."""

from __future__ import annotations

from pathlib import Path

from etl.cli.common import EXIT_OK, EXIT_USAGE, command, fail, group, ready_engine


def register(subparsers) -> None:
    inner = group(subparsers, "audit", "the audit trail: who did what, when, before → after")
    p = command(inner, "export", export, "write the audit trail as XLSX, newest first")
    p.add_argument("--out", type=Path, required=True, help="FILE.xlsx")
    p.add_argument("--action", help="only this action, e.g. login, review_approved")
    p.add_argument("--actor", help="only what this user did")
    p.add_argument(
        "--limit", type=int, default=5000, help="at most this many entries (default: 5000)"
    )


def export(args) -> int:
    from etl.report.audit_log import audit_bytes
    from etl.store.audit import audit_frame

    if args.out.suffix.lower() != ".xlsx":
        fail("--out harus berakhiran .xlsx / --out must end in .xlsx")
        return EXIT_USAGE
    frame = audit_frame(
        ready_engine(args), action=args.action, actor=args.actor, limit=max(args.limit, 1)
    )
    args.out.write_bytes(audit_bytes(frame, {"action": args.action, "actor": args.actor}))
    print(f"{len(frame)} catatan / entries → {args.out}")
    return EXIT_OK
