"""Failed logins of one client through two `streamlit run` servers on one PostgreSQL database
(issue 13 #10): the client is the address a trusted proxy names in X-Forwarded-For (here the
test's browser over loopback stands for a proxy on this machine, RB_TRUSTED_PROXIES=127.0.0.1),
and its tries on both servers count together; another client signs in meanwhile."""

from __future__ import annotations

import time

import pytest
from browser_helpers import SLOW
from sqlalchemy import select

from etl.access import accounts, login_clients
from etl.store import schema
from etl.store.database import make_engine

pytestmark = pytest.mark.browser
PASSWORD = "long-enough-secret"
WRONG = "Nama pengguna atau kata sandi salah."
BLOCKED = "perangkat ini"


def _page(browser, contexts, forwarded_for: str):
    context = browser.new_context(extra_http_headers={"X-Forwarded-For": forwarded_for})
    contexts.append(context)
    return context.new_page()


def _login(page, base, name, password):
    if not page.get_by_label("Nama pengguna").count():
        page.goto(base)
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def _counted(engine, client: str, n: int) -> None:
    deadline = time.monotonic() + SLOW / 1000
    while login_clients.failures(engine, client) < n and time.monotonic() < deadline:
        time.sleep(0.2)
    assert login_clients.failures(engine, client) == n


def test_one_clients_failed_logins_on_two_servers_count_together(
    fresh_database, serve, browser, shots
):
    url = fresh_database("postgresql")
    engine = make_engine(url)
    _, once = accounts.create_user(engine, "boss", "admin", actor="test")
    accounts.change_password(engine, "boss", once, PASSWORD)
    env = {"RB_AUTH_MODE": "password", "RB_TRUSTED_PROXIES": "127.0.0.1",
           "RB_CLIENT_LOGIN_ATTEMPTS": "3", "RB_LOGIN_ATTEMPTS": "5"}  # fmt: skip
    server_a, server_b = serve(url, **env), serve(url, **env)
    contexts: list = []
    try:
        on_a = _page(browser, contexts, "198.51.100.7")
        on_a.goto(server_a)
        on_a.get_by_role("button", name="Masuk").wait_for(timeout=SLOW)
        for n in (1, 2):
            _login(on_a, server_a, "boss", "salah")
            _counted(engine, "ip:198.51.100.7", n)
        on_b = _page(browser, contexts, "198.51.100.7")  # the same client on the other server
        on_b.goto(server_b)
        _login(on_b, server_b, "boss", "salah")
        _counted(engine, "ip:198.51.100.7", 3)
        on_b.get_by_text(WRONG).wait_for(timeout=SLOW)
        _login(on_b, server_b, "boss", PASSWORD)  # used up: refused before the account is asked
        on_b.get_by_text(BLOCKED).wait_for(timeout=SLOW)
        assert "this device" in on_b.get_by_text(BLOCKED).inner_text()
        shots(on_b, "login_limit_server_b")
        # Another client behind the same proxy signs in on server A: the account is not locked.
        other = _page(browser, contexts, "198.51.100.8")
        other.goto(server_a)
        other.get_by_role("button", name="Masuk").wait_for(timeout=SLOW)
        _login(other, server_a, "boss", PASSWORD)
        other.get_by_role("button", name="Keluar").wait_for(timeout=SLOW)
        assert not other.get_by_text(BLOCKED).count()
        with engine.connect() as conn:
            failed = conn.execute(
                select(schema.app_user.c.failed_logins).where(schema.app_user.c.username == "boss")
            ).scalar_one()
        assert failed == 0  # the right password cleared the account's three
    finally:
        for context in contexts:
            context.close()
        engine.dispose()
