"""Texts of the dashboard in Bahasa Indonesia (default) and English, and number formatting.

Indonesian readers expect 1.234,5; Babel gives each language its own separators.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from etl.core import settings
from ui import texts_action_plans, texts_admin, texts_regional, texts_sources

LANGS = {"id": "Bahasa Indonesia", "en": "English"}
LOCALES = {"id": "id_ID", "en": "en_GB"}

# key → (Bahasa Indonesia, English). Format fields use str.format.
TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("RB Monitor", "RB Monitor"),
    "language": ("Bahasa / Language", "Bahasa / Language"),
    "overview": ("Ringkasan", "Overview"),
    "indicator": ("Indikator", "Indicator"),
    "agency": ("Instansi", "Agency"),
    "reporting": ("Pelaporan", "Reporting"),
    "export": ("Ekspor", "Export"),
    "method": ("Metodologi", "Method"),
    "action_plans": ("Rencana Aksi", "Action plans"),
    "roadmap": ("Road map", "Road map"),
    "year": ("Tahun", "Year"),
    "quarter": ("Triwulan", "Quarter"),
    "period": ("Periode", "Period"),
    "theme": ("Tema", "Theme"),
    "agency_type": ("Jenis instansi", "Agency type"),
    "province": ("Provinsi", "Province"),
    "all": ("Semua", "All"),
    "value": ("Nilai", "Value"),
    "unit": ("Satuan", "Unit"),
    "status": ("Status", "Status"),
    "achievement": ("Capaian (%)", "Achievement (%)"),
    "trend": ("Tren", "Trend"),
    "trend_points": (
        "{n} nilai terakhir sampai periode ini",
        "The last {n} values up to this period",
    ),
    "target": ("Target", "Target"),
    "target_band": ("Rentang target", "Target band"),
    "baseline": ("Baseline", "Baseline"),
    "expected": ("Nilai yang diharapkan", "Expected value"),
    # The path between targets is what is expected, never a target (issue 12).
    "expected_path": ("Jalur nilai yang diharapkan", "Expected path"),
    "computed_series": ("Dihitung dari instansi", "Computed from agencies"),
    "demo_points": ("Data demo (sintetis, bukan laporan)", "Demo data (synthetic, not reported)"),
    "computed_status": (
        "status dari angka yang dihitung ({n} dari {m} instansi)",
        "status of a computed figure ({n} of {m} agencies)",
    ),
    "target_below_baseline": ("target di bawah baseline", "target below baseline"),
    # A row under a period heading whose value is older than the heading says so (issue 12).
    "quarters_earlier": ("{n} triwulan lalu", "{n} quarters earlier"),
    "quarter_earlier": ("1 triwulan lalu", "1 quarter earlier"),
    "national_reference": ("Target nasional (pembanding)", "National target (reference)"),
    "final_target": ("Target akhir", "Final target"),
    "progress_ratio": ("Rasio kemajuan", "Progress ratio"),
    "national": ("Nasional", "National"),
    "source": ("Sumber", "Source"),
    "confidence": ("Tingkat keyakinan", "Confidence"),
    "direction": ("Arah", "Direction"),
    "definition": ("Definisi", "Definition"),
    "code": ("Kode", "Code"),
    "name": ("Nama", "Name"),
    "rank": ("Peringkat", "Rank"),
    "category": ("Kategori", "Category"),
    "count": ("Jumlah", "Count"),
    "data_table": ("Data grafik (tabel)", "Chart data (table)"),
    "higher_better": ("Makin tinggi makin baik", "Higher is better"),
    "lower_better": ("Makin rendah makin baik", "Lower is better"),
    "target_band_dir": ("Dalam rentang target", "Within a target band"),
    "KL": ("Kementerian/Lembaga", "Ministries and agencies"),
    "PROV": ("Provinsi", "Provinces"),
    "KABKOTA": ("Kabupaten/Kota", "Regencies and cities"),
    "NASIONAL": ("Nasional", "National"),
    "no_data_period": (
        "Belum ada data untuk periode ini.",
        "No data yet for this period.",
    ),
    "upload_hint_cli": (
        "Kirim data melalui administrator, atau jalankan `python -m etl ingest BERKAS`.",
        "Send data through the administrator, or run `python -m etl ingest FILE`.",
    ),
    "upload_link": ("Unggah data", "Upload data"),
    "computed_from": ("Dihitung dari {n} dari {m} instansi", "Computed from {n} of {m} agencies"),
    "changes": ("Perubahan sejak triwulan sebelumnya", "Changes since the previous quarter"),
    "no_changes": ("Tidak ada perubahan status.", "No status changed."),
    "headline_series": ("Indikator utama nasional", "National headline indicators"),
    "theme_cards": ("Status indikator nasional per tema", "National indicator status by theme"),
    "agency_statuses": ("Status indikator instansi", "Agency indicator statuses"),
    "previous": ("Sebelumnya", "Before"),
    "now": ("Sekarang", "Now"),
    "distribution": ("Sebaran antar instansi", "Distribution across agencies"),
    "ranking": ("Peringkat instansi", "Agency ranking"),
    "projection": ("Proyeksi akhir road map", "Projection to the road map's end"),
    "projection_likely": ("Kemungkinan tercapai", "Likely to be met"),
    "projection_unlikely": ("Kemungkinan tidak tercapai", "Unlikely to be met"),
    "projection_not_enough_data": ("Data belum cukup", "Not enough data"),
    "projection_no_target": ("Tanpa target akhir", "No final target"),
    "projected_value": ("Nilai proyeksi {year}: {value}", "Projected value {year}: {value}"),
    "search_agency": ("Cari instansi (kode atau nama)", "Find an agency (code or name)"),
    "parent_agency": ("Induk", "Parent"),
    "own_targets_hint": (
        "Tanpa target: instansi dinilai hanya terhadap targetnya sendiri (RPJMD/Renstra), bukan "
        "target nasional. Isi lembar *Target* pada templat (Unggah data) dengan baseline, target "
        "dan sumbernya, lalu unggah; setelah disetujui, statusnya dihitung.",
        "No target: an agency is measured only against its own targets (RPJMD/Renstra), not the "
        "national ones. Fill in the *Target* sheet of the template (Upload) with the baselines, "
        "targets and their source, and upload it; once approved, its statuses are computed.",
    ),
    "demo_notice": (
        "DATA DEMO: sebagian angka di sini sintetis (berkas DEMO_…), bukan laporan instansi.",
        "DEMO DATA: some figures here are synthetic (DEMO_… files), not agencies' reports.",
    ),
    "predecessor": ("Pendahulu", "Predecessor"),
    "successor": ("Pengganti", "Successor"),
    "still_in_force": ("sekarang", "now"),
    "valid_between": ("Berlaku {since} s.d. {until}.", "In existence from {since} to {until}."),
    "not_in_this_period": (
        "Instansi ini tidak ada pada periode yang dipilih; riwayatnya tetap ditampilkan.",
        "This body did not exist in the chosen period; its history is still shown.",
    ),
    "children": ("Kabupaten/kota di provinsi ini", "Regencies and cities in this province"),
    "scorecard": ("Kartu skor", "Scorecard"),
    "history": ("Riwayat", "History"),
    "submissions": ("Pengiriman data", "Submissions"),
    "peers": ("Perbandingan dengan instansi sejenis", "Comparison with peers"),
    "peers_type": ("Median jenis yang sama", "Median of the same type"),
    "peers_province": ("Median provinsi yang sama", "Median of the same province"),
    "completeness": ("Kelengkapan dan ketepatan waktu", "Completeness and timeliness"),
    "completeness_share": ("Kelengkapan", "Completeness"),
    "completeness_share_help": (
        "Instansi yang mengirim data triwulan ini, tepat waktu atau terlambat.",
        "Agencies that sent this quarter's data, on time or late.",
    ),
    "timeliness_share": ("Ketepatan waktu", "Timeliness"),
    "timeliness_share_help": (
        "Instansi yang mengirim sebelum batas waktu.",
        "Agencies that sent by the deadline.",
    ),
    "of_expected": ("{n} dari {m} instansi", "{n} of {m} agencies"),
    "heatmap_page": ("Halaman instansi", "Page of agencies"),
    "page_of": ("{p} dari {n} ({first} … {last})", "{p} of {n} ({first} … {last})"),
    "page_n": ("halaman {p} dari {n}", "page {p} of {n}"),
    "on_time": ("Tepat waktu", "On time"),
    "late": ("Terlambat", "Late"),
    "missing": ("Belum mengirim", "Missing"),
    "not_submitted": (
        "Instansi yang belum mengirim triwulan ini",
        "Agencies not submitted this quarter",
    ),
    "submitted_at": ("Dikirim", "Submitted"),
    "deadline": ("Batas waktu", "Deadline"),
    "table": ("Tabel", "Table"),
    "db_unreachable": (
        "Basis data tidak dapat dihubungi saat ini. Tidak ada data yang berubah. Coba lagi "
        "sebentar lagi; bila berlanjut, hubungi admin.",
        "The database cannot be reached right now. No data was changed. Try again in a "
        "moment; if it persists, contact the administrator.",
    ),
    "retry": ("Coba lagi", "Try again"),
    "action_context": (
        "Rencana aksi tanpa keterangan instansi, tahun atau tema (berkas RAD RB Tematik)",
        "Action plans without agency, year or theme (RAD RB Tematik files)",
    ),
    "from_file": ("dari berkas", "from the file"),
    "table_observations": ("Observasi dengan status", "Observations with status"),
    "table_scorecard": ("Kartu skor instansi × indikator", "Scorecard agencies × indicators"),
    "table_themes": ("Status per tema dan jenis instansi", "Statuses by theme and agency type"),
    "table_submissions": (
        "Pengiriman per instansi dan triwulan",
        "Submissions per agency and quarter",
    ),
    "table_actions": (
        "Rencana aksi RB Tematik per aksi dan tahun",
        "RB Tematik actions per action and year",
    ),
    "download_csv": ("Unduh CSV", "Download CSV"),
    "csv_separator": ("Pemisah kolom CSV", "CSV column separator"),
    "sep_semicolon": (
        "; (Excel berbahasa Indonesia: koma desimal, kode tetap teks)",
        "; (Excel in Indonesian: decimal comma, codes kept as text)",
    ),
    "sep_comma": (", (internasional)", ", (international)"),
    "download_xlsx": ("Unduh XLSX", "Download XLSX"),
    "rows": ("{n} baris", "{n} rows"),
    "preview": ("Pratinjau (100 baris pertama)", "Preview (first 100 rows)"),
    "cli_same": (
        "Berkas sama dengan `python -m etl export` dengan filter yang sama.",
        "The file is the same as `python -m etl export` with the same filters.",
    ),
    "components": ("Komponen status", "Status components"),
    "agencies_n": ("{n} instansi", "{n} agencies"),
    "sources_title": (
        "Sumber dan tingkat keyakinan angka referensi",
        "Sources and confidence of reference figures",
    ),
    "roadmaps_title": ("Road map", "Road maps"),
    "statuses_title": ("Arti status", "What the statuses mean"),
    "scales_title": ("Skala kategori", "Category scales"),
    "demo_note": (
        "Data instansi dalam basis data demo adalah sintetis.",
        "Agency data in the demo database is synthetic.",
    ),
}

TEXT.update(texts_admin.TEXT)
TEXT.update(texts_action_plans.TEXT)
TEXT.update(texts_regional.TEXT)
TEXT.update(texts_sources.TEXT)


def lang() -> str:
    return st.session_state.get("lang", "id")


def t(key: str, **fields) -> str:
    pair = TEXT.get(key)
    if pair is None:
        return key
    text = pair[0] if lang() == "id" else pair[1]
    return text.format(**fields) if fields else text


def confidence(code) -> str:
    """A reference confidence code (high, medium, low) in the reader's words."""
    if not isinstance(code, str) or not code:
        return "–"
    key = f"confidence_{code}"
    return t(key) if key in TEXT else code


def code_text(code) -> str:
    """A code the catalogue stores (baseline, target, lower, upper) in the reader's words,
    where the texts have it; any other value as it is."""
    return t(code) if isinstance(code, str) and code in TEXT else code


def unit_text(unit) -> str:
    """A catalogue unit in the reader's language (texts_sources.UNITS); "–" when there is none."""
    if not isinstance(unit, str) or not unit:
        return "–"
    pair = texts_sources.UNITS.get(unit)
    return unit if pair is None else pair[0 if lang() == "id" else 1]


def pick(id_text: str, en_text: str) -> str:
    """For names held in the catalogue (name_id / name_en)."""
    return id_text if lang() == "id" else (en_text or id_text)


def number(value, decimals: int = 2) -> str:
    """A value with the reader's separators; an empty cell for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=LOCALES[lang()])


def plotly_separators() -> str:
    """The reader's decimal and group separators as plotly's layout wants them: ",." in
    Bahasa Indonesia (1.234,5 on axes and in hover labels), ".," in English."""
    locale = LOCALES[lang()]
    return get_decimal_symbol(locale) + get_group_symbol(locale)


def date_label(day, *, short: bool = False) -> str:
    """A day as the reader writes it: 15 November 2026 (Indonesian and English month names);
    `short` for table cells: 15 Nov 2026 ("15 Okt 2025" in Bahasa)."""
    if day is None or (isinstance(day, float) and math.isnan(day)):
        return "–"
    return format_date(day, format="d MMM y" if short else "d MMMM y", locale=LOCALES[lang()])


def datetime_label(value) -> str:
    """A moment in the app's time zone (RB_TIMEZONE), as the reader writes it, with the zone's
    Indonesian name: "3 Des 2026 14.05 WIB" / "3 Dec 2026 14:05 WIB". Stored times are UTC; a
    naive one is taken as UTC. "–" for none."""
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return "–"
    moment = pd.Timestamp(value)
    if moment.tzinfo is None:
        moment = moment.tz_localize("UTC")
    zone = settings.get("RB_TIMEZONE")
    pattern = "d MMM y HH.mm" if lang() == "id" else "d MMM y HH:mm"
    shown = format_datetime(moment.to_pydatetime(), pattern, tzinfo=zone, locale=LOCALES[lang()])
    # The zone as Indonesia names it (WIB, WITA, WIT) in either language.
    return f"{shown} {format_datetime(moment.to_pydatetime(), 'z', tzinfo=zone, locale='id_ID')}"


def period_label(year: int, quarter: int) -> str:
    return f"TW{quarter} {year}" if lang() == "id" else f"Q{quarter} {year}"


def as_of_label(year, quarter, lag=None) -> str:
    """The period a value comes from, marked when it lies before the heading's period:
    "TW4 2025 (2 triwulan lalu)". Empty for a row without a value."""
    if year is None or year != year:
        return ""
    text = period_label(int(year), int(quarter))
    if lag is None or lag != lag or int(lag) <= 0:
        return text
    lag = int(lag)
    return f"{text} ({t('quarter_earlier') if lag == 1 else t('quarters_earlier', n=lag)})"
