"""Pengguna / Users: accounts and roles (admins), and reopening a locked period for one agency
with a reason. Every change is audited by `etl.access.accounts` / `etl.store.periods` themselves."""

import pandas as pd
import streamlit as st

from etl.access import accounts, roles
from etl.core import settings
from etl.store import periods
from indicators.catalogue import NATIONAL
from ui import auth, data, tables
from ui.i18n import period_label, t

account = auth.require(roles.MANAGE_USERS, roles.UNLOCK)
engine = data.engine()
cat = data.catalogue(data.key())
agencies = [a for a in cat.agencies if a != NATIONAL]
agency_label = lambda c: f"{c} · {cat.agencies[c].name}" if c else "—"  # noqa: E731
st.title(t("users_title"))

for kind, message in st.session_state.pop("users_done", []):
    getattr(st, kind)(message)


def _done(*messages: tuple[str, str]) -> None:
    st.session_state["users_done"] = list(messages)
    st.rerun()


def _account_change(change, *args, **kwargs):
    """Run one of etl.access.accounts' changes as this admin; a refusal (a coded AuthError, e.g.
    the user was removed meanwhile) is shown in both languages and gives None."""
    try:
        return change(engine, *args, actor=account.username, **kwargs)
    except accounts.AuthError as error:
        st.error(error.bilingual())
        return None


def _role_fields(prefix: str, role=None, agency=None, children=False):
    cols = st.columns(3)
    role = cols[0].selectbox(
        t("role"), roles.ROLES, index=roles.ROLES.index(role) if role in roles.ROLES else 0,
        format_func=lambda r: t(f"role_{r}"), key=f"{prefix}_role",
    )  # fmt: skip
    options = ["", *agencies]
    agency = cols[1].selectbox(
        t("agency"), options, index=options.index(agency) if agency in options else 0,
        format_func=agency_label, key=f"{prefix}_agency", disabled=role != "agency",
    )  # fmt: skip
    children = cols[2].checkbox(
        t("include_children"), value=children, key=f"{prefix}_children",
        disabled=role != "agency",
    )  # fmt: skip
    if role != "agency":
        return role, None, False
    return role, agency or None, children


if auth.allowed(roles.MANAGE_USERS):
    people = accounts.list_users(engine)
    if people:
        # The reader's words: headers, role names (analis, instansi, peninjau), yes / no.
        yes_no = {True: t("yes"), False: t("no")}
        table = pd.DataFrame({
            t("username"): [p.username for p in people],
            t("display_name"): [p.display_name for p in people],
            t("role"): [t(f"role_{p.role}") for p in people],
            t("agency"): [p.agency for p in people],
            t("with_children"): [yes_no[p.include_children] for p in people],
            t("disabled"): [yes_no[p.disabled] for p in people],
            t("must_change_col"): [yes_no[p.must_change_password] for p in people],
        })  # fmt: skip
        tables.show(table, hide_index=True, key="users_table", width="stretch")
    else:
        st.caption(t("no_users"))

    st.subheader(t("add_user"))
    cols = st.columns(2)
    name = cols[0].text_input(t("username"), key="new_username").strip()
    shown = cols[1].text_input(t("display_name"), key="new_display").strip()
    role, agency, children = _role_fields("new")
    if st.button(t("create"), key="create_user", disabled=not name):
        made = _account_change(
            accounts.create_user, name, role, agency=agency, include_children=children,
            display_name=shown or None,
        )  # fmt: skip
        if made:
            user, password = made[0].username, made[1]
            _done(("success", t("one_time_password", user=user, password=password)))

    st.subheader(t("edit_user"))
    names = [p.username for p in people]
    who = st.selectbox(t("user"), names, key="edit_user")
    if who:
        person = next(p for p in people if p.username == who)
        role, agency, children = _role_fields(
            f"edit_{who}", person.role, person.agency, person.include_children
        )
        cols = st.columns(3)
        if cols[0].button(t("set_role"), key="set_role") and _account_change(
            accounts.set_role, who, role, agency=agency, include_children=children
        ):
            _done(("success", t("saved")))
        toggle = accounts.enable_user if person.disabled else accounts.disable_user
        label = t("enable") if person.disabled else t("disable")
        toggled = cols[1].button(label, key="toggle_user", disabled=who == account.username)
        if toggled and _account_change(toggle, who):
            _done(("success", t("saved")))
        if cols[2].button(t("reset_password"), key="reset_password"):
            password = _account_change(accounts.reset_password, who)
            if password:
                _done(("success", t("one_time_password", user=who, password=password)))

if auth.allowed(roles.UNLOCK):
    st.subheader(t("periods"))
    cols = st.columns([3, 1, 1])
    code = cols[0].selectbox(t("agency"), agencies, format_func=agency_label, key="lock_agency")
    years = list(range(cat.earliest_year, pd.Timestamp.today().year + 1))[::-1]
    year = cols[1].selectbox(t("year"), years, key="lock_year")
    quarter = cols[2].selectbox(t("quarter"), [1, 2, 3, 4], key="lock_quarter")
    locked = periods.is_locked(engine, code, year, quarter)
    st.caption(
        t("lock_rule", date=periods.lock_date(year, quarter), days=settings.get("RB_LOCK_DAYS"))
        + f" · {t('is_locked')}: {'✔' if locked else '✘'}"
    )
    reason = st.text_input(t("reason"), key="lock_reason")
    days = st.number_input(t("days_open"), 1, 90, 14, key="lock_days")
    if st.button(t("reopen"), key="reopen"):
        if not reason.strip():
            st.error(t("reason_required"))
        else:
            periods.reopen(
                engine, code, year, quarter, reason=reason, actor=account.username, days=int(days)
            )
            period = period_label(year, quarter)
            _done(("success", t("reopened_msg", agency=code, period=period)))
    st.markdown(f"**{t('reopened_list')}**")
    tables.show(periods.reopened(engine), hide_index=True, key="reopened", width="stretch")
