"""Browser benchmark: Chromium (Playwright) on a fresh `streamlit run dashboard.py`, each page
and each interaction of issue 15's table, first and second view, beside a bare twin page.

    python -m bench.browser_bench [--backend sqlite|postgresql|both] [--scales 1,16] [--runs 3]
                                  [--only TEXT] [--db URL] [--write]

For each backend and scale a database is built once (`python -m etl init` + `python -m etl
demo`; scale K adds K-1 rounds of corrections of every value, bench.dashboard_bench's
`--scale`; PostgreSQL gets a fresh database on the server of RB_TEST_POSTGRES_URL, as
bench.ingest_bench does, dropped after).
Each run starts a fresh app server (local demo mode, RB_AUTH_MODE=none on 127.0.0.1, as the
browser tests run it) and a fresh server of the bare twin (bench/bare_app.py), then measures:

- `overview, fresh server`: the first reader's view of a server just started;
- `page X`: first = a new reader (new browser context) opening the page by its link;
  second = the same session coming back to it through the menu after another page;
- an interaction (a select box, the language or the period): first = a new reader who opened
  the page by its link makes it; second = the same session undoes it and makes it again.

`bare s` is the twin measured the same way in the same run: the bare page with the same
number of plotly charts and traces opened by a new reader (on the bare server just started for
the fresh-server row), or, for an interaction, rerun by its own select box. "Settled" is
defined in bench/settle.py. Times are medians over the runs; the script prints, never asserts.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from bench import settle  # noqa: E402
from bench.browser_report import machine_note, print_table, section, write_readme  # noqa: E402

PORTS = range(8630, 8650)
TIMEOUT_S = 300


@dataclass(frozen=True)
class Step:
    """Choose `option` in the select box (or radio) labelled `label`, in the sidebar or main."""

    label: str
    option: str
    sidebar: bool = False
    radio: bool = False


@dataclass(frozen=True)
class Interaction:
    what: str
    path: str  # the page's link, opened first
    step: Step
    undo: Step


# (row name, menu link, URL path) of each page of the local demo's administrator.
PAGES = (
    ("overview", "Ringkasan", ""), ("indicator", "Indikator", "indikator"),
    ("agency", "Instansi", "instansi"), ("province", "Provinsi", "provinsi"),
    ("categories", "Kategori RB", "kategori"), ("compare", "Perbandingan", "perbandingan"),
    ("reporting", "Pelaporan", "pelaporan"), ("action plans", "Rencana Aksi", "rencana-aksi"),
    ("export", "Ekspor", "ekspor"), ("upload", "Unggah data", "unggah"),
    ("review", "Tinjauan", "tinjauan"), ("users", "Pengguna", "pengguna"),
    ("audit", "Audit", "audit"), ("method", "Metodologi", "metodologi"),
)  # fmt: skip
RM_NEW = "Road Map Reformasi Birokrasi 2025-2029 (tahap I Grand Design RB 2025-2045)"
RM_OLD = "Road Map Reformasi Birokrasi 2020-2024"
KABKOTA, PROV = Step("Jenis instansi", "Kabupaten/Kota"), Step("Jenis instansi", "Provinsi")
INTERACTIONS = (
    Interaction("export, table Observasi dengan status", "ekspor",
                Step("Tabel", "Observasi dengan status"),
                Step("Tabel", "Status per tema dan jenis instansi")),
    Interaction("export, then year Semua", "ekspor?table=observations",
                Step("Tahun", "Semua"), Step("Tahun", "2025")),
    Interaction("indicator, agency type Kab/Kota", "indikator", KABKOTA, PROV),
    Interaction("reporting, agency type Kab/Kota", "pelaporan", KABKOTA, PROV),
    Interaction("language switch", "", Step("Bahasa / Language", "English", True, True),
                Step("Bahasa / Language", "Bahasa Indonesia", True, True)),
    Interaction("road-map switch", "", Step("Road map", RM_OLD, True),
                Step("Road map", RM_NEW, True)),
    Interaction("year switch", "?roadmap=RB-2020-2024", Step("Tahun", "2023", True),
                Step("Tahun", "2024", True)),
)  # fmt: skip
FRESH = "overview, fresh server"
BARE_STEP = Step("round", "1")


@dataclass
class Measure:
    first: float = float("nan")
    second: float = float("nan")
    bare: float = float("nan")
    charts: tuple[int, ...] = ()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--scales", default="1", help="comma-separated, e.g. 1,16")
    parser.add_argument("--runs", type=int, default=3, help="fresh servers per backend × scale")
    parser.add_argument("--only", default="", help="only the rows whose name contains this")
    parser.add_argument("--db", help="measure this database as it is (not built, not dropped)")
    parser.add_argument("--write", action="store_true", help="put the table into bench/README")
    args = parser.parse_args(argv)
    args.scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    if not args.scales or min(args.scales) < 1 or args.runs < 1:
        parser.error("--scales needs whole numbers ≥ 1 and --runs at least 1")
    if args.db and (len(args.scales) > 1 or args.backend == "both"):
        parser.error("--db is one database: give one scale and one backend")
    args.backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    return args


# ---- one reader's actions ----------------------------------------------------------------


def _control(page, step: Step):
    scope = page.locator('[data-testid="stSidebar"]' if step.sidebar else '[data-testid="stMain"]')
    kind = "stRadio" if step.radio else "stSelectbox"
    label = page.locator('[data-testid="stWidgetLabel"]').get_by_text(step.label, exact=True)
    return scope.locator(f'[data-testid="{kind}"]').filter(has=label).first


def act(page, step: Step) -> float:
    """Make the choice; seconds from the click that makes it until the page settled."""
    control = _control(page, step)
    if step.radio:
        target = control.get_by_text(step.option, exact=True)
        target.wait_for(timeout=30_000)  # the page has settled: the control is there or never
    else:
        for attempt in range(3):  # a list opened just as the page redraws closes again
            control.click()
            target = page.get_by_role("option", name=step.option, exact=True)
            try:
                target.wait_for(timeout=10_000)
                break
            except Exception:
                if attempt == 2:
                    raise
                page.keyboard.press("Escape")
    before = settle.mark(page)
    target.click()
    return settle.wait(page, before, TIMEOUT_S)


def open_link(browser, url: str):
    """A new reader (a new context: its own session) opens `url`: (page, seconds)."""
    from browser_helpers import new_context

    context = new_context(browser)
    context.add_init_script(settle.TRACKER)
    page = context.new_page()
    page.goto(url, timeout=TIMEOUT_S * 1000)
    seconds = settle.wait(page, 0, TIMEOUT_S, from_navigation=True)
    if page.locator('[data-testid="stException"]').count():
        print(f"  ! an error is shown on {url}")
    return page, seconds


def menu(page, link: str) -> float:
    target = page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=link).first
    before = settle.mark(page)
    target.click()
    return settle.wait(page, before, TIMEOUT_S)


def bare_url(base: str, charts) -> str:
    return f"{base}/?charts={','.join(map(str, charts))}"


# ---- one run: fresh servers, every row -----------------------------------------------------


def measure_page(browser, app: str, bare: str, name: str, link: str, path: str) -> Measure:
    page, first = open_link(browser, f"{app}/{path}")
    m = Measure(first=first, charts=tuple(settle.layout(page)))
    menu(page, "Ringkasan" if name == "method" else "Metodologi")
    m.second = menu(page, link)
    page.context.close()
    twin, m.bare = open_link(browser, bare_url(bare, m.charts))
    twin.context.close()
    return m


def measure_interaction(browser, app: str, bare: str, it: Interaction) -> Measure:
    page, _ = open_link(browser, f"{app}/{it.path}")
    m = Measure(first=act(page, it.step), charts=tuple(settle.layout(page)))
    act(page, it.undo)
    m.second = act(page, it.step)
    page.context.close()
    twin, _ = open_link(browser, bare_url(bare, m.charts))
    m.bare = act(twin, BARE_STEP)
    twin.context.close()
    return m


def one_run(browser, url: str, only: str) -> dict[str, Measure]:
    """Fresh app and bare servers on `url`; every row whose name contains `only`."""
    from browser_helpers import start_streamlit, stop

    env = {"RB_AUTH_MODE": "none"}
    app_proc, app = start_streamlit(url, port=_free(PORTS), **env)
    bare_proc, bare = start_streamlit(url, script=ROOT / "bench/bare_app.py", port=_free(PORTS))
    results: dict[str, Measure] = {}
    try:
        page, first = open_link(browser, app)
        m = results[FRESH] = Measure(first=first, charts=tuple(settle.layout(page)))
        menu(page, "Metodologi")
        m.second = menu(page, "Ringkasan")
        page.context.close()
        twin, m.bare = open_link(browser, bare_url(bare, m.charts))
        twin.context.close()
        _progress(FRESH, m)
        for name, link, path in PAGES:
            if only in f"page {name}":
                results[f"page {name}"] = _guarded(
                    f"page {name}", measure_page, browser, app, bare, name, link, path
                )
        for it in INTERACTIONS:
            if only in it.what:
                results[it.what] = _guarded(it.what, measure_interaction, browser, app, bare, it)
    finally:
        stop(app_proc)
        stop(bare_proc)
    return results


def _guarded(what: str, measure, *args) -> Measure:
    """A row that fails (a timeout, a control not found) is reported and left empty."""
    try:
        m = measure(*args)
    except Exception as error:  # the other rows are still worth their minutes
        print(f"  ! {what}: {str(error).splitlines()[0]}", flush=True)
        return Measure()
    _progress(what, m)
    return m


def _progress(what: str, m: Measure) -> None:
    print(f"  {what}: first {m.first:.2f} s, second {m.second:.2f} s, bare {m.bare:.2f} s",
          flush=True)  # fmt: skip


def _free(ports: range) -> int:
    import socket

    for port in ports:
        with socket.socket() as s, contextlib.suppress(OSError):
            s.bind(("127.0.0.1", port))
            return port
    raise SystemExit(f"no free port in {ports.start}-{ports.stop - 1}")


# ---- databases, runs, the table -------------------------------------------------------------


def build(backend: str, folder: Path) -> str:
    """A new database with the catalogue and the demo (`python -m etl init` + `demo`)."""
    from bench.ingest_bench import fresh_database

    url = fresh_database(backend, folder)
    for command in ("init", "demo"):
        subprocess.run(
            [sys.executable, "-m", "etl", command, "--db", url],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
    return url


def measure_all(args) -> list[tuple]:
    """Rows (what, backend, scale, first, second, bare, charts), medians over the runs."""
    from browser_helpers import launch
    from playwright.sync_api import sync_playwright

    from bench.dashboard_bench import add_revisions
    from bench.ingest_bench import drop_database

    rows = []
    with sync_playwright() as p, tempfile.TemporaryDirectory(prefix="rb_browser_") as folder:
        browser = launch(p)
        for backend in args.backends:
            url = args.db or build(backend, Path(folder))
            if args.db:
                backend = "postgresql" if url.startswith("postgresql") else "sqlite"
            try:
                stored = 1
                for scale in args.scales:
                    if not args.db and scale > stored:
                        add_revisions(url, scale - stored, first=stored)
                        stored = scale
                    runs = []
                    for run in range(args.runs):
                        print(f"{backend} {scale}×, run {run + 1} of {args.runs} …", flush=True)
                        runs.append(one_run(browser, url, args.only))
                    rows += [(what, backend, scale, *medians(runs, what)) for what in runs[0]]
                    print_table(rows)
            finally:
                if not args.db:
                    drop_database(url)
        browser.close()
    return rows


def medians(runs: list[dict[str, Measure]], what: str) -> tuple:
    ms = [r[what] for r in runs if what in r]

    def median(field: str) -> float:
        values = [getattr(m, field) for m in ms if getattr(m, field) == getattr(m, field)]
        return statistics.median(values) if values else float("nan")

    charts = next((m.charts for m in ms if m.charts), ())
    return median("first"), median("second"), median("bare"), charts


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    # A stopped benchmark still stops its servers and drops its database (the finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    load_before = os.getloadavg()[0]
    rows = measure_all(args)
    note = machine_note(load_before)
    print(note)
    if args.write:
        write_readme(section(rows, args, note))
        print("bench/README.md updated")


if __name__ == "__main__":
    main()
