"""The deadline notice above every page of an agency account (issue 17): each quarter its agency
has sent nothing for, still open for it, whose deadline is RB_REMIND_DAYS days away or nearer,
or has passed (etl.store.periods.waiting: the quarters `python -m etl remind` mails about).
The upload page already says so of the period it offers (upload_views.show_due): there that
period is left out. A province account granted its regencies (a provincial coordinator) also
sees, per quarter, how many of its regencies have not sent it and which. Other roles see
nothing: they do not send files."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from etl.access.accounts import Account
from etl.core import clock, settings
from etl.store import periods
from etl.store.periods import PeriodState
from ui import data
from ui.i18n import date_label, period_label, t
from ui.upload_views import days_text

URGENT = ("due_soon", "late")  # open (time left) is the upload page's information, not a notice


# What the answer depends on besides the data: part of the cache key.
RULES = ("RB_DEADLINE_DAYS", "RB_LOCK_DAYS", "RB_REMIND_DAYS")


@st.cache_data(ttl=60, show_spinner=False)
def _urgent(
    db: tuple, agency: str, today: dt.date, rules: tuple, *, children: bool = False
) -> list[PeriodState]:
    """The agency's urgent quarters (`children`: its regencies'). Keyed by the data version: an
    upload (a data action) ends its notice at once; an administrator's reopening of a period
    is not one, hence the minute's TTL."""
    catalogue = data.catalogue(db)
    if children:
        bodies = catalogue.children(agency)
    else:
        bodies = [catalogue.agencies[agency]] if agency in catalogue.agencies else []
    if not bodies:
        return []
    return [s for s in periods.waiting(data.engine(), bodies, today) if s.state in URGENT]


def _text(due: PeriodState) -> str:
    fields = {"period": period_label(due.year, due.quarter), "deadline": date_label(due.deadline)}
    if due.state == "late":
        late = -due.days_left
        left = t("overdue_day") if late == 1 else t("overdue_days", n=late)
        last = date_label(due.lock_date - dt.timedelta(days=1))
        return t("notice_late", left=left, last=last, **fields)
    return t("notice_due_soon", left=days_text(due.days_left), **fields)


def show(account: Account | None, *, upload_page: bool) -> None:
    if account is None or account.role != "agency" or not account.agency:
        return
    today = clock.today()
    agency = account.agency.upper()
    urgent = _urgent(data.key(), agency, today, tuple(settings.get(r) for r in RULES))
    if upload_page:
        offered = periods.period_to_report(data.engine(), agency, today)
        urgent = [s for s in urgent if (s.year, s.quarter) != offered]
    for due in urgent:
        box = st.error if due.state == "late" else st.warning
        box(_text(due), icon=":material/event_busy:")
    if account.include_children:
        _regencies(agency, today)


SHOWN_NAMES = 8  # a coordinator reads the first names; the reporting page lists them all


def _regencies(province: str, today: dt.date) -> None:
    """One notice per quarter and state: "TW III 2026: 12 dari 27 kabupaten/kota belum mengirim
    (batas 15 November 2026): Kabupaten Bogor, …"."""
    rules, db = tuple(settings.get(r) for r in RULES), data.key()
    waiting = _urgent(db, province, today, rules, children=True)
    catalogue = data.catalogue(db)
    children = catalogue.children(province)
    groups: dict[tuple, list[PeriodState]] = {}
    for due in waiting:
        groups.setdefault((due.year, due.quarter, due.state), []).append(due)
    for (year, quarter, state), dues in sorted(groups.items()):
        names = [catalogue.agencies[d.agency].name for d in dues]
        more = len(names) - SHOWN_NAMES
        listed = ", ".join(names[:SHOWN_NAMES]) + (t("and_more", n=more) if more > 0 else "")
        text = t(
            "notice_regencies_late" if state == "late" else "notice_regencies_due",
            period=period_label(year, quarter), n=len(dues),
            m=sum(c.exists_in(year, quarter) for c in children),  # those that existed then
            deadline=date_label(dues[0].deadline), names=listed,
        )  # fmt: skip
        (st.error if state == "late" else st.warning)(text, icon=":material/groups:")
