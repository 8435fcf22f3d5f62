"""Dashboard benchmark: every page rendered with AppTest on the full demo data, against a bare
page that only draws the same number of plotly charts and traces.

    python bench/dashboard_bench.py [--db URL] [--runs 3] [--scale 1]

--scale K stores K-1 rounds of corrections of every current value before rendering (K× the
observation rows, as years of corrections would leave): the current data itself is bounded by
the registry (605 agencies × their indicators × quarters), the history is what grows.

Without --db (or RB_DATABASE_URL) a temporary database gets `etl init` + `etl demo` (~15 s).
"Cold" is the first render of a page in a fresh process cache (the period's statuses are
computed); "warm" is the median of the next runs, each a new session (a new reader), which is
what the 2× goal is measured on.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

PAGES = ("overview", "indicator", "agency", "reporting", "export", "method")
# The same bare page as the browser benchmark's twin (bench/bare_app.py).
BARE = "from bench.bare_app import draw\ndraw({layout})"


def demo_database() -> str:
    from etl.bootstrap import init_database
    from etl.demo.load import load_demo
    from etl.store.database import make_engine

    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='rb_bench_')) / 'demo.sqlite'}"
    engine = make_engine(url)
    init_database(engine)
    load_demo(engine)
    engine.dispose()
    return url


def render(page: str) -> tuple[float, list[int]]:
    """Seconds to render `page` in a new session, and the traces of each of its charts."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    if page != "overview":
        # The router opens on the overview; the page is the second run of the session.
        at.run()
        at.switch_page(f"app_pages/{page}.py")
    start = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"{page}: {at.exception[0].message}")
    charts = [len(json.loads(c.proto.spec)["data"]) for c in at.get("plotly_chart")]
    return elapsed, charts


def bare(layout: list[int], runs: int) -> float:
    times = []
    for _ in range(runs + 1):
        at = AppTest.from_string(BARE.format(layout=layout), default_timeout=300)
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])


def add_revisions(url: str, rounds: int, first: int = 1) -> None:
    """Correct every current value `rounds` times, through the real load path; the rounds are
    numbered from `first` (each file is new: a database grows again without a repeated file)."""
    from etl.core.rows import ValidRow
    from etl.ingest import Upload, commit_rows
    from etl.store.catalogue import load_catalogue
    from etl.store.database import make_engine
    from etl.store.queries import current_observations

    engine = make_engine(url)
    load_catalogue(engine)
    for k in range(first, first + rounds):
        frame = current_observations(engine)
        frame = frame[frame.agency_code != "ID"]
        rows = [
            ValidRow(
                a,
                i,
                int(y),
                int(q),
                float(v) * (1 + 0.001 * (-1) ** k),
                None,
                None,
                None,
                None,
                "Data",
                "E1",
            )
            for a, i, y, q, v in zip(
                frame.agency_code, frame.indicator_code, frame.year, frame.quarter, frame.value
            )
        ]
        data = f"bench revision {k}".encode()
        commit_rows(engine, f"BENCH_revision_{k}.xlsx", data, rows, Upload(user="bench"))
    engine.dispose()


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("RB_DATABASE_URL"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", type=int, default=1, help="K× the observation rows")
    args = parser.parse_args()
    # The pages as an administrator sees them, without a login form: the local demo mode.
    os.environ["RB_AUTH_MODE"] = "none"
    from streamlit import config

    config.set_option("server.address", "127.0.0.1")
    os.environ["RB_DATABASE_URL"] = args.db or demo_database()
    if args.scale > 1:
        add_revisions(os.environ["RB_DATABASE_URL"], args.scale - 1)
    print(f"database: {os.environ['RB_DATABASE_URL']} (scale {args.scale}×)")
    print(
        f"{'page':<10} {'charts':>6} {'traces':>6} {'cold s':>7} {'warm s':>7} {'bare s':>7} {'ratio':>6}"
    )
    for page in PAGES:
        cold, layout = render(page)
        warm = statistics.median(render(page)[0] for _ in range(args.runs))
        base = bare(layout, args.runs)
        ratio = warm / base
        print(
            f"{page:<10} {len(layout):>6} {sum(layout):>6} {cold:>7.2f} {warm:>7.2f} "
            f"{base:>7.2f} {ratio:>5.1f}×{'' if ratio <= 2 else '  > 2×'}"
        )
    print(f"peak memory of this process (the app sessions included): {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
