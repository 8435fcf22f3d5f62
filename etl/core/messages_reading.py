"""What an upload's report says about the file as a whole: it cannot be read, it is too large,
no sheet holds the data (codes of `etl.reading`, in the one table of `etl.core.messages`).

Placeholders as in `etl.core.messages_upload`. No reader's raw text inside a message: it goes
in `Issue.detail`. The agencies' guide (docs/upload-format.md) has a row for each code.
"""

from __future__ import annotations

from etl.core.message import E, Message, W

READING: dict[str, Message] = {
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
        # No {detail} here (issue 14): it is the reader's English text, kept in Issue.detail.
        "Berkas tidak dapat dibaca (rusak atau bukan {kind}). Buka berkas di Excel, simpan "
        "ulang sebagai .xlsx, lalu unggah kembali.",
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
    "too_many_cells": Message(
        E,
        "Lembar {sheet} terbentang sampai sel {corner} ({count} sel), melebihi batas {limit} sel. "
        "Hapus baris dan kolom kosong di luar tabel, atau pisahkan data menjadi beberapa berkas.",
        "Sheet {sheet} spans to cell {corner} ({count} cells), above the limit of {limit} cells. "
        "Delete empty rows and columns outside the table, or split the data into several files.",
    ),
    # --- the reading pre-scans (issues 13, 14): the file's rows across all its sheets -------
    # {sheets}: the sheets measured, {count}: their rows together, {limit}: RB_MAX_ROWS.
    "too_many_rows_in_file": Message(
        E,
        "Berkas memuat {count} baris di lembar {sheets}, lebih dari batas {limit} baris data "
        "untuk satu berkas (semua lembar dihitung). Pisahkan data menjadi beberapa berkas.",
        "The file holds {count} rows on sheets {sheets}, more than the limit of {limit} data rows "
        "for one file (all sheets counted). Split the data into several files.",
    ),
    "too_many_strings": Message(
        E,
        "Berkas memuat lebih dari {limit} teks berbeda. Hapus teks yang tidak perlu, atau "
        "pisahkan data menjadi beberapa berkas.",
        "The workbook holds more than {limit} distinct texts. Delete unneeded text, or split "
        "the data into several files.",
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
    # --- reading under the worker's limits (etl.reading.sandbox) ------------------------------
    "read_too_large": Message(
        E,
        "Membaca berkas ini membutuhkan memori lebih dari {limit_mb} MB, melebihi batas server; "
        "pembacaan dihentikan dan tidak ada yang disimpan. Hapus lembar, baris dan kolom yang "
        "tidak dipakai, atau pisahkan data menjadi beberapa berkas, lalu unggah lagi.",
        "Reading this file needs more than {limit_mb} MB of memory, above the server's limit; "
        "reading was stopped and nothing was stored. Delete unused sheets, rows and columns, or "
        "split the data into several files, and upload again.",
    ),
    "read_too_slow": Message(
        E,
        "Membaca berkas ini memakan waktu lebih dari {seconds} detik dan dihentikan; tidak ada "
        "yang disimpan. Hapus lembar, baris dan kolom yang tidak dipakai, atau pisahkan data "
        "menjadi beberapa berkas, lalu unggah lagi.",
        "Reading this file took more than {seconds} seconds and was stopped; nothing was stored. "
        "Delete unused sheets, rows and columns, or split the data into several files, and "
        "upload again.",
    ),
    # --- warnings about the whole file --------------------------------------------------------
    "external_links": Message(
        W,
        "Buku kerja menaut ke buku kerja lain atau sumber DDE. Tautan tidak pernah diikuti: "
        "yang dibaca hanya nilai tersimpan terakhir, yang mungkin usang. Salin sebagai nilai "
        "(Tempel Spesial > Nilai), hapus tautannya, lalu unggah lagi.",
        "The workbook links to other workbooks or to DDE sources. Links are never followed: "
        "only the last saved values are read, which may be out of date. Paste them as values "
        "(Paste Special > Values), break the links, and upload again.",
    ),
}
