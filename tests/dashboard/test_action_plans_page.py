"""The Rencana Aksi / Action plans page through AppTest, on a database holding two agencies'
action plans (one on schedule, one lagging with spending far ahead of its output)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from builders import make_xlsx
from streamlit.testing.v1 import AppTest

from etl.ingest import Upload, ingest_path
from etl.store.database import make_engine

PAGE = str(Path(__file__).resolve().parents[2] / "app_pages" / "action_plans.py")
HEADER = ["tema", "rencana_aksi", "indikator_output", "satuan_output"]
HEADER += [f"target_tw{q}" for q in (1, 2, 3, 4)] + [f"realisasi_tw{q}" for q in (1, 2, 3, 4)]
HEADER += ["anggaran", "realisasi_anggaran", "koordinator", "pelaksana"]


def _sheet(agency, *rows):
    return [["Kode Instansi", agency], ["Tahun", 2024], [], HEADER, *rows]


@pytest.fixture
def plans_url(fresh_database, tmp_path) -> str:
    url = fresh_database("sqlite")
    engine = make_engine(url)
    upload = Upload(today=dt.date(2024, 8, 15))
    on_time = ["KEMISKINAN", "Verifikasi DTKS", "Dokumen DTKS", "Dokumen", 1, 1, 1, 1, 1, 1,
               None, None, "1.000.000", "400.000", "Bappeda", "Dinsos"]  # fmt: skip
    behind = ["DIGITAL", "Aplikasi pengaduan", "Aplikasi", "%", "25%", "50%", "75%", "100%",
              "10%", "10%", None, None, "2.000.000", "1.600.000", "Diskominfo", "Dinas X"]  # fmt: skip
    for agency, row in (("31.71", on_time), ("31.72", behind)):
        path = make_xlsx(tmp_path / f"{agency}.xlsx", _sheet(agency, row), sheet="Rencana Aksi")
        assert ingest_path(engine, path, upload).status == "accepted"
    engine.dispose()
    return url


def _run(url, monkeypatch, **params) -> AppTest:
    monkeypatch.setenv("RB_DATABASE_URL", url)
    at = AppTest.from_file(PAGE, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _frame(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_page_shows_progress_scatter_lagging_and_agency_actions(plans_url, monkeypatch):
    at = _run(plans_url, monkeypatch)
    assert at.title[0].value == "Rencana Aksi RB Tematik"
    summary = _frame(at, "Sesuai jadwal (%)")
    assert sorted(summary["Instansi"]) == sorted(set(summary["Instansi"]))
    assert len(summary) == 2
    lagging = _frame(at, "Koordinator")
    assert "Rencana aksi yang tertinggal" in [h.value for h in at.subheader]
    assert list(lagging["Rencana aksi"]) == ["Aplikasi pengaduan"]
    assert list(lagging["Koordinator"]) == ["Diskominfo"]
    # 80 % absorbed for 20 % of the output (10 of 50 as of Q2): flagged
    assert any("(1 aksi)" in c.value for c in at.caption)
    charts = at.get("plotly_chart")
    assert len(charts) == 2  # the bar chart and the scatter, in the status colours
    scatter = json.loads(charts[1].proto.spec)["data"]
    assert any(trace.get("marker", {}).get("color") == "#E69F00" for trace in scatter[1:])
    quarterly = _frame(at, "TW1 Target")
    assert list(quarterly["TW2 Realisasi"]) == [1]


def test_page_in_english_and_filtered_by_theme(plans_url, monkeypatch):
    at = _run(plans_url, monkeypatch, lang="en", ra_theme="DIGITAL")
    assert at.title[0].value == "RB Tematik action plans"
    lagging = _frame(at, "Coordinator")
    assert list(lagging["Schedule status"]) == ["Lagging"]
    assert len(_frame(at, "On schedule (%)")) == 1


def test_empty_database_says_how_to_load_action_plans(fresh_database, monkeypatch):
    at = _run(fresh_database("sqlite"), monkeypatch)
    assert "python -m etl ingest" in at.info[0].value
