"""The problems of a Target / Sasaran sheet (an agency's own baselines and targets,
etl.checks.targets): upload codes like the rest, documented in docs/upload-format.md."""

from __future__ import annotations

from etl.core.message import E, Message, W

# --- Target / Sasaran sheets: an agency's own baselines and targets (etl.checks.targets) -------
TARGETS: dict[str, Message] = {code: Message(*text) for code, text in {
    "target_no_header": (E, "Lembar {sheet}: baris judul tabel target tidak ditemukan dalam 30 baris pertama (perlu kode_indikator dan jenis). Judul yang terlihat: {headers}.",
        "Sheet {sheet}: the targets table's header row is not in the first 30 rows (it needs kode_indikator and jenis). Headers seen: {headers}."),
    "target_missing_column": (E, "Lembar {sheet}: kolom {header} ({field_id}) tidak ada. Tambahkan kolom itu.", "Sheet {sheet}: there is no {header} column ({field_en}). Add that column."),
    "target_kind_unknown": (E, "Jenis '{value}' tidak dikenal. Isi baseline atau target (juga capaian awal, sasaran).", "Unknown kind '{value}'. Write baseline or target (capaian awal and sasaran are accepted too)."),
    "target_value_missing": (E, "Baris {row}: nilai kosong dan tidak ada rentang (batas_bawah, batas_atas). Isi nilainya.", "Row {row}: no value and no band (batas_bawah, batas_atas). Fill in the value."),
    "target_band_incomplete": (E, "Baris {row}: rentang perlu batas_bawah dan batas_atas sekaligus. Isi keduanya atau kosongkan keduanya.", "Row {row}: a band needs both batas_bawah and batas_atas. Fill in both or neither."),
    "target_band_reversed": (E, "Batas bawah {value} lebih besar dari batas atas {high}. Tukar keduanya.", "The lower bound {value} is above the upper bound {high}. Swap them."),
    "target_band_outside": (E, "Nilai {value} di luar rentangnya {low}–{high}. Perbaiki nilai atau rentangnya.", "The value {value} lies outside its band {low}–{high}. Correct the value or the band."),
    "target_roadmap_unknown": (E, "Peta jalan '{value}' tidak dikenal atau tidak ada peta jalan untuk tahun ini. Pilih salah satu: {choices}.",
        "Road map '{value}' is unknown, or no road map covers this year. Choose one of: {choices}."),
    "target_year_outside_roadmap": (E, "Tahun target {value} di luar tahun peta jalan {roadmap} ({start}–{end}). Perbaiki tahun atau peta_jalan.",
        "Target year {value} is outside the years of road map {roadmap} ({start}-{end}). Correct the year or the peta_jalan."),
    "target_baseline_after_start": (E, "Tahun baseline {value} sesudah awal peta jalan {roadmap} ({start}). Baseline adalah capaian sebelum atau pada awal peta jalan.",
        "Baseline year {value} is after the start of road map {roadmap} ({start}). A baseline is the figure before or at the road map's start."),
    "target_source_missing": (E, "Baris {row}: sumber kosong. Tulis dokumennya, mis. RPJMD Provinsi Jawa Barat 2025-2029.", "Row {row}: no source. Name the document, e.g. RPJMD Provinsi Jawa Barat 2025-2029."),
    "target_duplicate_conflict": (E, "{kind} {indicator} {agency} {year} muncul dua kali dengan nilai berbeda ({value} dan {other} di {first}). Hapus salah satu.",
        "{kind} {indicator} {agency} {year} appears twice with different values ({value} and {other} at {first}). Delete one."),
    "target_duplicate_same": (W, "{kind} {indicator} {agency} {year} muncul dua kali dengan nilai sama (juga di {first}); disimpan sekali.", "{kind} {indicator} {agency} {year} appears twice with the same value (also at {first}); stored once."),
    "target_national_not_allowed": (E, "Target nasional (kode instansi ID) hanya dapat diubah oleh admin. Hapus baris ini atau minta admin.", "National targets (agency code ID) are changed only by an administrator. Delete this row or ask an administrator."),
}.items()}  # fmt: skip
