"""Links that open, in Chromium against a real server in password mode: a copied link opened in
a new window (the server's very first session included) shows the login form, never
Streamlit's English "Page not found", and after sign-in the linked page with its query."""

from __future__ import annotations

import pytest
from browser_helpers import PASSWORD, SLOW, password_account, sign_in

from etl.access import accounts
from etl.store.database import make_engine

pytestmark = pytest.mark.browser
LINK = "/indikator?indicator=KEMISKINAN&type=KABKOTA"


def _no_streamlit_404(page):
    page.wait_for_timeout(1500)  # the dialog comes with the first run's messages
    assert not page.get_by_text("Page not found").count()
    assert not page.get_by_text("does not seem to exist").count()


def test_a_copied_link_opens_throughsign_in(fresh_database, serve, new_page, shots):
    url = fresh_database("sqlite")
    engine = make_engine(url)
    password_account(engine, "ana", "analyst")
    password_account(engine, "clerk", "agency", "KL.KEMENPANRB")
    base = serve(url, RB_AUTH_MODE="password")

    # The server's first session: Streamlit's page listing would already have answered it.
    page = new_page()
    page.goto(base + LINK)
    page.get_by_role("button", name="Masuk").wait_for(timeout=SLOW)
    _no_streamlit_404(page)
    assert "/indikator?" in page.url and "indicator=KEMISKINAN" in page.url
    shots(page, "deep_link_login")
    sign_in(page, "ana")
    page.locator("h1", has_text="Tingkat kemiskinan").wait_for(timeout=SLOW)
    assert "/indikator?" in page.url and "type=KABKOTA" in page.url
    _no_streamlit_404(page)
    shots(page, "deep_link_after_sign_in")

    # The English name (and Streamlit's old path from the file name) leads to the same view.
    old = new_page()
    old.goto(base + "/indicator?indicator=KEMISKINAN")
    sign_in(old, "ana")
    old.locator("h1", has_text="Tingkat kemiskinan").wait_for(timeout=SLOW)
    assert "/indikator?" in old.url and "indicator=KEMISKINAN" in old.url
    _no_streamlit_404(old)

    # A page the role may not open: the app's own bilingual refusal, not the overview.
    clerk = new_page()
    clerk.goto(base + "/tinjauan")
    sign_in(clerk, "clerk")
    clerk.get_by_text("Anda tidak berhak membuka halaman").wait_for(timeout=SLOW)
    _no_streamlit_404(clerk)


def test_the_landing_pages_own_address_opens_it(fresh_database, serve, new_page):
    # Streamlit serves the default page at "/" only: its own /ringkasan once got the English
    # "Page not found" dialog for a reader already in (here the local demo mode).
    base = serve(fresh_database("sqlite"), RB_AUTH_MODE="none")
    page = new_page()
    page.goto(base + "/ringkasan?indicator=KEMISKINAN&lang=en")
    page.locator("h1", has_text="Overview").wait_for(timeout=SLOW)
    _no_streamlit_404(page)
    assert "indicator=KEMISKINAN" in page.url


def _signed_in_view(page):
    """The linked page again, with no login form: the session survived."""
    page.locator("h1", has_text="Tingkat kemiskinan").wait_for(timeout=SLOW)
    assert not page.get_by_role("button", name="Masuk").count()


def _signed_out(page):
    page.get_by_role("button", name="Masuk").wait_for(timeout=SLOW)
    assert not page.locator("h1", has_text="Tingkat kemiskinan").count()


def test_a_reload_keeps_the_session_until_it_is_revoked(fresh_database, serve, new_page, shots):
    url = fresh_database("sqlite")
    engine = make_engine(url)
    password_account(engine, "ana", "analyst")
    password_account(engine, "budi", "analyst")
    base = serve(url, RB_AUTH_MODE="password")

    first, second = new_page(), new_page()  # two browsers of the same person
    for page in (first, second):
        page.goto(base + LINK)
        sign_in(page, "ana")
        _signed_in_view(page)
    cookie = {c["name"]: c for c in first.context.cookies()}["rb_session"]
    assert cookie["sameSite"] == "Strict" and PASSWORD not in cookie["value"]
    assert PASSWORD not in first.url
    first.reload()  # F5: a new Streamlit session, signed in by the cookie, same page and view
    _signed_in_view(first)
    assert "/indikator?" in first.url and "type=KABKOTA" in first.url
    shots(first, "reload_signed_in")

    # Sign-out in one browser ends the other one too (issue 13), reload or not.
    first.get_by_role("button", name="Keluar").click()
    _signed_out(first)
    first.reload()
    _signed_out(first)
    second.reload()
    _signed_out(second)

    # A disabled account's cookie stops working at once; so does one from before a password
    # change made elsewhere.
    revocations = (
        ("budi", lambda: accounts.disable_user(engine, "budi", actor="test")),
        ("ana", lambda: accounts.change_password(engine, "ana", PASSWORD, PASSWORD + "-new")),
    )
    for name, revoke in revocations:
        page = new_page()
        page.goto(base + LINK)
        sign_in(page, name)
        _signed_in_view(page)
        revoke()
        page.reload()
        _signed_out(page)
