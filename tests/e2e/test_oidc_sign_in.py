"""Sign-in through a real OpenID provider (RB_AUTH_MODE=oidc), in Chromium against real servers:
oidc-provider-mock on 127.0.0.1 plays the organisation's identity provider, Streamlit's
`st.login` (Authlib) does the authorisation-code round trip, and the role and agency come from
the provider's claims. AppTest's fake user (tests/dashboard/test_oidc.py) never leaves the
process; this is the browser's whole way through the provider and back."""

from __future__ import annotations

import json
import re
import threading
import urllib.request
from urllib.parse import quote

import pytest
from browser_helpers import SLOW

from etl import ingest
from etl.access import accounts
from etl.report.template import template_workbook
from etl.store.database import make_engine

pytestmark = pytest.mark.browser
LINK = "/indikator?indicator=KEMISKINAN&type=KABKOTA"
OIDC_BUTTON = "Masuk dengan akun organisasi"
# The provider's pages link a stylesheet on the internet: the browser may reach loopback only.
ELSEWHERE = re.compile(r"^https?://(?!127\.0\.0\.1[:/])")


@pytest.fixture
def provider(monkeypatch):
    """oidc-provider-mock on a free port of 127.0.0.1, in this process; its issuer URL."""
    import oidc_provider_mock
    import werkzeug.serving

    # OAuth over plain HTTP is refused by Authlib unless allowed: loopback only, here.
    monkeypatch.setenv("AUTHLIB_INSECURE_TRANSPORT", "1")
    app = oidc_provider_mock.app(require_nonce=True)
    server = werkzeug.serving.make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def oidc_servers(provider, serve, tmp_path):
    """`start(db_url)`: an app server in oidc mode with its own secrets file (Streamlit's [auth]
    section, never the repository's .streamlit/secrets.toml); its base URL. Every server gets
    the same cookie secret, as a deployment's servers must."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        'cookie_secret = "one-secret-for-every-server-of-the-test"\n'
        'client_id = "rb-monitor"\n'
        'client_secret = "rb-monitor-test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )

    def start(url: str) -> str:
        return serve(
            url, RB_AUTH_MODE="oidc", STREAMLIT_SECRETS_FILES=str(secrets),
            AUTHLIB_INSECURE_TRANSPORT="1",
        )  # fmt: skip

    return start


def _person(provider: str, sub: str, **claims) -> None:
    """The provider's user `sub` and the claims its ID token carries."""
    request = urllib.request.Request(
        f"{provider}/users/{quote(sub)}", method="PUT", data=json.dumps(claims).encode(),
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 204


def _loopback_page(new_page):
    page = new_page()
    page.context.route(ELSEWHERE, lambda route: route.abort())
    return page


def _sign_in(page, sub: str) -> None:
    """From the app's login page through the provider's form and back."""
    page.get_by_role("button", name=OIDC_BUTTON).click(timeout=SLOW)
    page.get_by_placeholder("sub").fill(sub, timeout=SLOW)
    page.get_by_role("button", name="Authorize").click()


def _signed_out(page) -> None:
    page.get_by_role("button", name=OIDC_BUTTON).wait_for(timeout=SLOW)
    assert not page.get_by_text("Masuk sebagai").count()


def _sidebar(page) -> str:
    caption = page.locator('[data-testid="stSidebar"]').get_by_text("Masuk sebagai")
    caption.wait_for(timeout=SLOW)
    return caption.inner_text()


def _report(url: str, agency: str, values: dict[str, float], fill_template) -> None:
    """A quarter of `agency` in the database, as the command line loads it."""
    engine = make_engine(url)
    content = fill_template(template_workbook(engine, agency, 2026, 1), values)
    checked = ingest.check(engine, f"{agency}.xlsx", content)
    assert checked.accepted, [i.code for i in checked.result.issues]
    ingest.commit(engine, checked)
    engine.dispose()


def test_the_providers_claims_sign_in_an_agency_until_it_is_disabled(
    fresh_database, provider, oidc_servers, new_page, shots, fill_template
):
    url = fresh_database("sqlite")
    _report(url, "32", {"IRB": 81.25}, fill_template)
    _report(url, "33", {"IRB": 64.5}, fill_template)
    _person(provider, "u-sari", email="sari@jabarprov.go.id", name="Sari Wulandari",
            rb_role="agency", rb_agency="32")  # fmt: skip
    base = oidc_servers(url)

    page = _loopback_page(new_page)
    page.goto(base)
    _signed_out(page)
    _sign_in(page, "u-sari")
    # The claims made the account: an agency account of Jawa Barat, on its own page.
    assert "Sari Wulandari" in _sidebar(page) and "(instansi · 32)" in _sidebar(page)
    page.locator("h1", has_text="Provinsi Jawa Barat").wait_for(timeout=SLOW)
    page.get_by_text("81,25").first.wait_for(timeout=SLOW)
    assert not page.get_by_text("64,5").count()  # Jawa Tengah's figure is not its to see
    shots(page, "oidc_signed_in_agency")
    account = accounts.get_account(make_engine(url), "sari@jabarprov.go.id")
    assert (account.role, account.agency, account.display_name) == (
        "agency", "32", "Sari Wulandari",
    )  # fmt: skip

    page.reload()  # a new Streamlit session: still signed in, no second trip to the provider
    page.locator("h1", has_text="Provinsi Jawa Barat").wait_for(timeout=SLOW)
    assert "(instansi · 32)" in _sidebar(page)

    # An administrator disables the account: the next click refuses it, in both languages.
    accounts.disable_user(make_engine(url), "sari@jabarprov.go.id", actor="admin")
    page.locator('[data-testid="stSidebar"]').get_by_text("English").click()
    page.get_by_text("Akun dinonaktifkan").wait_for(timeout=SLOW)
    assert not page.locator("h1", has_text="Provinsi Jawa Barat").count()
    page.reload()
    page.get_by_text("Akun dinonaktifkan").wait_for(timeout=SLOW)
    assert not page.locator("h1", has_text="Provinsi Jawa Barat").count()


def test_a_copied_link_goes_through_the_provider_and_opens_its_view(
    fresh_database, provider, oidc_servers, new_page, shots
):
    url = fresh_database("sqlite")
    _person(provider, "u-ana", email="ana@menpan.go.id", name="Ana", rb_role="analyst")
    base = oidc_servers(url)

    page = _loopback_page(new_page)
    page.goto(base + LINK)
    _signed_out(page)
    _sign_in(page, "u-ana")
    page.locator("h1", has_text="Tingkat kemiskinan").wait_for(timeout=SLOW)
    assert "/indikator?" in page.url and "type=KABKOTA" in page.url
    assert "(analis" in _sidebar(page).lower()
    shots(page, "oidc_deep_link_after_sign_in")

    page.reload()
    page.locator("h1", has_text="Tingkat kemiskinan").wait_for(timeout=SLOW)
    assert "/indikator?" in page.url and "type=KABKOTA" in page.url
