"""`python -m etl user add|list|disable|enable|set-role|reset-password` for operators.

One-time passwords are printed once, on the operator's terminal, and never stored in clear."""

from __future__ import annotations

import sys

from etl.access import accounts
from etl.access.roles import ROLES
from etl.store.database import make_engine

ACTOR = "cli"


def register(command) -> None:
    """Add the `user` command to the parser; `command(name, run, help)` is __main__'s helper."""
    p = command("user", run, "manage accounts of the app (operators)")
    p.add_argument(
        "action", choices=("add", "list", "disable", "enable", "set-role", "reset-password")
    )
    p.add_argument("username", nargs="?")
    p.add_argument("--role", choices=ROLES)
    p.add_argument("--agency", help="the agency code an agency account is bound to")
    p.add_argument(
        "--with-regencies", action="store_true", help="a province account also sees its regencies"
    )
    p.add_argument("--name", help="display name")


def run(args) -> int:
    engine = make_engine(args.db)
    from etl.store.database import is_migrated

    if not is_migrated(engine):
        from etl.bootstrap import init_database

        init_database(engine)
    if args.action == "list":
        for a in accounts.list_users(engine):
            state = "disabled" if a.disabled else "active"
            scope = a.agency + (" +regencies" if a.include_children else "") if a.agency else "-"
            print(f"{a.username:24} {a.role or '-':9} {scope:18} {state}")
        return 0
    if not args.username:
        print("Nama pengguna wajib / a user name is required", file=sys.stderr)
        return 2
    try:
        if args.action == "add":
            if not args.role:
                print("--role wajib / --role is required", file=sys.stderr)
                return 2
            account, password = accounts.create_user(
                engine, args.username, args.role, agency=args.agency,
                include_children=args.with_regencies, display_name=args.name, actor=ACTOR,
            )  # fmt: skip
            _password(account.username, password)
        elif args.action == "set-role":
            accounts.set_role(
                engine, args.username, args.role, agency=args.agency,
                include_children=args.with_regencies, actor=ACTOR,
            )  # fmt: skip
        elif args.action == "disable":
            accounts.disable_user(engine, args.username, actor=ACTOR)
        elif args.action == "enable":
            accounts.enable_user(engine, args.username, actor=ACTOR)
        else:
            _password(args.username, accounts.reset_password(engine, args.username, actor=ACTOR))
    except accounts.AuthError as error:
        print(f"{error.message_id} / {error.message_en}", file=sys.stderr)
        return 1
    print(f"OK: {args.action} {args.username}")
    return 0


def _password(username: str, password: str) -> None:
    print(
        f"Kata sandi sekali pakai untuk / one-time password for {username}: {password}\n"
        "Berikan secara pribadi; wajib diganti saat masuk pertama. / Hand it over privately; "
        "it must be changed at first login."
    )
