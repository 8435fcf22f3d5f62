"""The browser benchmark's table (bench/browser_bench.py): printed, and as the section of
bench/README.md that it replaces or appends with --write."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HEADER = ("what", "backend", "scale", "charts", "first s", "second s", "bare s", "first ÷ bare")


def table(rows: list[tuple]) -> list[str]:
    """The rows as a Markdown table (also what is printed)."""
    lines = ["| " + " | ".join(HEADER) + " |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for what, backend, scale, first, second, bare, charts in rows:
        name = "SQLite" if backend == "sqlite" else "PostgreSQL"
        shape = f"{len(charts)}/{sum(charts)}" if charts else "0"
        ratio = f"{first / bare:.1f}×" if bare == bare and bare > 0 and first == first else "–"
        cells = (what, name, f"{scale}×", shape, _s(first), _s(second), _s(bare), ratio)
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _s(seconds: float) -> str:
    return "–" if seconds != seconds else f"{seconds:.2f}"


def print_table(rows: list[tuple]) -> None:
    print("\n".join(table(rows)), flush=True)


SECTION = "## Browser (`bench/browser_bench.py`)"


def section(rows: list[tuple], args, note: str) -> str:
    """The README's section: how to rerun, what the columns mean, the table and the machine."""
    prose = (
        "Debian's Chromium through Playwright on a freshly started `streamlit run dashboard.py` "
        "(local demo mode) over the demo data (`etl init` + `etl demo`; scale K adds K-1 rounds "
        "of corrections of every value). `first`: a new reader (a new browser context) opening "
        "the page by its link, or making the interaction on the page just opened; `second`: "
        "the same session again (back to the page by the menu; the interaction undone and made "
        "again); `bare`: a bare Streamlit page (`bench/bare_app.py`) with the same number of "
        "plotly charts and traces (`charts`: charts/traces) opened or rerun the same way, in the "
        "same run. Seconds from the action until the page settled (the script done, no message "
        "from the server, no placeholder or stale element, every chart drawn, all for a second: "
        f"`bench/settle.py`), medians of {args.runs} run(s), each on fresh servers."
    )
    return "\n".join([
        SECTION, "",
        "```",
        "python -m bench.browser_bench [--backend sqlite|postgresql|both] [--scales 1,16] "
        "[--runs 3] [--write]",
        "```", "",
        textwrap.fill(prose, 96), "",
        textwrap.fill(note, 96), "",
        *table(rows), "",
    ])  # fmt: skip


def write_readme(text: str, readme: Path = ROOT / "bench" / "README.md") -> None:
    """Replace the section if the README has it, else append it."""
    old = readme.read_text(encoding="utf-8")
    if SECTION in old:
        before, rest = old.split(SECTION, 1)
        after = rest.split("\n## ", 1)[1] if "\n## " in rest else None
        new = before + text + ("\n## " + after if after is not None else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    readme.write_text(new, encoding="utf-8")


def machine_note(load_before: float) -> str:
    import datetime as dt
    import platform

    import streamlit

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    browser = subprocess.run(
        ["/usr/bin/chromium", "--version"], capture_output=True, text=True
    ).stdout.strip()
    return (
        f"Measured {dt.date.today():%d %B %Y} at commit {commit}: {os.cpu_count()} cores "
        f"({platform.machine()}), load average {load_before:.1f} before and "
        f"{os.getloadavg()[0]:.1f} after the run, {browser}, Streamlit {streamlit.__version__}."
    )
