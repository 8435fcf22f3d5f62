"""The memo of what each field's check accepted (etl.checks.observations) must give exactly what
the checks give without it: the same rows, the same issues at the same cells. Random files
mixing good and bad cells, in both layouts, compared row by row."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from builders import make_xlsx

from etl.checks import observations
from etl.checks.context import Context
from etl.checks.observations import validate
from etl.reading.sandbox import read_upload
from etl.store.catalogue import load_catalogue

TODAY = dt.date(2025, 11, 20)


def _pools(catalogue):
    province = next(a for a in catalogue.agencies.values() if a.type == "PROV")
    ministry = next(a for a in catalogue.agencies.values() if a.type == "KL")
    # Quarterly indicators first: an annual one outside TW IV is kept with a warning, which the
    # checks word the first time, so those values wait for their warning.
    ours = sorted(
        catalogue.indicators_for_type(province.type), key=lambda i: i.frequency == "annual"
    )
    bounded = next(i for i in ours if i.min is not None)
    other = next(i for i in catalogue.indicators.values() if not i.reported_by(province.type))
    return {
        "agency": [province.code, province.code, ministry.code, "99.99", "", f" {province.code} "],
        "name": [None, province.name, province.name.upper(), "Nama Lain"],
        "indicator": [*(i.code for i in ours[:4]), bounded.code, other.code, "XX_UNKNOWN", ""],
        "year": [2024.0, 2024.0, 2023, "2024", "2O24", 2018, 2026, ""],
        "quarter": [1.0, 2.0, 3.0, "TW II", 5, "", 4],
        "value": [12.5, 40.0, 61.25, -5.0, 1e9, "12,5", "n/a", "-", "", "abc", 70.0],
        "target": [None, None, 50.0, -1.0, "x"],
        "unit": [None, None, bounded.unit, "kilogram"],
        "notes": [None, "catatan", 3.0],
        "url": [None, "https://rb.go.id/bukti", "ftp://salah", " https://rb.go.id/b "],
    }


def _long(rng, pools, n):
    header = ["kode_instansi", "nama_instansi", "kode_indikator", "tahun", "triwulan", "nilai",
              "target", "satuan", "keterangan", "tautan_bukti"]  # fmt: skip
    keys = ["agency", "name", "indicator", "year", "quarter", "value", "target", "unit",
            "notes", "url"]  # fmt: skip
    # Rows repeat a few combinations, as real files do, so the memo answers often.
    # The first two values of each pool are good ones.
    seen = [[rng.choice(pools[k][:2]) for k in keys] for _ in range(8)]
    seen += [[rng.choice(pools[k]) for k in keys] for _ in range(8)]
    rows = []
    for _ in range(n):
        row = list(rng.choice(seen))
        for i, k in enumerate(keys):
            if rng.random() < 0.04:
                row[i] = rng.choice(pools[k])
        rows.append(row)
    return [["LAPORAN"], [], header, *rows]


def _wide(rng, pools, n):
    header = ["kode_instansi", "kode_indikator", "tahun", "TW I", "TW II", "TW III 2024", "satuan"]
    keys = ["agency", "indicator", "year", "value", "value", "value", "unit"]
    rows = [
        [rng.choice(pools[k][: 2 if rng.random() < 0.7 else None]) for k in keys] for _ in range(n)
    ]
    return [header, *rows]


def _results(tmp_path, catalogue, rows, name, memo: bool, monkeypatch):
    """The validation, and how often the year-and-quarter check ran (once per row without the
    memo, once per new pair of cells with it)."""
    path = make_xlsx(tmp_path / name, rows)
    book = read_upload(path.name, path.read_bytes())
    checker = observations._SheetChecker
    with monkeypatch.context() as patch:
        patch.setattr(checker, "remember", memo)
        real, ran = checker._when, []

        def counted(self, *args):
            ran.append(1)
            return real(self, *args)

        patch.setattr(checker, "_when", counted)
        result = validate(book, Context(catalogue, TODAY))
    return result, len(ran)


@pytest.mark.parametrize("layout", ["long", "wide"])
@pytest.mark.parametrize("seed", range(6))
def test_the_memo_gives_what_the_checks_give(sqlite_engine, tmp_path, monkeypatch, layout, seed):
    catalogue = load_catalogue(sqlite_engine)
    rng = random.Random(seed)
    rows = (_long if layout == "long" else _wide)(rng, _pools(catalogue), 300)
    full, every_row = _results(tmp_path, catalogue, rows, "full.xlsx", False, monkeypatch)
    quick, checked = _results(tmp_path, catalogue, rows, "quick.xlsx", True, monkeypatch)
    assert quick.rows == full.rows
    assert [i.as_dict() for i in quick.issues] == [i.as_dict() for i in full.issues]
    assert quick.skipped == full.skipped
    assert checked < every_row / 2, "the random file repeats accepted cells: the memo answers"
    assert full.rows and full.issues, "the random file should mix good and bad cells"


def _same_both_ways(tmp_path, monkeypatch, catalogue, rows):
    full, _ = _results(tmp_path, catalogue, rows, "full.xlsx", False, monkeypatch)
    quick, _ = _results(tmp_path, catalogue, rows, "quick.xlsx", True, monkeypatch)
    assert [i.as_dict() for i in quick.issues] == [i.as_dict() for i in full.issues]
    assert (quick.rows, quick.skipped) == (full.rows, full.skipped)
    return full


def test_bad_year_or_quarter_beside_an_empty_value_is_still_reported(
    sqlite_engine, tmp_path, monkeypatch
):
    # Found in review: the row shortcut this memo replaced once looked at the period only for non-empty values.
    catalogue = load_catalogue(sqlite_engine)
    rows = [
        ["kode_instansi", "kode_indikator", "tahun", "triwulan", "nilai"],
        ["31", "PDN", 2024.0, 1.0, 10.0],
        ["31", "PDN", "2O24", 9.0, None],
    ]
    full = _same_both_ways(tmp_path, monkeypatch, catalogue, rows)
    assert {i.code for i in full.issues} >= {"year_invalid", "quarter_invalid"}


def test_bad_year_cell_beside_quarter_columns_with_years_is_reported_on_every_row(
    sqlite_engine, tmp_path, monkeypatch
):
    # Found in review: "TW I 2024" gives the period even when the year cell is wrong.
    catalogue = load_catalogue(sqlite_engine)
    header = ["kode_instansi", "kode_indikator", "tahun", "TW I 2024", "TW II 2024"]
    rows = [header] + [["31", "PDN", "2O24", 10.0 + k, 20.0] for k in range(5)]
    full = _same_both_ways(tmp_path, monkeypatch, catalogue, rows)
    assert [i.cell for i in full.issues if i.code == "year_invalid"] == [
        f"C{r}" for r in range(2, 7)
    ]


def test_an_error_cell_read_as_empty_in_the_target_column_is_still_reported(
    sqlite_engine, tmp_path
):
    # Found in review: the openpyxl path reads an Excel error (#DIV/0!) as None and lists the
    # cell in error_cells; an empty-looking target must still go through the cell's check.
    import dataclasses

    from etl.reading.read import Workbook

    header = ["kode_instansi", "kode_indikator", "tahun", "triwulan", "nilai", "target"]
    path = make_xlsx(tmp_path / "a.xlsx", [header, ["31", "PDN", 2024.0, 1.0, 10.0, 5.0]])
    sheet = read_upload(path.name, path.read_bytes()).sheets[0]
    rows = [list(r) for r in sheet.rows]
    rows[1][5] = None
    book = Workbook([dataclasses.replace(sheet, rows=rows, error_cells=frozenset({"F2"}))], [])
    result = validate(book, Context(load_catalogue(sqlite_engine), TODAY))
    assert [f"{i.code}@{i.cell}" for i in result.issues] == ["cell_error@F2"]
