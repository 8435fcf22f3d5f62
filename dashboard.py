"""RB Monitor dashboard: `streamlit run dashboard.py`.

The router only (ARCHITECTURE.md): page setup, the language switch, the shared period picker
and `st.navigation` over the thin scripts in pages/.
"""

from pathlib import Path

import streamlit as st

from ui import data, state, views
from ui.i18n import LANGS, t

st.set_page_config(page_title="RB Monitor", page_icon="📊", layout="wide")

# The language first: every label below depends on it.
st.session_state["lang"] = state.radio(
    "lang", "Bahasa / Language", list(LANGS), format_func=LANGS.get, container=st.sidebar
)
db = data.key()

PAGES = (
    ("pages/overview.py", "overview", "ringkasan", ":material/dashboard:"),
    ("pages/indicator.py", "indicator", "indikator", ":material/monitoring:"),
    ("pages/agency.py", "agency", "instansi", ":material/account_balance:"),
    ("pages/reporting.py", "reporting", "pelaporan", ":material/event_available:"),
    ("pages/action_plans.py", "action_plans", "rencana-aksi", ":material/checklist:"),
    ("pages/export.py", "export", "ekspor", ":material/download:"),
    ("pages/method.py", "method", "metodologi", ":material/menu_book:"),
)
pages = [
    st.Page(path, title=t(name), url_path=url, icon=icon, default=(name == "overview"))
    for path, name, url, icon in PAGES
]
# The upload page belongs to the accounts issue; it joins the menu once it exists.
if Path(views.UPLOAD_PAGE).is_file():
    pages.append(
        st.Page(
            "pages/upload.py", title=t("upload_link"), url_path="unggah", icon=":material/upload:"
        )
    )

page = st.navigation(pages)
views.period_picker(db)
page.run()
