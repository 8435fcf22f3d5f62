"""The browser benchmark's own pieces, without a browser: its arguments, the README section it
writes and the bare twin's chart layout (the timings themselves are never tested)."""

from __future__ import annotations

import pytest

from bench import bare_app, browser_bench, browser_report, settle


def test_arguments_default_to_one_sqlite_scale_and_three_runs():
    args = browser_bench.parse_args([])
    assert (args.backends, args.scales, args.runs, args.write) == (("sqlite",), [1], 3, False)
    args = browser_bench.parse_args(["--backend", "both", "--scales", "16,1"])
    assert args.backends == ("sqlite", "postgresql") and args.scales == [1, 16]


@pytest.mark.parametrize(
    "argv", [["--scales", "0"], ["--runs", "0"], ["--db", "sqlite:///x", "--scales", "1,16"]]
)
def test_arguments_that_cannot_be_measured_are_refused(argv):
    with pytest.raises(SystemExit):
        browser_bench.parse_args(argv)


def test_the_readme_section_is_replaced_in_place_or_appended(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Benchmarks\n\n## Dashboard\n\ntext\n", encoding="utf-8")
    browser_report.write_readme(browser_report.SECTION + "\n\nfirst\n", readme)
    browser_report.write_readme(browser_report.SECTION + "\n\nsecond\n", readme)
    text = readme.read_text(encoding="utf-8")
    assert text.count(browser_report.SECTION) == 1 and "second" in text and "first" not in text
    readme.write_text(text + "\n## Later\n\nkept\n", encoding="utf-8")
    browser_report.write_readme(browser_report.SECTION + "\n\nthird\n", readme)
    text = readme.read_text(encoding="utf-8")
    assert "## Dashboard\n\ntext" in text and "third" in text and text.endswith("kept\n")


def test_the_table_shows_a_missing_time_as_a_dash():
    nan = float("nan")
    rows = [
        ("page method", "sqlite", 1, 0.5, 0.2, 0.25, (3, 1)),
        ("x", "postgresql", 16, nan, 1.0, 0.5, ()),
    ]
    lines = browser_report.table(rows)
    assert lines[2] == "| page method | SQLite | 1× | 2/4 | 0.50 | 0.20 | 0.25 | 2.0× |"
    assert lines[3] == "| x | PostgreSQL | 16× | 0 | – | 1.00 | 0.50 | – |"


def test_the_tracker_polls_and_the_twin_reads_its_layout():
    assert "POLL_MS" not in settle.TRACKER and f"}}, {settle.POLL_MS});" in settle.TRACKER
    assert bare_app.layout_of("4, 2,1") == [4, 2, 1] and bare_app.layout_of("") == []
