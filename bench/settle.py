"""When a Streamlit page in Chromium has settled, and how long it took from an action.

A page has settled when all of these have held for QUIET_MS without a break:
- the server has answered the action (the app's `data-test-script-state` went to `running`, or
  a websocket message arrived, since it), the script is not running (`notRunning`), the page is
  connected, and no message from the server has arrived for the whole stretch;
- Streamlit's running indicator `[data-testid="stStatusWidget"]` is absent;
- no placeholder is shown (`stSkeleton`: a lazily loaded element such as a plotly chart whose
  code has not arrived) and no element of the previous run is still shown as stale;
- every plotly chart (`.js-plotly-plot`) has drawn (holds its `.main-svg`), and their number
  has not changed.
The time is taken at the start of that quiet stretch, not its end: the quiet window makes the
decision robust (a second rerun, charts drawn one after another) without adding to the figure.
The clock is the page's own (`performance.now()`), checked every 20 ms by a script in the page:
for a page opened by its link the action is the navigation itself (time 0 of the document).
"""

from __future__ import annotations

import time

QUIET_MS = 1000
POLL_MS = 20

# Installed in every document of a context before the page's own scripts (add_init_script).
TRACKER = """
(() => {
  const b = window.__bench = {runs: 0, msgs: 0, mark: 0, okSince: null, plots: -1};
  // Every message from the server counts: a rerun so quick that the page never shows its
  // 'running' state still sends its elements, and a page is not settled while they arrive.
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => { b.msgs += 1; b.okSince = null; });
    }
  };
  const app = () => document.querySelector('[data-testid="stApp"]');
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.target.getAttribute('data-test-script-state') === 'running'
          && r.oldValue !== 'running') {
        b.runs += 1;
        b.okSince = null;
      }
    }
  }).observe(document, {
    subtree: true, attributes: true, attributeOldValue: true,
    attributeFilter: ['data-test-script-state'],
  });
  const settledNow = () => {
    const a = app();
    if (!a || a.dataset.testScriptState !== 'notRunning') return false;
    if (a.dataset.testConnectionState !== 'CONNECTED') return false;
    if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
    if (document.querySelector('[data-testid="stSkeleton"], [data-stale="true"]')) return false;
    return [...document.querySelectorAll('.js-plotly-plot')].every(
      (p) => p.querySelector('.main-svg'));
  };
  setInterval(() => {
    const ok = (b.runs > 0 || b.msgs > 0) && settledNow();
    const plots = document.querySelectorAll('.js-plotly-plot').length;
    if (!ok) b.okSince = null;
    else if (b.okSince === null || plots !== b.plots) b.okSince = performance.now();
    b.plots = plots;
  }, POLL_MS);
})();
""".replace("POLL_MS", str(POLL_MS))

# Runs and messages so far, the clock started: a later settle must follow a run or a message.
MARK = "() => { const b = window.__bench; b.mark = performance.now(); return b.runs + b.msgs; }"
STATE = """() => { const b = window.__bench;
  return [b.runs + b.msgs, b.okSince, performance.now(), b.mark]; }"""
LAYOUT = "() => [...document.querySelectorAll('.js-plotly-plot')].map((p) => (p.data || []).length)"


class NotSettled(Exception):
    pass


def mark(page) -> int:
    """Start the clock for an action in this page; the runs and messages so far."""
    return page.evaluate(MARK)


def wait(page, events_before: int = 0, timeout_s: float = 300, from_navigation: bool = False):
    """Seconds from the mark (or from the navigation) until the page settled, per the module's
    definition; NotSettled after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            events, since, now, marked = page.evaluate(STATE)
        except Exception:  # the document is being replaced (a navigation): ask again
            page.wait_for_timeout(100)
            continue
        if events > events_before and since is not None and now - since >= QUIET_MS:
            return (since - (0 if from_navigation else marked)) / 1000
        page.wait_for_timeout(100)
    raise NotSettled(f"not settled within {timeout_s:.0f} s: {page.url}")


def layout(page) -> list[int]:
    """The number of traces of each plotly chart on the page, in page order."""
    return page.evaluate(LAYOUT)
