"""Texts of the maps and the province page, in Bahasa Indonesia and English (merged into
ui.i18n.TEXT)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "province_page": ("Provinsi", "Province"),
    "map": ("Peta provinsi", "Map of the provinces"),
    "map_colour": ("Warna peta", "Map colouring"),
    "by_status": ("Menurut status", "By status"),
    "by_value": ("Menurut nilai", "By value"),
    "darker_higher": ("makin gelap makin tinggi (baik)", "darker is higher (better)"),
    "darker_lower": ("makin gelap makin rendah (baik)", "darker is lower (better)"),
    "open_province": ("Buka halaman provinsi", "Open a province's page"),
    "map_click_hint": (
        "Klik provinsi pada peta, atau pilih di kotak di sampingnya, untuk membuka halamannya.",
        "Click a province on the map, or choose it in the box beside it, to open its page.",
    ),
    "map_table": ("Data peta (tabel)", "Map data (table)"),
    "province_scorecard": ("Kartu skor provinsi", "The province's scorecard"),
    "regencies_side_by_side": (
        "Kabupaten/kota berdampingan · {indicator}",
        "Regencies and cities side by side · {indicator}",
    ),
    "regency_status_counts": (
        "Jumlah status per kabupaten/kota",
        "Statuses per regency and city",
    ),
    "regency_reporting": (
        "Pelaporan triwulan ini · {sent} dari {n} sudah mengirim",
        "Reporting this quarter · {sent} of {n} have sent",
    ),
    "regency_export": (
        "Unduh tabel kabupaten/kota (semua indikator)",
        "Download the regencies' table (every indicator)",
    ),
    "no_regencies": (
        "Provinsi ini tidak memiliki kabupaten/kota yang dapat Anda lihat.",
        "This province has no regencies or cities you may see.",
    ),
    "categories": ("Kategori RB", "RB categories"),
    "category_distribution": ("Sebaran kategori", "Spread over the categories"),
    "category_year_note": (
        "Nilai yang diamati pada tahun {year} (dan {before}, untuk pembanding); nilai dari tahun "
        "sebelumnya tidak dihitung ulang sebagai nilai tahun ini.",
        "Values observed in {year} (and {before}, to compare); a value of an earlier year is "
        "not counted again as this year's.",
    ),
    "change": ("Perubahan", "Change"),
    "league_table": ("Klasemen", "League table"),
    "category_before": ("Kategori tahun sebelumnya", "Category the year before"),
    "move": ("Perpindahan", "Move"),
    "move_up": ("Naik kategori", "Moved up"),
    "move_same": ("Kategori tetap", "Same category"),
    "move_down": ("Turun kategori", "Moved down"),
    "move_new": ("Tanpa kategori {before}", "No category in {before}"),
    "comparison": ("Perbandingan", "Comparison"),
    "compare_agencies": ("Instansi yang dibandingkan (2–5)", "Agencies to compare (2–5)"),
    "compare_pick": ("Pilih dua sampai lima instansi.", "Choose two to five agencies."),
    "compare_note": (
        "Garis putus-putus hitam: angka nasional; belah ketupat abu-abu: target nasional, "
        "sebagai pembanding saja (tidak menentukan status instansi).",
        "Black dashed line: the national figure; grey diamonds: the national targets, for "
        "reference only (they do not decide an agency's status).",
    ),
}
