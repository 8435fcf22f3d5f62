"""Failed logins counted per client, beside the per-account lockout (etl.access.accounts).

The account lockout alone let anyone lock `admin` with RB_LOGIN_ATTEMPTS wrong passwords. A
client that failed RB_CLIENT_LOGIN_ATTEMPTS times within RB_LOCKOUT_MINUTES is refused without
the account being asked, so its further tries count against no account; with the default below
the account limit one client alone cannot lock an account. The counts are in the database
(etl.access.login_clients): every app server behind the proxy sees the same client's tries.

Who the client is: the address of the connection's peer, unless that peer is one of
RB_TRUSTED_PROXIES, whose X-Forwarded-For then names it (the nearest address in it that is no
trusted proxy: a client may write anything on the left of that header, the proxy appends the
address it saw). No request at all (the script run in-process, AppTest): the browser session.
"""

from __future__ import annotations

import ipaddress
import uuid
from collections.abc import Iterable, Mapping

import streamlit as st

from etl.access import login_clients
from etl.core import settings
from ui import data

_SESSION_KEY = "login_client"
# Streamlit's st.context.ip_address is None for a loopback peer: that peer is this machine.
_LOOPBACK = "127.0.0.1"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_proxies(value: str | None = None) -> tuple[Network, ...]:
    """RB_TRUSTED_PROXIES: addresses or networks, comma- or space-separated (10.0.0.5,
    10.0.0.0/24, ::1). An entry that is neither is ignored (the peer is then not trusted)."""
    value = settings.get("RB_TRUSTED_PROXIES") if value is None else value
    out = []
    for entry in value.replace(",", " ").split():
        try:
            out.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue
    return tuple(out)


def _ip(text: str):
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(address, proxies: Iterable[Network]) -> bool:
    return address is not None and any(address in net for net in proxies)


def client_address(
    peer: str | None, headers: Mapping[str, str], proxies: tuple[Network, ...]
) -> str | None:
    """The client's address for the login limit; None when there is no request (no headers:
    the script runs in-process). `peer` is Streamlit's ip_address (None for loopback)."""
    sent = {name.lower(): value for name, value in headers.items()}
    if not sent:
        return None
    nearest = _ip(peer) if isinstance(peer, str) and peer else _ip(_LOOPBACK)
    if nearest is None:
        return None
    if not _trusted(nearest, proxies):
        return str(nearest)
    # Right to left: each trusted proxy appended the address it saw; the first one that is no
    # trusted proxy is the client. A malformed entry ends the walk at the last sound address.
    for entry in reversed(sent.get("x-forwarded-for", "").split(",")):
        address = _ip(entry)
        if address is None:
            break
        nearest = address
        if not _trusted(address, proxies):
            break
    return str(nearest)


def _client() -> str:
    try:
        address = client_address(st.context.ip_address, st.context.headers, trusted_proxies())
    except AttributeError:  # an older Streamlit without st.context: the session is the client
        address = None
    if address is not None:
        return f"ip:{address}"
    if _SESSION_KEY not in st.session_state:
        st.session_state[_SESSION_KEY] = f"session:{uuid.uuid4().hex}"
    return st.session_state[_SESSION_KEY]


def blocked() -> bool:
    """Whether this client has used up its failed logins for now."""
    return login_clients.blocked(data.engine(), _client())


def failed() -> None:
    """Count one failed login of this client."""
    login_clients.failed(data.engine(), _client())
