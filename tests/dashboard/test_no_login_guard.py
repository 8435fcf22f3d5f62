"""Issue 13 #8: RB_AUTH_MODE=none serves only a browser on the server's machine opening a
loopback address directly. A DNS-rebinding page (evil name → 127.0.0.1) or a proxy on the same
machine is refused, though the server is bound to 127.0.0.1."""

from __future__ import annotations

import pytest
from browser_helpers import CHROMIUM, CHROMIUM_ARGS, SLOW, require_chromium, start_streamlit, stop

from ui.auth import local_request

LOCAL, REBOUND = "127.0.0.1", "rebind.example"


@pytest.mark.parametrize(
    ("headers", "ip", "local"),
    [
        ({}, None, True),  # no request: the script runs in-process (AppTest)
        ({"Host": "127.0.0.1:8501"}, None, True),
        ({"Host": "localhost:8501", "Origin": "http://localhost:8501"}, None, True),
        ({"host": "[::1]:8501"}, None, True),
        ({"Host": "rebind.example:8501"}, None, False),  # DNS rebinding
        ({"Host": "localhost:8501", "Origin": "http://rebind.example:8501"}, None, False),
        ({"Host": "127.0.0.1:8501", "X-Forwarded-For": "203.0.113.9"}, None, False),  # proxy
        ({"Host": "127.0.0.1:8501", "Forwarded": "for=203.0.113.9"}, None, False),
        ({"Host": "127.0.0.1:8501"}, "192.168.1.20", False),  # a peer on the network
        ({"Host": ""}, None, False),
    ],
)
def test_only_a_direct_loopback_request_is_local(headers, ip, local):
    assert local_request(headers, ip) is local


@pytest.mark.browser
def test_a_rebound_name_gets_the_refusal_and_loopback_the_demo(fresh_url):
    from playwright.sync_api import sync_playwright

    require_chromium()
    # Streamlit's own Host allow-list (config.toml) is opened here: this tests the app's guard
    # behind it, as on a deployment whose allowedHosts names its public host.
    process, base = start_streamlit(
        fresh_url, RB_AUTH_MODE="none", STREAMLIT_SERVER_ALLOWED_HOSTS="*"
    )
    port = base.rsplit(":", 1)[1]
    try:
        with sync_playwright() as p:
            # The attacker's name resolves to this machine, as after a DNS rebinding.
            rules = f"--host-resolver-rules=MAP {REBOUND} {LOCAL}"
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, rules])
            page = browser.new_page()
            page.goto(f"http://{REBOUND}:{port}/")
            page.get_by_text("hanya melayani peramban di komputer server").wait_for(timeout=SLOW)
            assert not page.get_by_text("Mode demo tanpa login").count()
            page.goto(f"http://{LOCAL}:{port}/")
            page.get_by_text("Mode demo tanpa login").first.wait_for(timeout=SLOW)
            browser.close()
    finally:
        stop(process)
