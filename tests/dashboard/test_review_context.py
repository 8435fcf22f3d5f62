"""The review queue with context (issue 17): per value the indicator's name and unit, the
official value of the period before, the target (none invented), the file's notes and evidence
link and the checks' warnings; "Semua pengiriman" lists every submission with its origin."""

from __future__ import annotations

import pytest
from builders import long_rows, make_xlsx

from etl import ingest
from etl.access import accounts
from etl.core import clock
from etl.ingest import Upload

AGENCY = "KL.KEMENPANRB"
HEADER = ["kode_instansi", "kode_indikator", "tahun", "triwulan", "nilai", "keterangan",
          "tautan_bukti"]  # fmt: skip


def _load(engine, tmp_path, name, rows, upload):
    path = make_xlsx(tmp_path / name, long_rows(*rows, header=HEADER))
    checked = ingest.check(engine, name, path.read_bytes(), upload)
    assert checked.accepted, [i.code for i in checked.result.issues]
    return ingest.commit(engine, checked)


@pytest.fixture
def queue(engine, tmp_path):
    """Four official quarters of PDN, a demo file, then the clerk's file awaiting review: an
    outlying value with notes and evidence, and one of the quarter in progress."""
    today = clock.today()
    now = (today.year, (today.month - 1) // 3 + 1)
    history = [[AGENCY, "PDN", 2024, q, 40 + q, "", ""] for q in (1, 2, 3, 4)]
    _load(engine, tmp_path, "resmi.xlsx", history, Upload(user="admin", source="upload"))
    demo = [["KL.KEMENKEU", "PDN", 2024, 1, 55, "DATA DEMO", ""]]
    _load(engine, tmp_path, "DEMO_x.xlsx", demo, Upload(user="demo", source="demo"))
    clerk = Upload(
        user="kemenpan", source="upload", review="pending", enforce_locks=False,
        may_change_national=False, allowed_agencies=frozenset({AGENCY}),
    )  # fmt: skip
    rows = [
        [AGENCY, "PDN", 2025, 1, 95, "naik karena e-katalog", "https://contoh.go.id/bukti.pdf"],
        [AGENCY, "PDN", *now, 46, "", ""],
    ]
    _load(engine, tmp_path, "kemenpan.xlsx", rows, clerk)
    return now


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_value_comes_with_its_context(engine, queue, signed_in, lang):
    reviewer = accounts.create_user(engine, "rev", "reviewer", actor="test")[0]
    at = signed_in(reviewer, "review", lang=lang)
    assert not at.exception
    frames = [d.value for d in at.dataframe]
    values = next(f for f in frames if len(f) == 2 and ("Peringatan" in f or "Warnings" in f))
    word = {"id": ("Indikator", "Satuan", "Nilai resmi periode sebelumnya", "Target",
                   "Keterangan", "Tautan bukti", "Peringatan", "Tren (resmi → baru)"),
            "en": ("Indicator", "Unit", "Official value, period before", "Target", "Notes",
                   "Evidence link", "Warnings", "Trend (official → new)")}[lang]  # fmt: skip
    indicator, unit, before, target, notes, link, warnings, trend = word
    first = values.iloc[0]
    name = "Persentase belanja produk dalam negeri" if lang == "id" else "PDN · "
    assert first[indicator].startswith("PDN · ") and name in first[indicator]
    assert first[unit] == {"id": "persen belanja", "en": "percent of spending"}[lang]
    assert first[before] == ("44,00 (TW4 2024)" if lang == "id" else "44.00 (Q4 2024)")
    assert first[target] == "–"  # no target known for this agency: none is made up
    assert first[notes] == "naik karena e-katalog"
    assert first[link] == "https://contoh.go.id/bukti.pdf"
    assert ("jauh" in first[warnings]) if lang == "id" else ("far" in first[warnings].lower())
    # The four official quarters, then the value sent: the jump is in the sparkline.
    assert [float(x) for x in first[trend]] == [41, 42, 43, 44, 95]
    second = values.iloc[1]
    assert ("sementara" if lang == "id" else "provisional") in second[warnings]
    assert second[notes] == "–" and second[link] == ""  # no link: an empty cell, not "None"
    text = values.drop(columns=[trend, link]).astype(str).to_numpy().ravel()  # "" is the link's
    assert not {"None", "nan", "NaN", "NaT", ""} & set(text)  # an empty cell says "–"
    assert any(("peringatan" if lang == "id" else "warning") in w.value for w in at.warning)


def test_all_submissions_lists_every_origin(engine, queue, signed_in):
    reviewer = accounts.create_user(engine, "rev", "reviewer", actor="test")[0]
    at = signed_in(reviewer, "review")
    assert not any("Belum ada pengiriman" in c.value for c in at.caption)
    every = next(d.value for d in at.dataframe if "source" in d.value.columns)
    assert len(every) == 4  # the reference national figures of `etl init` too
    assert set(every["source"]) == {"unggahan", "data demo", "data rujukan nasional"}  # "Asal"
