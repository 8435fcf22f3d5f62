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
}
