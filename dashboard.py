"""RB Monitor dashboard: `streamlit run dashboard.py`.

The router only (ARCHITECTURE.md): page setup, the language switch, the login gate, the menu
of the pages the reader's role may see, the shared period picker and `st.navigation`.
"""

import streamlit as st
from sqlalchemy.exc import OperationalError

from etl.access import roles
from ui import auth, data, state, views
from ui.i18n import LANGS, t

st.set_page_config(page_title="RB Monitor", page_icon="📊", layout="wide")

PROVINCE = "pages/province.py"
# (script, title key, URL path, icon, any of these permissions shows it). Deny by default: a
# page not listed for a role is not in the menu, and the page itself refuses it (auth.require).
PAGES = (
    ("pages/overview.py", "overview", "ringkasan", ":material/dashboard:", (roles.VIEW_ALL,)),
    ("pages/indicator.py", "indicator", "indikator", ":material/monitoring:", (roles.VIEW_ALL,)),
    ("pages/agency.py", "agency", "instansi", ":material/account_balance:",
     (roles.VIEW_ALL, roles.VIEW_OWN)),
    ("pages/province.py", "province_page", "provinsi", ":material/map:", (roles.VIEW_ALL,)),
    ("pages/categories.py", "categories", "kategori", ":material/leaderboard:",
     (roles.VIEW_ALL,)),
    ("pages/compare.py", "comparison", "perbandingan", ":material/compare_arrows:",
     (roles.VIEW_ALL,)),
    ("pages/reporting.py", "reporting", "pelaporan", ":material/event_available:",
     (roles.VIEW_ALL,)),
    ("pages/action_plans.py", "action_plans", "rencana-aksi", ":material/checklist:",
     (roles.VIEW_ALL,)),
    ("pages/export.py", "export", "ekspor", ":material/download:", (roles.EXPORT,)),
    ("pages/upload.py", "upload_link", "unggah", ":material/upload:", (roles.UPLOAD,)),
    ("pages/review.py", "review", "tinjauan", ":material/fact_check:", (roles.REVIEW,)),
    ("pages/users.py", "users", "pengguna", ":material/group:",
     (roles.MANAGE_USERS, roles.UNLOCK)),
    ("pages/audit.py", "audit", "audit", ":material/history:", (roles.AUDIT,)),
    ("pages/method.py", "method", "metodologi", ":material/menu_book:",
     (roles.VIEW_ALL, roles.VIEW_OWN)),
)  # fmt: skip


def route() -> None:
    # The language first: every label below depends on it.
    st.session_state["lang"] = state.radio(
        "lang", "Bahasa / Language", list(LANGS), format_func=LANGS.get, container=st.sidebar
    )
    account = auth.gate()

    # A Biro Organisasi (an agency account of a province, granted its regencies) also has the
    # province page, and lands there: its regencies are what it coordinates.
    coordinator = (
        account.role == "agency"
        and auth.coordinated_province(data.catalogue(data.key())) is not None
    )
    visible = [
        p for p in PAGES
        if any(roles.can(account.role, perm) for perm in p[4]) or (coordinator and p[0] == PROVINCE)
    ]  # fmt: skip
    landing = ("province_page",) if coordinator else ("overview", "agency")
    first = next((p for p in visible if p[1] in landing), visible[0])
    pages = [
        st.Page(path, title=t(name), url_path=url, icon=icon, default=(path == first[0]))
        for path, name, url, icon, _ in visible
    ]
    # Expanded: past twelve pages Streamlit folds the menu behind "View more", and a page a
    # reader cannot see in the menu is a page they do not find.
    page = st.navigation(pages, expanded=True)
    auth.sidebar()
    if roles.can(account.role, roles.VIEW_ALL):
        state.toggle("pending", t("include_pending"), container=st.sidebar, help=t("pending_help"))
    db = data.key()
    views.period_picker(db)
    if data.holds_demo(db):
        # Above every page: synthetic figures must never pass for reported ones.
        st.warning(t("demo_notice"), icon=":material/science:")
    page.run()


try:
    route()
except OperationalError:
    # The database went away (a PostgreSQL restart, a network cut): say so in both languages;
    # the engine reconnects on the next run once the server is back.
    views.database_unreachable()
