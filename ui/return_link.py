"""The link a sign-in through the identity provider comes back to (RB_AUTH_MODE=oidc).

Streamlit's OIDC callback always sends the browser to the app's root, so a copied link opened
while signed out would lose its page and view on the way through the provider (the password form
keeps the address in the browser instead, ui.routes.everywhere). The login page keeps the link in
a short-lived cookie; signed in and back at the root, the gate opens that page with its query,
once. The cookie holds only an address of the app: read back, it must name one of the app's own
paths (never a URL elsewhere, whoever wrote the cookie).
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote, urlencode

import streamlit as st

from ui import cookies, routes

COOKIE = "rb_link"
# Long enough for a sign-in at the provider, short enough that an abandoned one is forgotten.
AGE_SECONDS = 600
# Lax, not Strict: the way back is a redirect chain started by the provider's site.
SAME_SITE = "Lax"
CLEAR_KEY = "link_cookie_clear"  # the link was taken: delete the cookie on the next run


def remember() -> None:
    """On the provider's login page: keep this page and its query, or forget an older link
    when the root itself was opened."""
    here = routes.opened()
    link = f"{here}?{urlencode(st.query_params.to_dict())}" if here else ""
    cookies.write(COOKIE, quote(link, safe=""), AGE_SECONDS if link else 0, same_site=SAME_SITE)


def take() -> tuple[str, dict[str, str]] | None:
    """Just signed in: the kept page path and query when the browser is at the root (a page
    opened by its own address wins over an older link); the cookie goes on the next run."""
    raw = st.context.cookies.get(COOKIE)
    if not isinstance(raw, str) or not raw:  # no request behind the run (AppTest): no cookie
        return None
    st.session_state[CLEAR_KEY] = True
    if routes.opened():
        return None
    path, _, query = unquote(raw).partition("?")
    if path not in routes.paths() or path == routes.LOGIN_PATH:
        return None
    return path, dict(parse_qsl(query))


def clear_taken() -> None:
    """Every run, before the pages: delete a link that was taken (not in a run that ends in
    st.rerun or st.switch_page, whose page elements the browser may never see)."""
    if st.session_state.pop(CLEAR_KEY, False):
        cookies.write(COOKIE, "", 0, same_site=SAME_SITE)
