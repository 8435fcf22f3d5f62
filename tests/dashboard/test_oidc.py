"""Sign-in through the identity provider (RB_AUTH_MODE=oidc): AppTest plays the provider's
side through `at.user` (what `st.user` returns after `st.login`)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from etl.access import accounts
from etl.store.database import make_engine


@pytest.fixture
def oidc(fresh_url, monkeypatch, app_file):
    monkeypatch.setenv("RB_AUTH_MODE", "oidc")

    def open_app(**claims) -> AppTest:
        at = AppTest.from_file(app_file, default_timeout=120)
        at.user["is_logged_in"] = bool(claims)
        for name, value in claims.items():
            at.user[name] = value
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    return make_engine(fresh_url), open_app


def test_before_signing_in_only_the_provider_button_shows(oidc):
    _, open_app = oidc
    at = open_app()
    assert [b.label for b in at.button] == ["Masuk dengan akun organisasi"]
    assert not at.dataframe and not at.selectbox


def test_the_role_claim_decides_what_the_account_sees(oidc):
    engine, open_app = oidc
    at = open_app(sub="u-1", email="ana@menpan.go.id", name="Ana", rb_role="analyst")
    assert "Masuk dengan akun organisasi" not in [b.label for b in at.button]
    account = accounts.get_account(engine, "ana@menpan.go.id")
    assert (account.role, account.display_name) == ("analyst", "Ana")
    assert at.session_state["account"].role == "analyst"


def test_without_a_role_nothing_until_an_admin_grants_one(oidc):
    engine, open_app = oidc
    at = open_app(sub="u-2", email="budi@jabar.go.id", name="Budi")
    assert "belum memiliki peran" in at.warning[0].value
    accounts.set_role(engine, "budi@jabar.go.id", "agency", agency="32", actor="admin")
    again = open_app(sub="u-2", email="budi@jabar.go.id", name="Budi")
    assert again.session_state["account"].agency == "32"
    assert not again.warning or "belum memiliki peran" not in again.warning[0].value


def test_a_disabled_account_is_refused_at_the_provider_sign_in(oidc):
    engine, open_app = oidc
    open_app(sub="u-3", email="cici@go.id", rb_role="analyst")
    accounts.disable_user(engine, "cici@go.id", actor="admin")
    at = open_app(sub="u-3", email="cici@go.id", rb_role="analyst")
    assert "disabled" in at.error[0].value and "account" not in at.session_state
