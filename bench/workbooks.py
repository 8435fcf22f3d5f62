"""Generated benchmark files: a national workbook (every agency, its indicators, every quarter
of the chosen years) and one agency's quarterly file."""

from __future__ import annotations

import io
import random

import xlsxwriter

from indicators.catalogue import NATIONAL, Catalogue

HEADER = ["kode_instansi", "kode_indikator", "tahun", "triwulan", "nilai", "keterangan"]


def plausible(rng: random.Random, lo: float | None, hi: float | None) -> float:
    lo = 0.0 if lo is None else lo
    hi = lo + 100.0 if hi is None else hi
    return round(lo + (hi - lo) * (0.3 + 0.4 * rng.random()), 2)


def national_rows(catalogue: Catalogue, years: list[int], seed: int = 7) -> list[list]:
    rng = random.Random(seed)
    rows = []
    for agency in catalogue.agencies.values():
        if agency.code == NATIONAL:
            continue
        for indicator in catalogue.indicators_for_type(agency.type):
            for year in years:
                for quarter in (1, 2, 3, 4):
                    value = plausible(rng, indicator.min, indicator.max)
                    if not agency.exists_in(year, quarter):
                        continue  # a ministry reports only under its own cabinet
                    rows.append([agency.code, indicator.code, year, quarter, value, "bench"])
    return rows


def xlsx_bytes(rows: list[list], title: str = "BENCHMARK RB MONITOR") -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "in_memory": True})
    sheet = book.add_worksheet("Data")
    sheet.write_row(0, 0, [title])
    sheet.write_row(2, 0, HEADER)
    for r, row in enumerate(rows, start=3):
        sheet.write_row(r, 0, row)
    book.close()
    return buffer.getvalue()


def agency_rows(catalogue: Catalogue, agency: str, year: int, n: int = 60) -> list[list]:
    """About `n` rows of one agency (its indicators over enough quarters and years)."""
    rng = random.Random(1)
    indicators = catalogue.indicators_for_type(catalogue.agencies[agency].type)
    rows = []
    y = year
    while len(rows) < n:
        for indicator in indicators:
            for quarter in (1, 2, 3, 4):
                if len(rows) < n:
                    value = plausible(rng, indicator.min, indicator.max)
                    rows.append([agency, indicator.code, y, quarter, value, "bench"])
        y -= 1
    return rows
