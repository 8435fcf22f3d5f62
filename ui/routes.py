"""The app's addresses: every page's URL path, the other names a link may use for it, and the
pages registered so that any of these opens something of the app's own, never Streamlit's
English "Page not found" dialog.

A copied link (`/indikator?indicator=KEMISKINAN&type=KABKOTA`) opened in a new window starts a
session that is not signed in yet: the login gate registers its form under every address here,
so the address and its query stay in the browser and the page itself opens after sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

import streamlit as st

from etl.access import roles
from ui.i18n import t

# (script, title key, URL path, icon, any of these permissions shows it). Deny by default: a
# page not listed for a role is not in the menu, and the page itself refuses it (auth.require).
PAGES = (
    ("app_pages/overview.py", "overview", "ringkasan", ":material/dashboard:", (roles.VIEW_ALL,)),
    ("app_pages/indicator.py", "indicator", "indikator", ":material/monitoring:", (roles.VIEW_ALL,)),
    ("app_pages/agency.py", "agency", "instansi", ":material/account_balance:",
     (roles.VIEW_ALL, roles.VIEW_OWN)),
    ("app_pages/province.py", "province_page", "provinsi", ":material/map:", (roles.VIEW_ALL,)),
    ("app_pages/categories.py", "categories", "kategori", ":material/leaderboard:",
     (roles.VIEW_ALL,)),
    ("app_pages/compare.py", "comparison", "perbandingan", ":material/compare_arrows:",
     (roles.VIEW_ALL,)),
    ("app_pages/reporting.py", "reporting", "pelaporan", ":material/event_available:",
     (roles.VIEW_ALL,)),
    ("app_pages/action_plans.py", "action_plans", "rencana-aksi", ":material/checklist:",
     (roles.VIEW_ALL,)),
    ("app_pages/export.py", "export", "ekspor", ":material/download:", (roles.EXPORT,)),
    ("app_pages/upload.py", "upload_link", "unggah", ":material/upload:", (roles.UPLOAD,)),
    ("app_pages/review.py", "review", "tinjauan", ":material/fact_check:", (roles.REVIEW,)),
    ("app_pages/users.py", "users", "pengguna", ":material/group:",
     (roles.MANAGE_USERS, roles.UNLOCK)),
    ("app_pages/audit.py", "audit", "audit", ":material/history:", (roles.AUDIT,)),
    ("app_pages/method.py", "method", "metodologi", ":material/menu_book:",
     (roles.VIEW_ALL, roles.VIEW_OWN)),
)  # fmt: skip

# Other names for the same pages: the English words, Streamlit's own path from the file name
# (what links made before the paths were Indonesian carry), and the login page's address (the
# browser still shows it right after sign-in). Each leads to the Indonesian path, query kept.
ALIASES = {
    "overview": "ringkasan", "indicator": "indikator", "indicators": "indikator",
    "agency": "instansi", "agencies": "instansi", "reporting": "pelaporan",
    "action_plans": "rencana-aksi", "action-plans": "rencana-aksi", "rencana_aksi": "rencana-aksi",
    "export": "ekspor", "upload": "unggah", "review": "tinjauan", "users": "pengguna",
    "method": "metodologi", "methodology": "metodologi", "province": "provinsi",
    "categories": "kategori", "compare": "perbandingan", "comparison": "perbandingan",
}  # fmt: skip
PROVINCE = "app_pages/province.py"
LOGIN_PATH = "masuk"
LANDING_KEY = "-awal"  # the landing page's declared path: its own path is an alias to "/"


def url_of(script: str) -> str:
    """A page's own URL path (`app_pages/upload.py` → `unggah`)."""
    return next(p[2] for p in PAGES if p[0] == script)


def paths() -> tuple[str, ...]:
    """Every address the app answers: the pages' own, their other names and the login's."""
    return (*(p[2] for p in PAGES), *ALIASES, LOGIN_PATH)


def opened() -> str:
    """The app's address in the browser, without the query: a page's path, or "" at the root
    (and at the login's address, where the browser shows the root's page). Streamlit's paths are
    one segment below the app's root, whatever `server.baseUrlPath` puts before it."""
    last = urlsplit(st.context.url or "").path.rstrip("/").rsplit("/", 1)[-1]
    return last if last in paths() and last != LOGIN_PATH else ""


def visible(role: str | None, coordinator: bool = False) -> list[tuple]:
    """The role's pages; a provincial coordinator's agency account also has the province's."""
    return [
        p for p in PAGES
        if any(roles.can(role, perm) for perm in p[4]) or (coordinator and p[0] == PROVINCE)
    ]  # fmt: skip


def pages_for(role: str | None, *, coordinator: bool = False) -> list[st.Page]:
    """The role's menu, then hidden pages for every other address: an alias switches to its
    page with the link's query, a page the role may not see says so in the reader's language.
    A coordinator lands on the province page: its regencies are what it coordinates."""
    shown = visible(role, coordinator)
    landing = ("province_page",) if coordinator else ("overview", "agency")
    first = next((p for p in shown if p[1] in landing), shown[0])
    # The landing page is served at "/" only (Streamlit's rule for the default page), so its
    # own path becomes an alias that switches to it, query kept: a copied /ringkasan?… link
    # opens it instead of the English "Page not found". Its declared path is only its key.
    pages = {
        url: st.Page(path, title=t(name), url_path=url + LANDING_KEY if path == first[0] else url,
                     icon=icon, default=(path == first[0]))
        for path, name, url, icon, _ in shown
    }  # fmt: skip
    denied = [st.Page(_denied, title=t(p[1]), url_path=p[2], visibility="hidden")
              for p in PAGES if p[2] not in pages]  # fmt: skip
    moved = {**ALIASES, LOGIN_PATH: first[2], first[2]: first[2]}
    aliases = [
        st.Page(_switch_to(pages[target]) if target in pages else _denied, title="RB Monitor",
                url_path=alias, visibility="hidden")
        for alias, target in moved.items()
    ]  # fmt: skip
    return [*pages.values(), *denied, *aliases]


def everywhere(render: Callable[[], None]) -> list[st.Page]:
    """One page (the login form, a forced password change) under every address of the app, so
    the link's address and query stay in the browser until the gate is passed."""
    return [
        st.Page(render, title="RB Monitor", url_path=url, default=(url == LOGIN_PATH),
                visibility="visible" if url == LOGIN_PATH else "hidden")
        for url in paths()
    ]  # fmt: skip


def _switch_to(page: st.Page) -> Callable[[], None]:
    def switch() -> None:
        st.switch_page(page, query_params=st.query_params.to_dict())

    return switch


def _denied() -> None:
    st.error(t("denied"))
