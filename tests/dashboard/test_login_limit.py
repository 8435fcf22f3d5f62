"""Who a login's client is (issue 13 #10): the connection's peer, or, only when that peer is a
trusted proxy (RB_TRUSTED_PROXIES), the address the proxy appended to X-Forwarded-For."""

from __future__ import annotations

import pytest

from ui.login_limit import client_address, trusted_proxies

PROXY = trusted_proxies("10.0.0.5, 10.0.1.0/24")
LOCAL = trusted_proxies("127.0.0.1")
REQUEST = {"Host": "rb.example.go.id"}


@pytest.mark.parametrize(
    ("peer", "forwarded", "proxies", "client"),
    [
        ("10.0.0.5", "198.51.100.7", PROXY, "198.51.100.7"),  # through the proxy
        # A browser writes its own X-Forwarded-For; the proxy appends what it saw: that counts.
        ("10.0.0.5", "1.2.3.4, 198.51.100.7", PROXY, "198.51.100.7"),
        ("10.0.0.5", "198.51.100.7, 10.0.1.9", PROXY, "198.51.100.7"),  # two proxies in a row
        ("203.0.113.9", "198.51.100.7", PROXY, "203.0.113.9"),  # not a proxy: header ignored
        ("10.0.0.5", "198.51.100.7", (), "10.0.0.5"),  # no trusted proxy set: the peer
        ("10.0.0.5", None, PROXY, "10.0.0.5"),  # the proxy without the header: itself
        ("10.0.0.5", "junk, 198.51.100.7", PROXY, "198.51.100.7"),
        ("10.0.0.5", "198.51.100.7, junk", PROXY, "10.0.0.5"),  # a malformed last hop
        (None, "198.51.100.7", LOCAL, "198.51.100.7"),  # a proxy on this machine (loopback)
        (None, "198.51.100.7", PROXY, "127.0.0.1"),  # loopback, not trusted: this machine
        ("10.0.0.5", "2001:db8::7", PROXY, "2001:db8::7"),
    ],
)
def test_the_client_is_the_peer_unless_a_trusted_proxy_names_it(peer, forwarded, proxies, client):
    headers = {**REQUEST, **({"X-Forwarded-For": forwarded} if forwarded else {})}
    assert client_address(peer, headers, proxies) == client


def test_no_request_has_no_address_and_bad_settings_trust_no_one():
    assert client_address(None, {}, LOCAL) is None  # in-process (AppTest): the session counts
    assert trusted_proxies("proxy.internal, 10.0.0.300") == ()
    assert [str(n) for n in trusted_proxies("10.0.0.5 ::1,10.0.0.0/24")] == [
        "10.0.0.5/32", "::1/128", "10.0.0.0/24",
    ]  # fmt: skip
