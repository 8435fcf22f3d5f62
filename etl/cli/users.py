"""`python -m etl user add|list|disable|enable|set-role|set-email|reset-password` for operators.

One-time passwords are printed once, on the operator's terminal, and never stored in clear."""

from __future__ import annotations

from etl.access import accounts
from etl.access.roles import ROLES
from etl.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    command,
    fail,
    message_of,
    ready_engine,
)

ACTOR = "cli"
ACTIONS = ("add", "list", "disable", "enable", "set-role", "set-email", "reset-password")


def register(subparsers) -> None:
    p = command(subparsers, "user", run, "manage accounts of the app (operators)")
    p.add_argument("action", choices=ACTIONS, help="what to do: " + ", ".join(ACTIONS))
    p.add_argument("username", nargs="?", help="the account (every action but list)")
    p.add_argument("--role", choices=ROLES, help="the role of add and set-role")
    p.add_argument("--agency", help="the agency code an agency account is bound to")
    p.add_argument(
        "--with-regencies", action="store_true", help="a province account also sees its regencies"
    )
    p.add_argument("--name", help="display name")
    p.add_argument(
        "--email",
        help="e-mail address (add, set-email; empty removes it): where an agency account's "
        "deadline reminders go (python -m etl remind)",
    )


def run(args) -> int:
    engine = ready_engine(args)
    if args.action == "list":
        for a in accounts.list_users(engine):
            state = "disabled" if a.disabled else "active"
            scope = a.agency + (" +regencies" if a.include_children else "") if a.agency else "-"
            print(f"{a.username:24} {a.role or '-':9} {scope:18} {state:8} {a.email or '-'}")
        return EXIT_OK
    if not args.username:
        fail("Nama pengguna wajib / a user name is required")
        return EXIT_USAGE
    try:
        if args.action == "add":
            if not args.role:
                fail("--role wajib / --role is required")
                return EXIT_USAGE
            account, password = accounts.create_user(
                engine, args.username, args.role, agency=args.agency,
                include_children=args.with_regencies, display_name=args.name, email=args.email,
                actor=ACTOR,
            )  # fmt: skip
            _password(account.username, password)
        elif args.action == "set-role":
            accounts.set_role(
                engine, args.username, args.role, agency=args.agency,
                include_children=args.with_regencies, actor=ACTOR,
            )  # fmt: skip
        elif args.action == "set-email":
            if args.email is None:
                fail("--email wajib / --email is required")
                return EXIT_USAGE
            accounts.set_email(engine, args.username, args.email, actor=ACTOR)
        elif args.action == "disable":
            accounts.disable_user(engine, args.username, actor=ACTOR)
        elif args.action == "enable":
            accounts.enable_user(engine, args.username, actor=ACTOR)
        else:
            _password(args.username, accounts.reset_password(engine, args.username, actor=ACTOR))
    except accounts.AuthError as error:
        fail(message_of(error))
        return EXIT_REFUSED
    print(f"OK: {args.action} {args.username}")
    return EXIT_OK


def _password(username: str, password: str) -> None:
    print(
        f"Kata sandi sekali pakai untuk / one-time password for {username}: {password}\n"
        "Berikan secara pribadi; wajib diganti saat masuk pertama. / Hand it over privately; "
        "it must be changed at first login."
    )
