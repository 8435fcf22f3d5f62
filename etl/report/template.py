"""The agency's quarterly template: an XLSX that, filled in and sent back, ingests without edits.

Sheets: `Petunjuk` (instructions in both languages), `Data` (the metadata block and one row per
indicator the agency reports, with code, name, unit and the period's reference target filled;
only the input cells are unlocked, and values are validated against the indicator's range) and
`Rencana Aksi` (the agency's actions of the year, for RB Tematik action plans) and `Target`
(the agency's own current baselines and targets, RPJMD or Renstra: corrected or added rows are
sent back with the quarter's values; an empty table when it has none yet).
"""

from __future__ import annotations

import io

import xlsxwriter
from sqlalchemy import Engine

from etl.store.action_plans import action_plan_template_rows
from etl.store.catalogue import load_catalogue
from indicators.catalogue import Catalogue, Indicator
from indicators.progress import period_target

HEADER = (
    "kode_indikator", "nama_indikator", "satuan", "target_acuan", "nilai", "target",
    "keterangan", "tautan_bukti",
)  # fmt: skip
INPUT_COLUMNS = ("nilai", "target", "keterangan", "tautan_bukti")
HEADER_ROW = 6  # 0-based: title, four metadata rows, a blank row, then the header
INSTRUCTIONS = (
    ("PETUNJUK PENGISIAN", "INSTRUCTIONS"),
    (
        "Isi kolom 'nilai' untuk setiap indikator triwulan ini. Angka saja, tanpa satuan; desimal "
        "dengan koma atau titik (2,75 atau 2.75).",
        "Fill in the 'nilai' (value) column for each indicator of this quarter. Numbers only, "
        "without the unit; decimals with a comma or a point (2,75 or 2.75).",
    ),
    (
        "Biarkan kosong atau tulis '-' bila tidak dilaporkan; jangan menulis 0 untuk data yang "
        "tidak ada.",
        "Leave it empty or write '-' when not reported; never write 0 for missing data.",
    ),
    (
        "'target_acuan' adalah target periode ini menurut road map (hanya informasi). Isi kolom "
        "'target' hanya bila instansi Anda punya target sendiri untuk periode ini.",
        "'target_acuan' is this period's road-map target (for information). Fill the 'target' "
        "column only when your agency has its own target for the period.",
    ),
    (
        "'tautan_bukti' diawali http:// atau https://. Jangan mengubah kode, tahun, triwulan "
        "atau judul kolom: sel-sel itu dikunci.",
        "'tautan_bukti' (evidence link) starts with http:// or https://. Do not change the "
        "codes, year, quarter or column headers: those cells are locked.",
    ),
    (
        "Lembar 'Rencana Aksi' memuat rencana aksi RB Tematik tahun ini; perbarui realisasi per "
        "triwulan tanpa mengubah 'kode_aksi'.",
        "The 'Rencana Aksi' sheet holds this year's RB Tematik action plan; update the quarterly "
        "realisation without changing 'kode_aksi'.",
    ),
    (
        "Lembar 'Target' memuat baseline dan target instansi Anda sendiri (RPJMD/Renstra) yang "
        "berlaku; perbaiki atau tambahkan baris, dengan 'sumber' dokumennya.",
        "The 'Target' sheet holds your agency's own current baselines and targets "
        "(RPJMD/Renstra); correct or add rows, with the document in 'sumber' (source).",
    ),
    (
        "Simpan sebagai .xlsx lalu unggah di halaman Unggah. Panduan lengkap: docs/upload-format.md",
        "Save as .xlsx and upload it on the Upload page. Full guide: docs/upload-format.md",
    ),
)


def template_file_name(agency: str, year: int, quarter: int) -> str:
    return f"templat_{agency.replace('.', '_')}_{year}_TW{quarter}.xlsx"


def template_workbook(engine: Engine, agency: str, year: int, quarter: int) -> bytes:
    catalogue = load_catalogue(engine)
    code = agency.upper()
    body = catalogue.agencies[code]
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    styles = _styles(book)
    _instructions(book, styles)
    sheet = book.add_worksheet("Data")
    sheet.protect("", {"autofilter": True, "format_columns": True})
    title = "TEMPLAT LAPORAN TRIWULAN REFORMASI BIROKRASI / QUARTERLY RB REPORT"
    sheet.write_string(0, 0, title, styles["title"])
    for r, (label, value) in enumerate(
        (
            ("Kode Instansi", code),
            ("Nama Instansi", body.name),
            ("Tahun", year),
            ("Triwulan", quarter),
        ),
        start=1,
    ):
        sheet.write_string(r, 0, label, styles["label"])
        sheet.write(r, 1, value, styles["locked"])
    for c, name in enumerate(HEADER):
        sheet.write_string(HEADER_ROW, c, name, styles["header"])
    indicators = catalogue.indicators_for_type(body.type)
    for offset, indicator in enumerate(indicators, start=1):
        _indicator_row(
            sheet, styles, catalogue, code, indicator, HEADER_ROW + offset, year, quarter
        )
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 1, 60)
    sheet.set_column(2, 3, 18)
    sheet.set_column(4, 5, 12, styles["input"])
    sheet.set_column(6, 7, 30, styles["input"])
    sheet.freeze_panes(HEADER_ROW + 1, 2)
    _action_sheet(book, engine, code, year)
    _target_sheet(book, styles, catalogue, code)
    book.close()
    return buffer.getvalue()


def _styles(book) -> dict:
    return {
        "title": book.add_format({"bold": True, "font_size": 13}),
        "label": book.add_format({"bold": True}),
        "locked": book.add_format({"bg_color": "#EEEEEE"}),
        "header": book.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1}),
        "input": book.add_format({"locked": False, "bg_color": "#FFF8DC", "border": 1}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }


def _instructions(book, styles) -> None:
    sheet = book.add_worksheet("Petunjuk")
    sheet.set_column(0, 1, 70, styles["wrap"])
    for r, (text_id, text_en) in enumerate(INSTRUCTIONS):
        style = styles["title"] if r == 0 else styles["wrap"]
        sheet.write_string(r, 0, text_id, style)
        sheet.write_string(r, 1, text_en, style)


def _indicator_row(
    sheet, styles, catalogue: Catalogue, agency: str, ind: Indicator, r, year, quarter
):
    sheet.write_string(r, 0, ind.code, styles["locked"])
    sheet.write_string(r, 1, ind.name_id, styles["locked"])
    sheet.write_string(r, 2, ind.unit, styles["locked"])
    roadmap = catalogue.roadmap_for(year)
    target = (
        period_target(
            ind, roadmap, catalogue.targets_for(roadmap.code, ind.code, agency), year, quarter
        )
        if roadmap
        else None
    )
    if target is None:
        sheet.write_string(r, 3, "-", styles["locked"])  # no target known: the app says so
    else:
        sheet.write_number(r, 3, round(target, 4), styles["locked"])
    for c in range(4, 8):
        sheet.write_blank(r, c, None, styles["input"])
    _validation(sheet, r, ind)


def _validation(sheet, r: int, ind: Indicator) -> None:
    """The value must lie in the indicator's valid range (text such as '-' stays allowed:
    Excel only checks what it can, the upload checks the rest)."""
    low = ind.min if ind.min is not None else -1e15
    high = ind.max if ind.max is not None else 1e15
    message = (
        f"{ind.unit}: {low:g} – {high:g}"
        if ind.min is not None and ind.max is not None
        else ind.unit
    )
    for c in (4, 5):
        sheet.data_validation(
            r, c, r, c,
            {
                "validate": "decimal", "criteria": "between", "minimum": low, "maximum": high,
                "ignore_blank": True, "input_title": "Nilai / Value", "input_message": message[:250],
                "error_title": "Di luar rentang / Out of range",
                "error_message": f"Nilai harus {message} / The value must be {message}"[:250],
            },
        )  # fmt: skip


def _action_sheet(book, engine: Engine, agency: str, year: int) -> None:
    sheet = book.add_worksheet("Rencana Aksi")
    sheet.write_string(0, 0, "Kode Instansi")
    sheet.write_string(0, 1, agency)
    sheet.write_string(1, 0, "Tahun")
    sheet.write_number(1, 1, year)
    for r, row in enumerate(action_plan_template_rows(engine, agency, year), start=3):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)


TARGET_HEADER = (
    "kode_indikator", "nama_indikator", "tahun", "jenis", "nilai", "batas_bawah", "batas_atas",
    "sumber", "peta_jalan",
)  # fmt: skip
TARGET_HEADER_ROW = 3  # 0-based: title, the agency, a blank row, then the header


def _target_sheet(book, styles, catalogue: Catalogue, agency: str) -> None:
    """The agency's own current targets (never the national ones it is drawn beside), in the
    layout etl.checks.targets reads, so that the sheet ingests back as it is."""
    sheet = book.add_worksheet("Target")
    sheet.write_string(0, 0, "TARGET INSTANSI (RPJMD / RENSTRA) / AGENCY TARGETS", styles["title"])
    sheet.write_string(1, 0, "Kode Instansi", styles["label"])
    sheet.write_string(1, 1, agency, styles["locked"])
    for c, name in enumerate(TARGET_HEADER):
        sheet.write_string(TARGET_HEADER_ROW, c, name, styles["header"])
    own = sorted(
        (t for t in catalogue.targets if t.agency == agency),
        key=lambda t: (t.roadmap, t.indicator, t.year, t.kind),
    )
    for r, t in enumerate(own, start=TARGET_HEADER_ROW + 1):
        name = (
            catalogue.indicators[t.indicator].name_id if t.indicator in catalogue.indicators else ""
        )
        cells = (t.indicator, name, t.year, t.kind, t.value, t.low, t.high, t.source, t.roadmap)
        for c, value in enumerate(cells):
            if value is not None:
                sheet.write(r, c, value)
    sheet.set_column(0, 0, 20)
    sheet.set_column(1, 1, 50)
    sheet.set_column(2, 6, 12)
    sheet.set_column(7, 7, 45)
    sheet.set_column(8, 8, 16)
