"""Every user-facing problem of an upload: stable code → severity and both languages' text.

Templates name the fix. Placeholders: {value} {sheet} {cell} {column} and the extra
parameters each caller passes (listed beside the template).
"""

from __future__ import annotations

from typing import NamedTuple


class Message(NamedTuple):
    severity: str
    id: str
    en: str


E, W = "error", "warning"

MESSAGES: dict[str, Message] = {
    # --- the file as a whole -----------------------------------------------------------------
    "file_not_found": Message(
        E,
        "Berkas tidak ditemukan: {value}. Periksa nama dan lokasi berkas.",
        "File not found: {value}. Check the file name and location.",
    ),
    "unsupported_file": Message(
        E,
        "Jenis berkas {value} tidak didukung. Kirim berkas .xlsx, .xlsm, .xls, .ods atau .csv.",
        "File type {value} is not supported. Send an .xlsx, .xlsm, .xls, .ods or .csv file.",
    ),
    "corrupt_file": Message(
        E,
        "Berkas tidak dapat dibaca (rusak atau bukan {kind}): {detail}. Buka berkas di Excel, "
        "simpan ulang sebagai .xlsx, lalu unggah kembali.",
        "The file cannot be read (damaged, or not really {kind}): {detail}. Open it in Excel, "
        "save it again as .xlsx and upload it again.",
    ),
    "password_protected": Message(
        E,
        "Berkas dilindungi kata sandi. Hapus kata sandi (File > Info > Protect Workbook) lalu "
        "unggah kembali.",
        "The workbook is password-protected. Remove the password (File > Info > Protect "
        "Workbook) and upload it again.",
    ),
    "file_too_large": Message(
        E,
        "Berkas berukuran {size_mb} MB, melebihi batas {limit_mb} MB. Pisahkan data menjadi "
        "beberapa berkas.",
        "The file is {size_mb} MB, above the {limit_mb} MB limit. Split the data into several "
        "files.",
    ),
    "unpacked_too_large": Message(
        E,
        "Isi berkas saat dibuka melebihi batas ({limit_mb} MB tanpa kompresi). Pisahkan data "
        "menjadi beberapa berkas.",
        "The file's content unpacks to more than the limit ({limit_mb} MB uncompressed). Split "
        "the data into several files.",
    ),
    "too_many_rows": Message(
        E,
        "Lembar {sheet} memuat lebih dari {limit} baris data (batas RB_MAX_ROWS). Pisahkan data "
        "menjadi beberapa berkas.",
        "Sheet {sheet} holds more than {limit} data rows (the RB_MAX_ROWS limit). Split the data "
        "into several files.",
    ),
    "too_many_columns": Message(
        E,
        "Lembar {sheet} memuat {count} kolom, melebihi batas {limit}. Hapus kolom yang tidak "
        "dipakai.",
        "Sheet {sheet} has {count} columns, above the limit of {limit}. Delete unused columns.",
    ),
    "invalid_encoding": Message(
        E,
        "Berkas CSV bukan UTF-8 (baris {row}). Simpan ulang sebagai 'CSV UTF-8' dari Excel.",
        "The CSV file is not UTF-8 (line {row}). Save it again as 'CSV UTF-8' from Excel.",
    ),
    "no_header": Message(
        E,
        "Tidak ada lembar dengan kolom kode indikator dan nilai (atau kolom triwulan) dalam 30 "
        "baris pertama. Judul kolom yang ditemukan: {headers}. Gunakan templat atau beri judul "
        "kolom kode_indikator dan nilai.",
        "No sheet has an indicator-code column and a value (or quarter) column within its first "
        "30 rows. Headers seen: {headers}. Use the template or name the columns indicator_code "
        "and value.",
    ),
    "no_data_rows": Message(
        E,
        "Berkas tidak memuat baris data di bawah judul kolom. Isi nilai indikator lalu unggah "
        "kembali.",
        "The file has no data rows below its header row. Fill in the indicator values and upload "
        "it again.",
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
        "Sel {cell}: nilai {value} jauh dari riwayat instansi ini (median {median}). Periksa "
        "kembali angkanya.",
        "Cell {cell}: value {value} is far from this agency's history (median {median}). Check "
        "the number.",
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
}
