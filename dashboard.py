"""RB Monitor dashboard: `streamlit run dashboard.py`.

The router only (ARCHITECTURE.md): page setup, the language switch, the login gate, the menu
of the pages the reader's role may see, the shared period picker and `st.navigation`.
"""

import streamlit as st
from sqlalchemy.exc import OperationalError

from etl.access import roles
from ui import auth, data, deadline_notice, routes, state, views
from ui.i18n import LANGS, t

UPLOAD_PAGE = "app_pages/upload.py"

st.set_page_config(page_title="RB Monitor", page_icon="📊", layout="wide")


def route() -> None:
    # The language first: every label below depends on it.
    st.session_state["lang"] = state.radio(
        "lang", "Bahasa / Language", list(LANGS), format_func=LANGS.get, container=st.sidebar
    )
    account = auth.gate()

    # The menu, and every other address of the app (ui.routes): a link never hits Streamlit's
    # English "Page not found". A Biro Organisasi (an agency account of a province, granted
    # its regencies) also has the province page, and lands there.
    coordinator = (
        account.role == "agency"
        and auth.coordinated_province(data.catalogue(data.key())) is not None
    )
    # Expanded: past twelve pages Streamlit folds the menu behind "View more", and a page a
    # reader cannot see in the menu is a page they do not find.
    page = st.navigation(routes.pages_for(account.role, coordinator=coordinator), expanded=True)
    auth.sidebar()
    if roles.can(account.role, roles.VIEW_ALL):
        state.toggle("pending", t("include_pending"), container=st.sidebar, help=t("pending_help"))
    db = data.key()
    views.period_picker(db)
    if data.holds_demo(db):
        # Above every page: synthetic figures must never pass for reported ones.
        st.warning(t("demo_notice"), icon=":material/science:")
    # An agency's quarters due within RB_REMIND_DAYS or overdue, unsent: on every page.
    deadline_notice.show(account, upload_page=page.url_path == routes.url_of(UPLOAD_PAGE))
    page.run()


try:
    route()
except OperationalError:
    # The database went away (a PostgreSQL restart, a network cut): say so in both languages;
    # the engine reconnects on the next run once the server is back.
    views.database_unreachable()
