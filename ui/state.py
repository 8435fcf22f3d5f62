"""The view lives in the URL (`st.query_params`), so a pasted link opens the same view.

Precedence for a widget's value: the widget's own state (the reader just changed it), then the
URL (a pasted link), then what the reader chose on another page (page switches clear the URL),
then the default. The index given to the widget always equals its current value, so the widget
keeps its identity across reruns and never jumps back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from ui.i18n import t

_REMEMBERED = "_url_state"


def _remembered() -> dict:
    return st.session_state.setdefault(_REMEMBERED, {})


def current(name: str, options: Sequence, default=None):
    """The value `name` has now, among `options` (compared as text, as the URL holds text)."""
    by_text = {str(o): o for o in options}
    widget_key = f"url_{name}"
    for candidate in (
        st.session_state.get(widget_key),
        st.query_params.get(name),
        _remembered().get(name),
    ):
        if candidate is not None and str(candidate) in by_text:
            return by_text[str(candidate)]
    if default is not None and str(default) in by_text:
        return by_text[str(default)]
    return options[0] if options else None


def remember(name: str, value) -> None:
    # Written only when it changes: every write of st.query_params sends the browser a
    # message, and each widget of every run wrote its unchanged value again.
    if value is None:
        if name in st.query_params:
            st.query_params.pop(name, None)
        _remembered().pop(name, None)
        return
    if st.query_params.get(name) != str(value):
        st.query_params[name] = str(value)
    _remembered()[name] = str(value)


def _frozen(options: Sequence, format_func: Callable) -> Callable:
    """Labels computed now, in the language of this run: a format function called later (the
    test harness formats values between runs) must not read the session's language then."""
    labels = {str(o): str(format_func(o)) for o in options}
    return lambda option: labels[str(option)]


def selectbox(
    name: str,
    label: str,
    options: Sequence,
    format_func: Callable = str,
    default=None,
    container=st,
):
    """A selectbox whose value is kept in the URL under `name`."""
    options = list(options)
    if not options:
        return None
    value = current(name, options, default)
    chosen = container.selectbox(
        label,
        options,
        index=options.index(value),
        format_func=_frozen(options, format_func),
        key=f"url_{name}",
    )
    remember(name, chosen)
    return chosen


def radio(name: str, label: str, options: Sequence, format_func: Callable = str, container=st):
    options = list(options)
    value = current(name, options)
    chosen = container.radio(
        label,
        options,
        index=options.index(value),
        format_func=_frozen(options, format_func),
        key=f"url_{name}",
        horizontal=True,
    )
    remember(name, chosen)
    return chosen


def toggle(name: str, label: str, container=st, help: str | None = None) -> bool:
    """A toggle kept in the URL under `name` as 1 (off: not in the URL)."""
    widget = st.session_state.get(f"url_{name}")
    if widget is None:
        widget = (st.query_params.get(name) or _remembered().get(name)) == "1"
    chosen = container.toggle(label, value=bool(widget), key=f"url_{name}", help=help)
    remember(name, "1" if chosen else None)
    return chosen


def multiselect(
    name: str, label: str, options: Sequence, format_func: Callable = str, default=(),
    max_selections: int | None = None, placeholder: str | None = None,
) -> list:  # fmt: skip
    """A multiselect kept in the URL under `name` as the values joined by commas (the same
    precedence as `current`: the widget, the URL, another page's choice, the default)."""
    options = list(options)
    by_text = {str(o): o for o in options}
    widget_key = f"url_{name}"
    chosen = st.session_state.get(widget_key)
    if chosen is None:
        for candidate in (st.query_params.get(name), _remembered().get(name)):
            if candidate:
                chosen = [by_text[v] for v in str(candidate).split(",") if v in by_text]
                break
    if chosen is None:
        chosen = [by_text[str(d)] for d in default if str(d) in by_text]
    # Set before the widget is drawn, kept to the options of this run (another agency type
    # has other options; a value outside them would be refused by Streamlit).
    st.session_state[widget_key] = [c for c in chosen if str(c) in by_text][:max_selections]
    picked = st.multiselect(
        label, options, format_func=_frozen(options, format_func), key=widget_key,
        max_selections=max_selections, placeholder=placeholder or t("choose_options"),
    )  # fmt: skip
    remember(name, ",".join(str(p) for p in picked) or None)
    return picked
