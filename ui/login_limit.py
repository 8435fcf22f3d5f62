"""Failed logins counted per client, beside the per-account lockout (etl.access.accounts).

The account lockout alone let anyone lock `admin` with RB_LOGIN_ATTEMPTS wrong passwords. A
client (its address, else its browser session) that failed RB_CLIENT_LOGIN_ATTEMPTS times
within RB_LOCKOUT_MINUTES is refused without the database being asked, so its further tries
count against no account; with the default below the account limit one client alone cannot
lock an account. Behind a proxy on this machine Streamlit sees no address: the session is the
client, and the proxy's `limit_req` bounds how many sessions one address opens (docs/deploy.md).
The counts live in this process only (a restart forgets them): a brake, not a record.
"""

from __future__ import annotations

import threading
import time

import streamlit as st

from etl.core import settings

_SESSION_KEY = "login_failures"


@st.cache_resource(show_spinner=False)
def _by_address() -> tuple[threading.Lock, dict[str, list[float]]]:
    """Shared by every session of this server process: one address, many sessions."""
    return threading.Lock(), {}


def _window() -> float:
    return settings.get("RB_LOCKOUT_MINUTES") * 60.0


def _address() -> str | None:
    try:
        address = st.context.ip_address
    except AttributeError:  # an older Streamlit without it: the session is the client
        return None
    # Only a real address (AppTest hands a stand-in object, a loopback peer gives None).
    return address if isinstance(address, str) and address else None


def _recent(times: list[float], now: float) -> list[float]:
    return [t for t in times if now - t < _window()]


def blocked() -> bool:
    """Whether this client has used up its failed logins for now."""
    limit, now = settings.get("RB_CLIENT_LOGIN_ATTEMPTS"), time.monotonic()
    address = _address()
    if address is None:
        times = _recent(st.session_state.get(_SESSION_KEY, []), now)
        st.session_state[_SESSION_KEY] = times
        return len(times) >= limit
    lock, table = _by_address()
    with lock:
        times = table[address] = _recent(table.get(address, []), now)
        if not times:
            del table[address]  # the table keeps only clients failing now
        return len(times) >= limit


def failed() -> None:
    """Count one failed login of this client."""
    now, address = time.monotonic(), _address()
    if address is None:
        st.session_state[_SESSION_KEY] = [*st.session_state.get(_SESSION_KEY, []), now]
        return
    lock, table = _by_address()
    with lock:
        table.setdefault(address, []).append(now)
