"""The login gate and the roles through AppTest: the first admin, a lockout, the demo mode's
guard, and for each role the pages it reaches and the pages it is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from etl.access import accounts
from etl.store.audit import audit_frame
from etl.store.database import make_engine
from ui.i18n import TEXT

ROOT = Path(__file__).resolve().parents[2]
ALL = {"overview", "indicator", "agency", "province", "categories", "compare", "reporting",
       "action_plans", "export", "upload", "review", "users", "audit", "method"}  # fmt: skip
MENUS = {
    "admin": ALL,
    "reviewer": {"overview", "indicator", "agency", "province", "categories", "compare",
                 "reporting", "action_plans", "export", "review", "method"},
    "analyst": {"overview", "indicator", "agency", "province", "categories", "compare",
                "reporting", "action_plans", "export", "method"},
    "agency": {"agency", "upload", "method"},
}  # fmt: skip
DENIED = TEXT["denied"][0]


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def _login(at, name, password):
    at.text_input(key="login_username").input(name)
    at.text_input(key="login_password").input(password)
    _button(at, "Masuk").click().run()


def test_first_start_makes_admin_and_asks_for_a_new_password(
    fresh_url, password_mode, app_file, capsys, texts
):
    at = AppTest.from_file(app_file, default_timeout=60).run()
    assert at.title[0].value == "Masuk ke RB Monitor"
    printed = capsys.readouterr().out
    assert "python -m etl user reset-password admin" in printed
    # What the operator runs on the server, as the server's output said (never the password).
    password = accounts.reset_password(make_engine(fresh_url), "admin", actor="cli")
    assert password not in printed and password not in texts(at)

    _login(at, "admin", password)
    assert at.title[0].value == "Ganti kata sandi"
    at.text_input(key="pw_old").input(password)
    at.text_input(key="pw_new").input("a-new-long-secret")
    at.text_input(key="pw_again").input("a-new-long-secret")
    _button(at, "Ganti kata sandi").click().run()
    assert not at.exception
    assert at.title[0].value.startswith("Ringkasan")
    assert at.session_state["account"].must_change_password is False
    # The second process start creates nothing and prints nothing.
    assert accounts.ensure_first_admin(make_engine(fresh_url)) is None


def test_wrong_passwords_lock_the_account(fresh_url, password_mode, app_file, monkeypatch):
    monkeypatch.setenv("RB_CLIENT_LOGIN_ATTEMPTS", "10")  # this client is not stopped first
    engine = make_engine(fresh_url)
    _, password = accounts.create_user(engine, "ani", "analyst", actor="test")
    at = AppTest.from_file(app_file, default_timeout=60).run()
    for _ in range(5):
        _login(at, "ani", "wrong password")
        assert "Nama pengguna atau kata sandi salah." in at.error[0].value
    _login(at, "ani", password)  # right, but too late
    assert "dikunci" in at.error[0].value
    assert "account" not in at.session_state
    failed = audit_frame(engine, action="login_failed", actor="ani")
    assert len(failed) == 5


@pytest.mark.parametrize("role", ["admin", "reviewer", "analyst", "agency"])
def test_each_role_reaches_only_its_pages(fresh_url, password_mode, signed_in, menu, role):
    account, _ = accounts.create_user(
        make_engine(fresh_url), f"u_{role}", role, actor="test",
        agency="KL.KEMENPANRB" if role == "agency" else None,
    )  # fmt: skip
    at = signed_in(account)
    assert menu(at) == MENUS[role]
    # Refused if reached anyway: each page not in the menu, run directly, says so and stops.
    for page in sorted(ALL - MENUS[role]):
        direct = AppTest.from_file(str(ROOT / "app_pages" / f"{page}.py"), default_timeout=60)
        direct.session_state["account"] = at.session_state["account"]
        direct.run()
        assert not direct.exception, page
        assert [e.value for e in direct.error] == [DENIED], page
        assert not direct.dataframe, page
        with pytest.raises(ValueError):
            at.switch_page(f"app_pages/{page}.py")


def test_an_account_without_a_role_sees_nothing(fresh_url, password_mode, signed_in):
    # Signed in through the identity provider, no role granted yet.
    nobody = accounts.oidc_account(make_engine(fresh_url), subject="s-1", email="x@go.id", name="X")
    at = signed_in(nobody)
    assert "belum memiliki peran" in at.warning[0].value
    assert not at.title


def test_a_disabled_account_is_signed_out_at_its_next_click(fresh_url, password_mode, signed_in):
    engine = make_engine(fresh_url)
    account, _ = accounts.create_user(engine, "pergi", "analyst", actor="test")
    at = signed_in(account)
    assert at.title  # inside the app
    accounts.disable_user(engine, "pergi", actor="admin")
    at.run()
    assert at.text_input and at.button  # the login form again
    assert "account" not in at.session_state


def test_agency_page_offers_only_the_accounts_agencies(fresh_url, password_mode, signed_in):
    account, _ = accounts.create_user(
        make_engine(fresh_url), "jakarta", "agency", agency="31", include_children=True,
        actor="test",
    )  # fmt: skip
    at = signed_in(account, "agency", agency="KL.KEMENKEU")  # another agency's link
    options = at.selectbox(key="url_agency").options
    assert options[0].startswith("31 ·")
    assert all(o.startswith("31") for o in options) and len(options) > 1
    assert at.title[0].value.startswith("Provinsi DKI Jakarta")


def test_demo_mode_runs_only_on_localhost(fresh_url, app_file, texts):
    at = AppTest.from_file(app_file, default_timeout=60).run()
    assert "Mode demo tanpa login" in at.sidebar.warning[0].value
    config.set_option("server.address", "0.0.0.0")
    at = AppTest.from_file(app_file, default_timeout=60).run()
    assert "hanya untuk demo lokal" in at.error[0].value
    assert not at.title


def test_one_client_cannot_lock_someone_elses_account(fresh_url, password_mode, app_file):
    # Issue 13 #10: five wrong passwords from anyone locked `admin`. Now a client is stopped
    # after RB_CLIENT_LOGIN_ATTEMPTS (3) failures, and its further tries reach no account.
    engine = make_engine(fresh_url)
    _, password = accounts.create_user(engine, "boss", "admin", actor="test")
    at = AppTest.from_file(app_file, default_timeout=60).run()
    for _ in range(3):
        _login(at, "boss", "wrong password")
        assert "Nama pengguna atau kata sandi salah." in at.error[0].value
    for _ in range(5):
        _login(at, "boss", "wrong password")
        assert "perangkat ini" in at.error[0].value and "this device" in at.error[0].value
    _login(at, "boss", password)  # this client waits, even with the right password
    assert "account" not in at.session_state
    assert len(audit_frame(engine, action="login_failed", actor="boss")) == 3
    # Another client signs in at once: the account was never locked.
    other = AppTest.from_file(app_file, default_timeout=60).run()
    _login(other, "boss", password)
    assert not other.error and other.session_state["account"].username == "boss"
