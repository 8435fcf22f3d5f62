"""Cookies the app sets in the browser. Streamlit lets the app read cookies (`st.context.cookies`,
those of the session's first request) but not set them, so a script on the page does it: never
HttpOnly, so what a cookie carries must be worth nothing to a thief (the database decides what a
session token opens; a link is only an address of the app), and Secure whenever the page came
over HTTPS."""

from __future__ import annotations

import streamlit as st


def write(name: str, value: str, max_age: int, *, same_site: str = "Strict") -> None:
    """Set `name` (a Max-Age of 0 deletes it). `value` must be cookie-safe already (URL-safe
    token, percent-encoded text): it is written into the script as it is."""
    st.html(
        f"<script>document.cookie = '{name}={value}; Max-Age={max_age}; Path=/; "
        f"SameSite={same_site}' + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )
