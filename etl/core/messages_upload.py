"""The problems an upload's report can carry: code → severity and both languages' text.

Templates name the fix. Placeholders: {value} {sheet} {cell} {column} and the extra
parameters each caller passes (listed beside the template). The agencies' guide
(docs/upload-format.md) has a row for each code.
"""

from __future__ import annotations

from etl.core.message import E, Message, W

UPLOAD: dict[str, Message] = {
    # --- the report itself: a file reports at most MAX_ISSUES issues, then this one -----------
    "more_issues": Message(
        E,  # a warning when every issue left out is a warning (etl.core.issues.IssueList)
        "… dan {count} masalah lain ({errors} di antaranya kesalahan) tidak ditampilkan. "
        "Perbaiki masalah di atas (biasanya satu kolom atau satu pola yang sama), lalu periksa "
        "berkas lagi.",
        "… and {count} more issues ({errors} of them errors) not shown. Fix the ones above "
        "(usually one column or one repeated pattern), then check the file again.",
    ),
    "missing_field": Message(
        E,
        "{field_id} tidak ditemukan: tambahkan kolom {field_header} atau isi '{label_id}' pada "
        "blok keterangan di atas tabel.",
        "{field_en} is missing: add a {field_header} column or fill '{label_en}' in the metadata "
        "block above the table.",
    ),
    # --- a cell ------------------------------------------------------------------------------
    "formula_without_value": Message(
        E,
        "Sel {cell} berisi rumus tanpa hasil tersimpan. Buka dan simpan berkas di Excel terlebih "
        "dahulu, lalu unggah kembali.",
        "Cell {cell} holds a formula without a saved result. Open and save the file in Excel "
        "first, then upload it again.",
    ),
    "cell_error": Message(
        E,
        "Sel {cell} ({column}) berisi galat Excel (misalnya #DIV/0! atau #N/A). Perbaiki rumusnya "
        "atau isi angkanya; tulis '-' bila memang tidak dilaporkan.",
        "Cell {cell} ({column}) holds an Excel error (such as #DIV/0! or #N/A). Fix the formula or "
        "type the number; write '-' when it is really not reported.",
    ),
    "date_not_allowed": Message(
        E,
        "Sel {cell} ({column}) berisi tanggal '{value}'. Isi dengan angka, bukan tanggal "
        "(format sel: Number).",
        "Cell {cell} ({column}) holds a date '{value}'. Enter a number, not a date (cell format: "
        "Number).",
    ),
    "value_not_number": Message(
        E,
        "Sel {cell} ({column}): '{value}' bukan angka. Isi angka, misalnya 2,75 atau 85.",
        "Cell {cell} ({column}): '{value}' is not a number. Enter a number such as 2.75 or 85.",
    ),
    "value_ambiguous": Message(
        E,
        "Sel {cell} ({column}): '{value}' bisa berarti {as_thousands} atau {as_decimal}. Ketik "
        "sebagai sel angka (bukan teks), tanpa pemisah ribuan.",
        "Cell {cell} ({column}): '{value}' could mean {as_thousands} or {as_decimal}. Enter it as "
        "a numeric cell (not text), without a thousands separator.",
    ),
    "value_out_of_range": Message(
        E,
        "Sel {cell}: nilai {value} di luar rentang sah indikator {indicator} ({low} s.d. {high}). "
        "Periksa satuan dan angka.",
        "Cell {cell}: value {value} is outside the valid range of indicator {indicator} ({low} to "
        "{high}). Check the unit and the number.",
    ),
    "year_invalid": Message(
        E,
        "Sel {cell}: tahun '{value}' tidak sah. Isi tahun empat angka, misalnya 2024.",
        "Cell {cell}: year '{value}' is not valid. Enter a four-digit year such as 2024.",
    ),
    "year_too_early": Message(
        E,
        "Sel {cell}: tahun {value} lebih awal dari {earliest}. Data sebelum {earliest} tidak "
        "diterima.",
        "Cell {cell}: year {value} is before {earliest}. Data before {earliest} is not accepted.",
    ),
    "quarter_invalid": Message(
        E,
        "Sel {cell}: triwulan '{value}' tidak sah. Isi 1-4, I-IV, TW1 atau Q1.",
        "Cell {cell}: quarter '{value}' is not valid. Enter 1-4, I-IV, TW1 or Q1.",
    ),
    "quarter_not_started": Message(
        E,
        "Sel {cell}: triwulan {quarter} tahun {year} belum dimulai. Periksa tahun dan triwulan.",
        "Cell {cell}: quarter {quarter} of {year} has not started yet. Check the year and quarter.",
    ),
    "unknown_agency": Message(
        E,
        "Sel {cell}: kode instansi '{value}' tidak terdaftar. Gunakan kode resmi (misalnya 31.71 "
        "atau KL.KEMENPANRB) dari lembar Referensi.",
        "Cell {cell}: agency code '{value}' is not registered. Use the official code (such as "
        "31.71 or KL.KEMENPANRB) from the reference list.",
    ),
    "unknown_indicator": Message(
        E,
        "Sel {cell}: kode indikator '{value}' tidak ada dalam katalog. Gunakan kode dari "
        "katalog indikator (misalnya SPBE, IRB).",
        "Cell {cell}: indicator code '{value}' is not in the catalogue. Use a catalogue code "
        "(such as SPBE, IRB).",
    ),
    "indicator_not_for_agency": Message(
        E,
        "Sel {cell}: indikator {value} tidak dilaporkan oleh instansi jenis {agency_type} "
        "({agency}). Hapus baris ini.",
        "Cell {cell}: indicator {value} is not reported by agencies of type {agency_type} "
        "({agency}). Delete this row.",
    ),
    "duplicate_conflict": Message(
        E,
        "Sel {cell}: {agency}/{indicator}/{year} TW{quarter} sudah diisi {other} di sel {first}. "
        "Sisakan satu nilai.",
        "Cell {cell}: {agency}/{indicator}/{year} Q{quarter} is already {other} in cell {first}. "
        "Keep one value.",
    ),
    "metadata_conflict": Message(
        E,
        "Sel {cell} ({column}): '{value}' bertentangan dengan blok keterangan ({expected}). "
        "Samakan isinya atau kosongkan sel.",
        "Cell {cell} ({column}): '{value}' contradicts the metadata block ({expected}). Make them "
        "agree or leave the cell empty.",
    ),
    "unit_mismatch": Message(
        E,
        "Sel {cell}: satuan '{value}' berbeda dengan satuan katalog '{expected}'. Isi nilai "
        "dalam {expected}.",
        "Cell {cell}: unit '{value}' differs from the catalogue unit '{expected}'. Enter the "
        "value in {expected}.",
    ),
    "invalid_url": Message(
        E,
        "Sel {cell}: tautan bukti '{value}' harus diawali http:// atau https://.",
        "Cell {cell}: evidence link '{value}' must start with http:// or https://.",
    ),
    "period_locked": Message(
        E,
        "Periode {value} untuk instansi {agency} sudah dikunci (melewati batas pelaporan): "
        "semua nilainya dalam berkas ini ditolak, mulai sel {cell}. Minta admin membuka kembali "
        "periode ini dengan alasan.",
        "Period {value} is locked for agency {agency} (past the reporting deadline): all its "
        "values in this file are refused, from cell {cell} on. Ask an administrator to reopen "
        "it, with a reason.",
    ),
    "agency_not_in_period": Message(
        E,
        "Instansi {agency} tidak ada pada periode {value} (berlaku {since} s.d. {until}). "
        "Laporkan atas nama penggantinya: {successors}.",
        "Agency {agency} did not exist in period {value} (valid {since} to {until}). Report "
        "under its successor: {successors}.",
    ),
    "agency_not_in_period_alone": Message(
        E,
        "Instansi {agency} tidak ada pada periode {value} (berlaku {since} s.d. {until}). "
        "Periksa tahun dan triwulan.",
        "Agency {agency} did not exist in period {value} (valid {since} to {until}). Check the "
        "year and quarter.",
    ),
    "agency_not_allowed": Message(
        E,
        "Sel {cell}: akun Anda tidak berhak mengirim data instansi {value}. Kirim hanya data "
        "instansi Anda.",
        "Cell {cell}: your account may not send data for agency {value}. Send only your own "
        "agency's data.",
    ),
    # --- warnings ----------------------------------------------------------------------------
    "agency_name_differs": Message(
        W,
        "Sel {cell}: nama instansi '{value}' berbeda dengan registri ('{expected}'). Kode "
        "instansi yang dipakai.",
        "Cell {cell}: agency name '{value}' differs from the registry ('{expected}'). The agency "
        "code is what counts.",
    ),
    "value_outlier": Message(
        W,
        "Sel {cell}: nilai {value} jauh dari riwayat instansi ini (menurut trennya sekitar "
        "{expected}). Periksa kembali angkanya.",
        "Cell {cell}: value {value} is far from this agency's history (its trend suggests about "
        "{expected}). Check the number.",
    ),
    "unknown_columns": Message(
        W,
        "Kolom tidak dikenal diabaikan: {value}.",
        "Unknown columns ignored: {value}.",
    ),
    "duplicate_same": Message(
        W,
        "Sel {cell}: {agency}/{indicator}/{year} TW{quarter} sama dengan sel {first}; disimpan "
        "sekali.",
        "Cell {cell}: {agency}/{indicator}/{year} Q{quarter} repeats cell {first}; stored once.",
    ),
    # --- action plans (Rencana Aksi sheet) ----------------------------------------------------
    "action_no_header": Message(
        E,
        "Lembar {sheet} tidak memuat judul kolom rencana aksi dalam 30 baris pertama. Judul yang "
        "ditemukan: {headers}. Gunakan templat (kolom tema, rencana_aksi, indikator_output, "
        "target_tw1 … realisasi_tw4, anggaran) atau format RAD RB Tematik.",
        "Sheet {sheet} has no action-plan header within its first 30 rows. Headers seen: "
        "{headers}. Use the template (columns tema, rencana_aksi, indikator_output, target_tw1 … "
        "realisasi_tw4, anggaran) or the RAD RB Tematik layout.",
    ),
    "action_missing_context": Message(
        E,
        "Lembar {sheet}: {field_id} rencana aksi tidak diketahui. Isi '{label_id}' pada blok "
        "keterangan di atas tabel, tulis di nama berkas, atau isi pada formulir unggah "
        "({option}).",
        "Sheet {sheet}: the action plan's {field_en} is unknown. Fill '{label_en}' in the "
        "metadata block above the table, put it in the file name, or give it in the upload form "
        "({option}).",
    ),
    "action_context_conflict": Message(
        E,
        "Sel {cell}: {field_id} '{value}' dalam berkas berbeda dengan formulir unggah "
        "('{expected}'). Samakan keduanya.",
        "Cell {cell}: {field_en} '{value}' in the file differs from the upload form "
        "('{expected}'). Make them agree.",
    ),
    "action_missing": Message(
        E,
        "Sel {cell}: baris ini berisi data tetapi kolom rencana aksi kosong. Isi nama rencana "
        "aksi atau hapus baris ini.",
        "Cell {cell}: this row holds data but its action column is empty. Fill in the action or "
        "delete the row.",
    ),
    "action_theme_unknown": Message(
        E,
        "Sel {cell}: tema baris ini tidak dapat ditentukan ('{value}'). Isi kolom tema dengan "
        "kode atau nama dari themes.csv ({choices}), pilih tema pada formulir unggah (--theme), "
        "atau isi INDIKATOR dengan nama atau kode indikator katalog.",
        "Cell {cell}: the theme of this row cannot be told ('{value}'). Fill the theme column "
        "with a code or name from themes.csv ({choices}), choose the theme in the upload form "
        "(--theme), or name a catalogue indicator (name or code) in INDIKATOR.",
    ),
    "action_theme_not_tematik": Message(
        E,
        "Sel {cell}: tema {value} bukan tema RB Tematik. Rencana aksi hanya untuk tema RB "
        "Tematik: {choices}.",
        "Cell {cell}: theme {value} is not an RB Tematik theme. Action plans are for RB Tematik "
        "themes only: {choices}.",
    ),
    "action_quarter_not_ended": Message(
        E,
        "Sel {cell} ({column}): realisasi TW{quarter} {year} diisi '{value}', padahal triwulan "
        "itu belum berakhir ({end}). Kosongkan sel sampai triwulan berakhir.",
        "Cell {cell} ({column}): a realisation '{value}' for Q{quarter} {year}, a quarter that "
        "has not ended yet ({end}). Leave the cell empty until the quarter ends.",
    ),
    "action_negative": Message(
        E,
        "Sel {cell} ({column}): '{value}' negatif. Isi angka nol atau lebih.",
        "Cell {cell} ({column}): '{value}' is negative. Enter zero or more.",
    ),
    "action_focus_invalid": Message(
        E,
        "Sel {cell}: fokus intervensi '{value}' tidak dikenal. Pilih salah satu: {choices}.",
        "Cell {cell}: intervention focus '{value}' is not known. Choose one of: {choices}.",
    ),
    "action_duplicate": Message(
        E,
        "Sel {cell}: rencana aksi {action_code} sudah ada di baris {first}. Gabungkan kedua "
        "baris atau beri kode_aksi yang berbeda.",
        "Cell {cell}: action {action_code} already appears on row {first}. Merge the two rows or "
        "give them different kode_aksi.",
    ),
    "action_unit_differs": Message(
        W,
        "Sel {cell} ({column}): satuan '{value}' berbeda dengan satuan output '{expected}'. "
        "Angkanya tetap dibaca; periksa satuannya.",
        "Cell {cell} ({column}): unit '{value}' differs from the output unit '{expected}'. The "
        "number is read; check the unit.",
    ),
    "action_overspent": Message(
        W,
        "Sel {cell}: realisasi anggaran {value} melebihi anggaran {budget}. Periksa angkanya.",
        "Cell {cell}: budget spent {value} is above the budget {budget}. Check the amounts.",
    ),
    "action_target_kind_unclear": Message(
        W,
        "Baris {row}: target triwulan ({targets}) tidak berjumlah target tahun ({year_target}) "
        "dan target terakhir tidak sama dengannya; dianggap tambahan per triwulan.",
        "Row {row}: the quarterly targets ({targets}) neither add up to the year's target "
        "({year_target}) nor end at it; read as increments per quarter.",
    ),
    # --- storing: after the checks, at commit (etl.ingest.commit) ---------------------------
    "commit_conflict": Message(
        E,
        "Berkas {value} tidak tersimpan: data periode yang sama sedang disimpan oleh unggahan "
        "lain dan percobaan ulang habis. Tidak ada yang diubah; unggah berkas ini lagi.",
        "File {value} was not stored: another upload was storing the same period and the "
        "retries ran out. Nothing was changed; upload this file again.",
    ),
}
