"""WCAG 2.1 AA on every page, in both languages (issue 17: Open SDG promises it): axe-core
(npm, package.json; `make install-dev` runs `npm ci`), injected by Playwright into the app on
the demo data, finds nothing beyond what a bare Streamlit page (bench/bare_app.py: a title, a
select box, a chart) has, measured in the same run. Two things axe does not look at are checked
here too, with no bare-page allowance (Streamlit's own chart theme draws ticks at 3.7:1): plotly's
SVG text (ticks, titles, legends, labels on bars) has the contrast AA asks for, and every chart
is followed by its data table (the chart's text alternative).

What counts as "the same" as the bare page: the rule and the kind of element it flags, the
element's tag under its nearest Streamlit test id (`stCaptionContainer > p`), not its emotion
class names or position, which differ from page to page for the same Streamlit element.
"""

from __future__ import annotations

import pytest
from browser_helpers import ROOT, SLOW, settle, start_streamlit, stop

from ui.routes import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGES = ("id", "en")

# Each violation's element as (rule, kind, what, numbers). An inactive control's label is left
# out: WCAG 1.4.3 exempts "text that is part of an inactive user interface component", and axe
# exempts disabled controls itself but misses Streamlit's label (aria-hidden, outside <input>).
AUDIT = """async (tags) => {
  const kind = (el) => {
    if (!el) return '?';
    const owner = el.closest('[data-testid]');
    const id = owner ? owner.dataset.testid : 'body';
    return owner === el ? id : id + ' > ' + el.tagName.toLowerCase();
  };
  const inactive = (el) => {
    const label = el && el.closest('[data-testid=stWidgetLabel]');
    const widget = label && label.parentElement;
    return !!(label && label.hasAttribute('disabled') && widget
              && widget.querySelector('input:disabled, button:disabled, [aria-disabled=true]'));
  };
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  const found = [];
  for (const v of result.violations) {
    for (const node of v.nodes) {
      const el = typeof node.target[0] === 'string' ? document.querySelector(node.target[0]) : null;
      if (v.id === 'color-contrast' && inactive(el)) continue;
      const data = (node.any[0] || {}).data || {};
      const numbers = data.contrastRatio
        ? `${data.contrastRatio}:1 (${data.fgColor} on ${data.bgColor}, ${data.expectedContrastRatio} needed)`
        : node.failureSummary.replace(/\\s+/g, ' ').slice(0, 200);
      found.push({rule: v.id, kind: kind(el), what: (el ? el.textContent : node.html).trim().slice(0, 80), numbers});
    }
  }
  return found;
}"""

# Plotly's SVG text against what is behind it: a bar's own fill for a label inside the bar, the
# chart's background otherwise. Labels over map areas and heatmap cells (scattergeo, the
# heatmap's text layer) have no DOM colour behind them: test_ui_units checks their ink.
SVG_TEXT = """() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(c => c / 255)
    .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
    .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const hex = (c) => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
  const found = [];
  for (const chart of document.querySelectorAll('[data-testid=stPlotlyChart]')) {
    const paper = rgb(getComputedStyle(chart.querySelector('.main-svg')).backgroundColor);
    const page = paper.length === 4 && paper[3] === 0 ? [255, 255, 255] : paper;
    for (const text of chart.querySelectorAll('text')) {
      const shown = text.textContent.trim();
      const box = text.getBoundingClientRect();
      if (!shown || !box.width || text.closest('.scattergeo, .textpoint')) continue;
      let back = page;
      const bar = text.closest('g.point') && text.closest('g.point').querySelector('path');
      if (bar) {  // on the screen, as the reader sees it (both sit under their own transforms)
        const b = bar.getBoundingClientRect(), x = box.x + box.width / 2, y = box.y + box.height / 2;
        if (x > b.left && x < b.right && y > b.top && y < b.bottom) back = rgb(getComputedStyle(bar).fill);
      }
      const fore = rgb(getComputedStyle(text).fill);
      const size = parseFloat(getComputedStyle(text).fontSize);
      const needed = size >= 24 ? 3 : 4.5;
      const got = ratio(fore, back);
      if (got < needed) found.push({rule: 'svg-text-contrast', kind: 'plotly ' + (text.getAttribute('class') || text.parentNode.getAttribute('class')),
        what: shown.slice(0, 80), numbers: `${got.toFixed(2)}:1 (${hex(fore)} on ${hex(back)}, ${needed}:1 needed)`});
    }
  }
  return found;
}"""

# Every chart, then its data table in an expander before anything else that is a chart.
CHART_TABLES = """() => {
  const items = [...document.querySelectorAll('[data-testid=stPlotlyChart], [data-testid=stExpander]')];
  const found = [];
  items.forEach((el, i) => {
    if (el.dataset.testid !== 'stPlotlyChart') return;
    const next = items[i + 1];
    if (!next || next.dataset.testid !== 'stExpander' || !next.querySelector('[data-testid=stDataFrame]')) {
      const title = el.querySelector('.gtitle');
      found.push({rule: 'chart-without-table', kind: 'stPlotlyChart', numbers: '',
                  what: 'chart ' + (i + 1) + (title ? ' "' + title.textContent + '"' : '') + ' has no data table after it'});
    }
  });
  return found;
}"""


OPEN_EXPANDERS = """() => document.querySelectorAll(
  '[data-testid=stExpander] details:not([open]) > summary').forEach(s => s.click())"""


@pytest.fixture
def servers(demo_url):
    """The app as the local demo's admin (every page in the menu) and the bare page."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make install-dev does)")
    app, app_base = start_streamlit(demo_url, RB_AUTH_MODE="none")
    bare, bare_base = start_streamlit(demo_url, script=ROOT / "bench" / "bare_app.py")
    yield app_base, bare_base
    stop(app)
    stop(bare)


def _open(page, url: str) -> None:
    """The page drawn, every expander opened (axe skips what is hidden, and a chart's table is
    inside one), and drawn again."""
    page.goto(url)
    settle(page, SLOW)
    page.evaluate(OPEN_EXPANDERS)
    settle(page, SLOW)
    assert not page.locator("[data-testid=stException]").count(), f"{url}: the page failed"


def _address(base: str, url_path: str, lang: str) -> str:
    # The landing page is served at "/" (ui.routes): its own path would only switch to it.
    landing = url_path == PAGES[0][2]
    return f"{base}/{'' if landing else url_path}?lang={lang}"


def test_every_page_meets_wcag_21_aa_like_a_bare_streamlit_page(servers, new_page):
    app, bare = servers
    page = new_page()
    _open(page, f"{bare}/?charts=1")
    page.add_script_tag(path=str(AXE))
    floor = {(v["rule"], v["kind"]) for v in page.evaluate(AUDIT, WCAG21_AA)}

    problems, charts = [], 0
    for lang, language in zip(LANGUAGES, ("Bahasa Indonesia", "English")):
        for _, _, url_path, _, _ in PAGES:
            _open(page, _address(app, url_path, lang))
            switch = page.get_by_test_id("stSidebarUserContent").get_by_role("radio", name=language)
            assert switch.is_checked(), f"{url_path} [{lang}]: not in {language}"
            charts += page.locator("[data-testid=stPlotlyChart]").count()
            page.add_script_tag(path=str(AXE))
            found = [
                v for v in page.evaluate(AUDIT, WCAG21_AA) if (v["rule"], v["kind"]) not in floor
            ]
            # No floor for these: Streamlit's own chart theme fails them (its ticks, 3.7:1).
            found += page.evaluate(SVG_TEXT) + page.evaluate(CHART_TABLES)
            problems += [
                f"{url_path} [{lang}] {v['rule']}: {v['kind']} {v['what']!r} {v['numbers']}"
                for v in found
            ]
    assert charts, "no chart drawn: the charts' checks looked at nothing"
    assert not problems, f"{len(problems)} beyond the bare page's {sorted(floor)}:\n" + "\n".join(
        problems
    )
