"""Texts of the figures' sources: the national figure (official or computed) and the agency's
own targets, in Bahasa Indonesia and English."""

TEXT: dict[str, tuple[str, str]] = {
    "national_sources": (
        "Angka nasional: sumber dan tingkat keyakinan",
        "National figures: source and confidence",
    ),
    "national_targets_sources": (
        "Baseline dan target nasional road map ini, dengan sumbernya",
        "The road map's national baseline and targets, with their sources",
    ),
    "download_national": ("Unduh seri nasional (XLSX)", "Download the national series (XLSX)"),
    "figure_kind": ("Asal angka", "Figure"),
    "figure_official": ("Angka resmi nasional", "Official national figure"),
    "figure_insufficient": (
        "Tidak ada angka nasional: {n} dari {m} instansi melapor",
        "No national figure: {n} of {m} agencies reported",
    ),
    "confidence_high": ("tinggi", "high"),
    "confidence_medium": ("sedang", "medium"),
    "confidence_low": ("rendah", "low"),
    "confidence_computed": ("dihitung", "computed"),
    "confidence_agency": ("dari instansi", "from the agency"),
    "yes": ("ya", "yes"),
    "table_national": (
        "Seri nasional (resmi dan dihitung)",
        "National series (official and computed)",
    ),
    "own_targets": ("Target instansi ini", "This agency's targets"),
    "own_targets_caption": (
        "Baseline dan target milik instansi ini (RPJMD/Renstra, diunggah atau resmi), dengan "
        "sumbernya. Target nasional hanya pembanding.",
        "This agency's own baselines and targets (RPJMD/Renstra, uploaded or official), with "
        "their sources. National targets are a reference only.",
    ),
    "no_target_yet": ("Belum ada target", "No target yet"),
    "target_kind": ("Jenis", "Kind"),
    # Headers of the tables shown as they come (chart data, reference tables): tables.HEADERS.
    "head_demo": ("Demo", "Demo"),
    "head_low": ("Batas bawah", "Lower bound"),
    "head_high": ("Batas atas", "Upper bound"),
    "head_scale": ("Skala", "Scale"),
    "head_label_id": ("Label (Bahasa Indonesia)", "Label (Bahasa Indonesia)"),
    "head_label_en": ("Label (English)", "Label (English)"),
    "head_closed_side": ("Sisi tertutup", "Closed side"),
    "head_agency_code": ("Kode instansi", "Agency code"),
    "head_timeliness": ("Ketepatan waktu", "Timeliness"),
    "head_budget": ("Anggaran", "Budget"),
    "head_budget_spent": ("Realisasi anggaran", "Budget spent"),
    "head_opened_by": ("Dibuka oleh", "Opened by"),
    "head_opened_at": ("Dibuka pada", "Opened at"),
    "head_open_until": ("Terbuka sampai", "Open until"),
    "head_label": ("Instansi", "Agency"),
    "head_id": ("ID", "ID"),
    "value_history": ("Riwayat nilai", "Value history"),
    "history_recorded": ("Dicatat", "Recorded"),
    "history_by": ("Oleh", "By"),
    "history_file": ("Berkas", "File"),
    "history_cell": ("Sel", "Cell"),
    "history_state": ("Keadaan", "State"),
    "history_in_force": ("berlaku", "in force"),
    "history_pending": ("menunggu tinjauan", "awaiting review"),
    "history_returned": ("dikembalikan", "returned"),
    "history_superseded": ("diganti oleh {file}", "superseded by {file}"),
    "history_none": ("Belum ada nilai untuk indikator ini.", "No values for this indicator yet."),
    "history_original": ("Berkas asli", "Original file"),
    "history_download": (
        "Unduh berkas asli (dicatat di jejak audit)",
        "Download the original file (written to the audit trail)",
    ),
    "preview_as_file": (
        "100 baris pertama, dengan nama kolom seperti di berkas (sama untuk kedua bahasa).",
        "The first 100 rows, under the file's column names (the same in both languages).",
    ),
    "lower": ("bawah", "lower"),
    "upper": ("atas", "upper"),
    "target_file": ("Berkas / asal", "File / origin"),
    "reference_data": ("data referensi (resmi)", "reference data (official)"),
    "national_applies": (
        "target nasional yang berlaku untuk instansi",
        "national target that applies to agencies",
    ),
}

# The catalogue's units (data/reference/rb/indicators.csv has them in Bahasa Indonesia only) in
# each language, keyed by the stored text; a unit not listed is shown as the catalogue has it.
UNITS: dict[str, tuple[str, str]] = {
    "persen": ("persen", "percent"),
    "persen belanja": ("persen belanja", "percent of spending"),
    "persen penduduk": ("persen penduduk", "percent of population"),
    "indeks (0-100)": ("indeks (0–100)", "index (0–100)"),
    "indeks (0-5)": ("indeks (0–5)", "index (0–5)"),
    "indeks (1-5)": ("indeks (1–5)", "index (1–5)"),
    "nilai (0-100)": ("nilai (0–100)", "score (0–100)"),
    "skor (0-100)": ("skor (0–100)", "score (0–100)"),
    "skor (-2.5 s.d. 2.5)": ("skor (−2,5 s.d. 2,5)", "score (−2.5 to 2.5)"),
    "Rp triliun": ("Rp triliun", "IDR trillion"),
}
