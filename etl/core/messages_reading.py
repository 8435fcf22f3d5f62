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
    "empty_file": Message(
        E,
        "Berkas kosong: tidak ada isinya sama sekali. Simpan ulang berkas dari Excel (periksa "
        "bahwa penyimpanan selesai), lalu unggah lagi.",
        "The file is empty: it holds nothing at all. Save it again from Excel (check that saving "
        "finished), and upload it again.",
    ),
    "empty_workbook": Message(
        E,
        "Semua lembar buku kerja kosong ({sheets}): tidak ada satu sel pun yang terisi. Isi "
        "templat atau salin data ke lembar Data, lalu unggah lagi.",
        "Every sheet of the workbook is empty ({sheets}): not one cell is filled. Fill in the "
        "template or copy the data into a sheet named Data, and upload it again.",
    ),
    # {version}: "Excel 2.x" … "Excel 5.0/95", found in the file's first record.
    "old_excel": Message(
        E,
        "Berkas ini buku kerja {version}, format lama yang tidak dapat dibaca. Buka di Excel, "
        "pilih Simpan Sebagai > Buku Kerja Excel (.xlsx), lalu unggah berkas .xlsx itu.",
        "This file is an {version} workbook, an old format that cannot be read. Open it in "
        "Excel, choose Save As > Excel Workbook (.xlsx), and upload that .xlsx file.",
    ),
    "xlsb_workbook": Message(
        E,
        "Berkas ini buku kerja biner Excel (.xlsb), yang tidak dapat dibaca. Buka di Excel, pilih "
        "Simpan Sebagai > Buku Kerja Excel (.xlsx), lalu unggah berkas .xlsx itu.",
        "This file is an Excel binary workbook (.xlsb), which cannot be read. Open it in Excel, "
        "choose Save As > Excel Workbook (.xlsx), and upload that .xlsx file.",
    ),
    # {found_id} / {found_en}: what the bytes are ("arsip gzip" / "a gzip archive").
    "not_csv": Message(
        E,
        "Berkas bernama .csv ini bukan teks CSV: isinya {found_id}. Buka data di Excel dan pilih "
        "Simpan Sebagai > CSV UTF-8, atau unggah buku kerja .xlsx-nya.",
        "This file named .csv is not CSV text: it is {found_en}. Open the data in Excel and "
        "choose Save As > CSV UTF-8, or upload its .xlsx workbook.",
    ),
    "not_spreadsheet": Message(
        E,
        "Berkas bernama {named} ini bukan lembar kerja: isinya {found_id}. Unggah buku kerja "
        "(.xlsx, .xls, .ods) atau berkas CSV.",
        "This file named {named} is not a spreadsheet: it is {found_en}. Upload a workbook "
        "(.xlsx, .xls, .ods) or a CSV file.",
    ),
    # {found}: the format read ("Excel 97-2003 (.xls)"), {named}: the extension sent.
    "format_mismatch": Message(
        W,
        "Berkas ini {found} yang diberi nama {named}; berkas dibaca sebagai {found}. Tidak perlu "
        "tindakan, tetapi sebaiknya simpan dengan nama yang sesuai.",
        "This file is in {found} format but named {named}; it was read as {found}. Nothing to "
        "do, but better save it under a matching name.",
    ),
    "corrupt_file": Message(
        E,
        # No {detail} in either text (issue 14): the reader's English text goes in Issue.detail.
        "Berkas tidak dapat dibaca (rusak atau bukan {kind}). Buka berkas di Excel, simpan "
        "ulang sebagai .xlsx, lalu unggah kembali.",
        "The file cannot be read (damaged, or not really {kind}). Open it in Excel, save it "
        "again as .xlsx and upload it again.",
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
    # {last_row}: the row of the lowest filled cell {corner}; {limit}: data rows for one file.
    "too_many_rows": Message(
        E,
        "Lembar {sheet} berisi sel terisi sampai baris {last_row} (sel {corner}), padahal satu "
        "berkas paling banyak memuat {limit} baris data. Hapus isi di bawah tabel, atau "
        "pisahkan data menjadi beberapa berkas.",
        "Sheet {sheet} has filled cells down to row {last_row} (cell {corner}), while one file "
        "may hold at most {limit} data rows. Delete what lies below the table, or split the "
        "data into several files.",
    ),
    # After reading, counted exactly: {count} rows below the header holding a value.
    "too_many_data_rows": Message(
        E,
        "Lembar {sheet} memuat {count} baris data (baris di bawah judul kolom yang berisi "
        "setidaknya satu sel; yang terakhir sampai sel {corner}), padahal satu berkas paling "
        "banyak memuat {limit} baris data. Pisahkan data menjadi beberapa berkas.",
        "Sheet {sheet} holds {count} data rows (rows below the header with at least one filled "
        "cell; the last one reaching cell {corner}), while one file may hold at most {limit} "
        "data rows. Split the data into several files.",
    ),
    "too_many_csv_rows": Message(
        E,
        "Berkas CSV memuat {count} baris data (baris di bawah judul kolom yang berisi setidaknya "
        "satu sel; yang terakhir sampai sel {corner}), padahal satu berkas paling banyak memuat "
        "{limit} baris data. Pisahkan data menjadi beberapa berkas.",
        "The CSV file holds {count} data rows (rows below the header with at least one filled "
        "cell; the last one reaching cell {corner}), while one file may hold at most {limit} "
        "data rows. Split the data into several files.",
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
        "Berkas CSV bukan UTF-8 (baris {row}, sel {cell}). Di Excel pilih Simpan Sebagai > "
        "'CSV UTF-8 (Comma delimited)', lalu unggah lagi.",
        "The CSV file is not UTF-8 (line {row}, cell {cell}). In Excel choose Save As > "
        "'CSV UTF-8 (Comma delimited)', and upload it again.",
    ),
    # {encoding}: the one guessed ("UTF-16", "Windows-1252").
    "csv_encoding": Message(
        E,
        "Berkas CSV tersimpan dalam pengodean {encoding}, bukan UTF-8 (baris {row}, sel {cell}). "
        "Di Excel pilih Simpan Sebagai > 'CSV UTF-8 (Comma delimited)', lalu unggah lagi.",
        "The CSV file is saved in the {encoding} encoding, not UTF-8 (line {row}, cell {cell}). "
        "In Excel choose Save As > 'CSV UTF-8 (Comma delimited)', and upload it again.",
    ),
    # {sheets}: the sheets searched; {headers}: at most 10 texts seen, {more_id}/{more_en}: how
    # many more ("… dan 214 lainnya"); {rows}: the rows searched (30).
    "no_header": Message(
        E,
        "Baris judul kolom (kolom kode indikator beserta kolom nilai atau kolom triwulan) tidak "
        "ditemukan pada baris 1-{rows} lembar {sheets}. Teks yang terlihat: {headers}{more_id}. "
        "Gunakan templat, atau beri judul kolom kode_indikator dan nilai.",
        "No header row (an indicator-code column with a value column or quarter columns) was "
        "found in rows 1-{rows} of sheet {sheets}. Texts seen: {headers}{more_en}. Use the "
        "template, or name the columns indicator_code and value.",
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
    "reader_unavailable": Message(
        E,
        "Berkas belum dapat diperiksa: pembaca berkas di server tidak berjalan. Tidak ada yang "
        "disimpan; coba lagi sebentar lagi, dan bila tetap gagal hubungi admin.",
        "The file could not be checked yet: the server's file reader is not running. Nothing was "
        "stored; try again in a moment, and if it keeps failing, tell an administrator.",
    ),
    # --- warnings about the whole file --------------------------------------------------------
    "formats_unchecked": Message(
        W,
        "Format sel berkas ini tidak dapat diperiksa sebelum dibaca: sel berformat persen (85%) "
        "terbaca sebagai 0,85 dan rumus tanpa hasil tersimpan terbaca kosong. Periksa nilai di "
        "pratinjau; bila perlu simpan ulang dari Excel sebagai .xlsx dan unggah lagi.",
        "This file's cell formats could not be checked before reading: percent-formatted cells "
        "(85%) read as 0.85 and formulas without a saved result read as empty. Check the values "
        "in the preview; if needed, save it again from Excel as .xlsx and upload it again.",
    ),
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
