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
