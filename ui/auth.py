"""The login gate: who is reading, and what their role lets them see.

The account lives in `st.session_state["account"]` (an `etl.access.accounts.Account`). The mode comes
from the setting RB_AUTH_MODE: `password` (accounts in the database), `oidc` (Streamlit's
`st.login`) or `none` (a local demo only: refused unless the server listens on localhost).
Pages call `require(permission)`; a page run on its own (a direct link, a test) passes the gate
here first, so no page can be reached without it.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

import streamlit as st

from etl.access import accounts, roles, sessions
from etl.core import settings
from ui import cookies, data, login_limit, return_link, routes
from ui.i18n import t

SESSION_KEY = "account"
NOTICE_KEY = "auth_notice"  # why the session was signed out, shown once on the login page
# Password mode: the browser keeps a session token in this cookie, so a reload (a new Streamlit
# session, whose st.context.cookies are those of its first request) stays signed in.
COOKIE = "rb_session"
TOKEN_KEY = "session_token"
COOKIE_KEY = "session_cookie_pending"  # a token to write, or "" to clear, on the next run
MODES = ("password", "oidc", "none")
LOCAL_ADDRESSES = ("localhost", "127.0.0.1", "::1")
# Headers a reverse proxy adds: a proxied request is never "local", whatever its peer address.
FORWARDING = ("x-forwarded-for", "x-forwarded-host", "x-real-ip", "forwarded")
# OIDC claims read for the role and the agency (an admin assigns them when the claims are absent).
ROLE_CLAIM, AGENCY_CLAIM = settings.get("RB_OIDC_ROLE_CLAIM"), settings.get("RB_OIDC_AGENCY_CLAIM")
DEMO = accounts.Account(
    id=0, username="demo", display_name="Demo", role="admin", agency=None,
    include_children=False, disabled=False, must_change_password=False,
)  # fmt: skip


def mode() -> str:
    return str(settings.get("RB_AUTH_MODE")).strip().lower()


def current() -> accounts.Account | None:
    return st.session_state.get(SESSION_KEY)


def username() -> str:
    account = current()
    return account.username if account else "anonymous"


def allowed(permission: str) -> bool:
    account = current()
    return account is not None and roles.can(account.role, permission)


def require(*permissions: str) -> accounts.Account:
    """The account when it holds any of `permissions`; else a bilingual refusal and stop."""
    account = gate()
    if not any(roles.can(account.role, p) for p in permissions):
        st.error(t("denied"))
        st.stop()
    return account


def agencies(catalogue) -> frozenset[str] | None:
    """The agencies this account may see and send (None: every agency)."""
    account = current()
    if account is None or roles.can(account.role, roles.VIEW_ALL):
        return None
    return accounts.allowed_agencies(catalogue, account) or frozenset()


def coordinated_province(catalogue) -> str | None:
    """The province an agency account coordinates (a Biro Organisasi): its agency is a
    province and it was granted the province's regencies. None for anyone else."""
    account = current()
    if account is None or account.role != "agency" or not account.include_children:
        return None
    agency = catalogue.agencies.get(account.agency or "")
    return agency.code if agency is not None and agency.type == "PROV" else None


@st.cache_resource(show_spinner=False)
def _first_admin(url: str) -> None:
    """Once per process and database: create `admin` when no account exists (`etl init` was
    not run). The server's output is often a log (systemd, docker), so it says only that the
    account exists and how an operator gets its password; the password itself is discarded
    and only `etl init` or `etl user reset-password` show one, on the operator's terminal."""
    if accounts.ensure_first_admin(data.engine()):
        print(accounts.FIRST_ADMIN_CREATED, flush=True)


def gate() -> accounts.Account:
    """The signed-in account; else the login form (or a refusal) and stop."""
    chosen = mode()
    if chosen not in MODES:
        st.error(t("auth_bad_mode", mode=chosen))
        st.stop()
    if chosen == "none":
        return _demo()
    _write_cookie()
    return_link.clear_taken()
    if chosen == "password" and current() is None:
        _from_cookie()
    account = _refreshed(current())
    if chosen == "oidc" and account is None:
        _only(_oidc_page)
    if account is None:
        _only(_login_page)
    if account.role is None:
        _only(_no_role_page)
    if account.must_change_password and chosen == "password":
        _only(lambda: _change_password_form(account, forced=True))
    return account


def _refreshed(account: accounts.Account | None) -> accounts.Account | None:
    """The session's account as stored now: a disabled account is signed out and a changed
    role or agency takes effect on the next click, not at the next login."""
    if account is None:
        return None
    token = st.session_state.get(TOKEN_KEY)
    if token is not None:
        # A stored session: ended by a sign-out elsewhere, a password change, its expiry.
        stored = sessions.restore(data.engine(), token)
        if stored is None or stored.username != account.username:
            st.session_state[NOTICE_KEY] = "session_ended"
            _forget()
            return None
        st.session_state[SESSION_KEY] = stored
        return stored
    stored = accounts.get_account(data.engine(), account.username)
    # A new stamp: the password was changed or reset (elsewhere), which ends this session.
    ended = stored is not None and stored.stamp != account.stamp
    if stored is None or stored.disabled or ended:
        if ended:
            st.session_state[NOTICE_KEY] = "session_ended"
        st.session_state.pop(SESSION_KEY, None)
        return None
    st.session_state[SESSION_KEY] = stored
    return stored


def _from_cookie() -> None:
    """A reload or a new tab: the session of the browser's cookie, if it is still valid."""
    token = st.context.cookies.get(COOKIE)
    account = sessions.restore(data.engine(), token)
    if account is not None:
        st.session_state[SESSION_KEY] = account
        st.session_state[TOKEN_KEY] = token


def _signed_in(account: accounts.Account) -> None:
    """A new stored session for this browser; the cookie is written on the next run (a page
    element, so not in a run that ends in st.rerun)."""
    token = sessions.issue(data.engine(), account)
    st.session_state[SESSION_KEY] = account
    st.session_state[TOKEN_KEY] = token
    st.session_state[COOKIE_KEY] = token


def _forget() -> None:
    st.session_state.pop(SESSION_KEY, None)
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state[COOKIE_KEY] = ""


def _write_cookie() -> None:
    """Set or clear the session cookie in the browser (ui.cookies: a script, so not HttpOnly;
    the token alone is worth nothing once revoked or expired, the database decides), with
    SameSite=Strict so that other sites cannot send it."""
    pending = st.session_state.pop(COOKIE_KEY, None)
    if pending is None:
        return
    age = int(sessions.lifetime().total_seconds()) if pending else 0
    cookies.write(COOKIE, pending, age)


def _only(render) -> None:
    """Show one page and stop: registered with st.navigation (hidden), so neither the menu
    nor any page (the app_pages/ folder) is offered before the gate is passed; registered under
    every address of the app, so a deep link keeps its address and query through sign-in."""
    st.navigation(routes.everywhere(render), position="hidden").run()
    st.stop()


def _login_page() -> None:
    # Made here or by `etl init` (make run), which printed the password on its terminal. The
    # page never says whether `admin` still has it: that would point a guesser at the account.
    _first_admin(data.engine().url.render_as_string(hide_password=True))
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(t(notice))
    _login_form()


def _no_role_page() -> None:
    st.warning(t("no_role"))
    _logout_button()


def _demo() -> accounts.Account:
    address = str(st.get_option("server.address") or "")
    if address not in LOCAL_ADDRESSES:
        st.error(t("auth_none_refused"))
        st.stop()
    # A server bound to 127.0.0.1 is still reached by DNS rebinding (a page of evil.example
    # whose name turns into 127.0.0.1) or through a proxy on the same machine: the request
    # itself must come from loopback and name a loopback host.
    if not local_request(st.context.headers, st.context.ip_address):
        st.error(t("auth_none_remote"))
        st.stop()
    st.session_state[SESSION_KEY] = DEMO
    st.sidebar.warning(t("auth_none_banner"))
    return DEMO


def local_request(headers: Mapping[str, str], ip_address: str | None) -> bool:
    """Whether a request is a browser on this machine opening a loopback address directly:
    Host (and Origin, when sent) name loopback, no proxy header, peer on loopback (Streamlit's
    `st.context.ip_address` is None for a loopback peer). No headers at all: no request, the
    script runs in-process (AppTest); the bind address check above still applies."""
    sent = {name.lower(): value for name, value in headers.items()}
    if not sent:
        return True
    if ip_address is not None or any(name in sent for name in FORWARDING):
        return False
    origin = sent.get("origin")
    names = [sent.get("host", ""), *([urlsplit(origin).netloc] if origin is not None else [])]
    return all(urlsplit(f"//{name}").hostname in LOCAL_ADDRESSES for name in names)


def _login_form() -> None:
    st.title(t("login_title"))
    with st.form("login"):
        name = st.text_input(t("username"), key="login_username")
        secret = st.text_input(t("password"), type="password", key="login_password")
        sent = st.form_submit_button(t("login"))
    if not sent:
        return
    # Refused before any account is asked: these tries count against no account, so one
    # client cannot lock someone else's (ui.login_limit).
    if login_limit.blocked():
        minutes = settings.get("RB_LOCKOUT_MINUTES")
        st.error(accounts.AuthError("client_rate_limited", minutes=minutes).bilingual())
        return
    try:
        account = accounts.authenticate(data.engine(), name.strip(), secret)
    except accounts.AuthError as error:
        if error.code in ("invalid_credentials", "account_locked"):
            login_limit.failed()
        st.error(error.bilingual())
        return
    if mode() == "password":
        _signed_in(account)
    else:
        st.session_state[SESSION_KEY] = account
    st.rerun()


def _oidc_page() -> None:
    """Signed in at the provider: find or create the account, then run the app again, on the
    page of the link that was opened before the provider's round trip (ui.return_link)."""
    if not st.user.is_logged_in:
        st.title(t("login_title"))
        return_link.remember()
        st.button(t("login_oidc"), on_click=st.login, key="oidc_login")
        return
    claims = st.user.to_dict()
    try:
        account = accounts.oidc_account(
            data.engine(),
            subject=str(claims.get("sub") or claims.get("email")),
            email=claims.get("email"),
            name=claims.get("name"),
            claim_role=claims.get(ROLE_CLAIM),
            claim_agency=claims.get(AGENCY_CLAIM),
        )
    except accounts.AuthError as error:
        # Disabled: said in both languages, with the way out of the provider's sign-in (the
        # browser stays signed in there, and another person may need this browser).
        st.error(error.bilingual())
        _logout_button()
        return
    st.session_state[SESSION_KEY] = account
    link = return_link.take()
    if link is not None:
        path, query = link
        # The gate's page at that address: the next run serves the app's own page there.
        page = next(p for p in routes.everywhere(_oidc_page) if p.url_path == path)
        st.switch_page(page, query_params=query)
    st.rerun()


def _change_password_form(account: accounts.Account, *, forced: bool) -> None:
    if forced:
        st.title(t("change_password"))
        st.info(t("must_change_password"))
    with st.form("change_password"):
        old = st.text_input(t("old_password"), type="password", key="pw_old")
        new = st.text_input(t("new_password"), type="password", key="pw_new")
        again = st.text_input(t("repeat_password"), type="password", key="pw_again")
        sent = st.form_submit_button(t("change_password"))
    if not sent:
        return
    if new != again:
        st.error(t("passwords_differ"))
        return
    try:
        changed = accounts.change_password(data.engine(), account.username, old, new)
    except accounts.AuthError as error:
        st.error(error.bilingual())
        return
    # The new password's stamp ended every stored session, this browser's included: a new one.
    _signed_in(changed)
    if not forced:  # no rerun follows: the browser's cookie is replaced now
        _write_cookie()
    st.success(t("password_changed"))
    if forced:
        st.rerun()


def _logout_button() -> None:
    if st.sidebar.button(t("logout"), key="logout"):
        logout()


def logout() -> None:
    account = current()
    if account is not None and st.session_state.get(TOKEN_KEY) is not None:
        # Every browser of this account, on every server: a sign-out ends them all (issue 13).
        sessions.end(data.engine(), account)
    _forget()
    # The next person at this browser must not see the last one's checks and receipts.
    for key in [k for k in st.session_state if str(k).startswith("upload_")]:
        st.session_state.pop(key, None)
    if mode() == "oidc":
        st.logout()
    st.rerun()


def sidebar() -> None:
    """Who is signed in, the logout button and (password mode) changing the password."""
    account = current()
    if account is None:
        return
    role = t(f"role_{account.role}")
    where = f" · {account.agency}" if account.agency else ""
    st.sidebar.caption(f"{t('signed_in_as')} **{account.display_name or account.username}** "
                       f"({role}{where})")  # fmt: skip
    if mode() == "none":
        return
    _logout_button()
    if mode() == "password":
        with st.sidebar.expander(t("change_password")):
            _change_password_form(account, forced=False)
