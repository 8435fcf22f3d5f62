"""Hostile files of issue 13: parts named so that a pre-scan looking entries up by their exact
name measures another part than the one calamine builds (#1), and rows spread over sheets (#4).
Each goes through ingest_path in a child process with a memory bound; a folder ingest goes on
past them and reports every file."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from builders import (
    FAR_SHEET,
    LONG_HEADER,
    make_xlsx,
    multi_sheet_row_bomb,
    redirected_root,
    refused_in_child,
    rewrite_zip,
    xls_stream_twin,
)
from processes import run_etl

PEAK_MB_BOUND = 1024


def _valid(path: Path) -> Path:
    return make_xlsx(path, [LONG_HEADER, ["31", "PDN", 2023, 4, 40]])


def uppercase_twin(tmp: Path) -> Path:
    return rewrite_zip(_valid(tmp / "kembar.xlsx"), {}, add={"xl/worksheets/Sheet1.xml": FAR_SHEET})


def backslash_twin(tmp: Path) -> Path:
    twin = {"xl\\worksheets\\sheet1.xml": FAR_SHEET}
    return rewrite_zip(_valid(tmp / "garis_miring.xlsx"), {}, add=twin)


CORPUS = {
    uppercase_twin: "corrupt_file",
    backslash_twin: "corrupt_file",
    redirected_root: "too_many_rows",
    xls_stream_twin: "too_many_cells",
}


@pytest.mark.parametrize("make", CORPUS, ids=[f.__name__ for f in CORPUS])
def test_part_calamine_reads_is_the_part_measured(make, sqlite_engine, tmp_path):
    url = sqlite_engine.url.render_as_string(hide_password=False)
    refused_in_child(url, make(tmp_path), CORPUS[make], PEAK_MB_BOUND)


def test_rows_over_the_limit_across_sheets_are_refused_quickly(sqlite_engine, tmp_path):
    path = multi_sheet_row_bomb(tmp_path / "tiga_lembar.xlsx")
    url = sqlite_engine.url.render_as_string(hide_password=False)
    outcome = refused_in_child(url, path, "too_many_rows_in_file", PEAK_MB_BOUND)
    assert "Data, Data2" in outcome["messages"][0] and "200000" in outcome["messages"][0]
    assert outcome["seconds"] < 60 and outcome["peak_mb"] < PEAK_MB_BOUND, outcome


def test_folder_ingest_reports_every_file_past_a_hostile_one(tmp_path):
    folder = tmp_path / "kiriman"
    folder.mkdir()
    for make in CORPUS:  # named so that a valid file sorts after each hostile one
        hostile = make(tmp_path)
        hostile.rename(folder / f"{make.__name__}_1{hostile.suffix}")
        _valid(folder / f"{make.__name__}_2.xlsx")
    url = f"sqlite:///{tmp_path / 'rb.sqlite'}"
    assert run_etl("init", "--db", url, cwd=tmp_path).returncode == 0
    started = time.monotonic()
    run = run_etl("ingest", str(folder), "--db", url, cwd=tmp_path)
    assert run.returncode != 0 and "Traceback" not in run.stderr, run.stderr[-2000:]
    for make in CORPUS:
        assert f"{make.__name__}_1." in run.stdout, run.stdout
        assert f"{make.__name__}_2.xlsx" in run.stdout, run.stdout
    lines = run.stdout.splitlines()
    assert sum(line.startswith("REJECTED") for line in lines) == len(CORPUS), run.stdout
    assert f"{2 * len(CORPUS)} berkas / files" in run.stdout
    assert time.monotonic() - started < 120
