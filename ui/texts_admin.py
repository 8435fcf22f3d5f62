"""Texts of the login gate and the upload, review, user and audit pages (Bahasa Indonesia,
English); merged into `ui.i18n.TEXT`."""

TEXT: dict[str, tuple[str, str]] = {
    # Login gate
    "login_title": ("Masuk ke RB Monitor", "Sign in to RB Monitor"),
    "username": ("Nama pengguna", "User name"),
    "password": ("Kata sandi", "Password"),
    "login": ("Masuk", "Sign in"),
    "login_oidc": ("Masuk dengan akun organisasi", "Sign in with your organisation account"),
    "logout": ("Keluar", "Sign out"),
    "session_ended": (
        "Kata sandi akun ini telah diganti, sesi ini berakhir. Masuk lagi dengan kata sandi baru.",
        "This account's password was changed, which ended this session. Sign in with the new one.",
    ),
    "signed_in_as": ("Masuk sebagai", "Signed in as"),
    "denied": (
        "Anda tidak berhak membuka halaman atau tindakan ini. / "
        "You may not open this page or do this.",
        "You may not open this page or do this. / "
        "Anda tidak berhak membuka halaman atau tindakan ini.",
    ),
    "no_role": (
        "Akun Anda belum memiliki peran. Minta admin memberikan peran.",
        "Your account has no role yet. Ask an administrator to grant one.",
    ),
    "account_disabled": (
        "Akun dinonaktifkan. Hubungi admin.",
        "The account is disabled. Contact an administrator.",
    ),
    "auth_bad_mode": (
        "RB_AUTH_MODE tidak dikenal: {mode}. Pilih password, oidc atau none.",
        "Unknown RB_AUTH_MODE: {mode}. Choose password, oidc or none.",
    ),
    "auth_none_refused": (
        "Mode tanpa login (RB_AUTH_MODE=none) hanya untuk demo lokal: jalankan server dengan "
        "--server.address 127.0.0.1.",
        "The no-login mode (RB_AUTH_MODE=none) is for a local demo only: run the server with "
        "--server.address 127.0.0.1.",
    ),
    "auth_none_remote": (
        "Mode tanpa login (RB_AUTH_MODE=none) hanya melayani peramban di komputer server yang "
        "membuka http://127.0.0.1 atau http://localhost langsung, tanpa proxy. Buka alamat itu, "
        "atau gunakan RB_AUTH_MODE=password.",
        "The no-login mode (RB_AUTH_MODE=none) only serves a browser on the server's own "
        "computer opening http://127.0.0.1 or http://localhost directly, with no proxy. Open "
        "that address, or use RB_AUTH_MODE=password.",
    ),
    "auth_none_banner": (
        "Mode demo tanpa login: semua orang di komputer ini adalah admin.",
        "Demo mode without login: everyone on this computer is an administrator.",
    ),
    "change_password": ("Ganti kata sandi", "Change password"),
    "must_change_password": (
        "Kata sandi ini sekali pakai: pilih kata sandi baru (minimal 10 karakter).",
        "This password is for one use: choose a new one (at least 10 characters).",
    ),
    "old_password": ("Kata sandi saat ini", "Current password"),
    "new_password": ("Kata sandi baru", "New password"),
    "repeat_password": ("Ulangi kata sandi baru", "Repeat the new password"),
    "passwords_differ": ("Kedua kata sandi baru berbeda.", "The two new passwords differ."),
    "password_changed": ("Kata sandi diganti.", "Password changed."),
    "role_admin": ("admin", "administrator"),
    "role_reviewer": ("peninjau", "reviewer"),
    "role_analyst": ("analis", "analyst"),
    "role_agency": ("instansi", "agency"),
    "role_None": ("tanpa peran", "no role"),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    "with_children": ("Termasuk kab/kota", "With regencies"),
    "must_change_col": ("Kata sandi sekali pakai", "One-time password"),
    "include_pending": (
        "Sertakan data menunggu tinjauan",
        "Include data awaiting review",
    ),
    "pending_help": (
        "Tampilan resmi hanya memuat data yang disetujui.",
        "Official views show approved data only.",
    ),
    # Upload
    "upload_title": ("Unggah data triwulan", "Upload the quarter's data"),
    "step_template": ("1. Unduh templat", "1. Download the template"),
    "step_files": ("2. Unggah berkas dan periksa", "2. Upload files and check them"),
    "step_confirm": ("3. Konfirmasi", "3. Confirm"),
    "download_template": ("Unduh templat (XLSX)", "Download the template (XLSX)"),
    "template_period_locked": (
        "Periode {period} sudah dikunci untuk instansi ini sejak {locked}: berkas untuk periode "
        "ini akan ditolak, jadi templatnya tidak ditawarkan. Periode yang masih terbuka: {due}. "
        "Untuk periode yang terkunci, minta admin membukanya kembali dengan alasan.",
        "Period {period} has been locked for this agency since {locked}: a file for it would be "
        "refused, so its template is not offered. The period still open: {due}. For a locked "
        "period, ask an administrator to reopen it, with a reason.",
    ),
    # Where the period to report stands (etl.store.periods.period_state), above the template.
    "due_running": (
        "Periode berikutnya: {period} (triwulan masih berjalan). Batas waktu pengiriman: "
        "{deadline}, {left}.",
        "Next period: {period} (the quarter is still running). Deadline: {deadline}, {left}.",
    ),
    "due_open": (
        "Periode yang harus dilaporkan: {period}. Batas waktu: {deadline}, {left}.",
        "Period to report: {period}. Deadline: {deadline}, {left}.",
    ),
    "due_soon": (
        "Batas waktu {period} sudah dekat: {deadline}, {left}. Kirim datanya sebelum tanggal itu.",
        "The deadline for {period} is near: {deadline}, {left}. Send its data before then.",
    ),
    "due_late": (
        "Terlambat: batas waktu {period} adalah {deadline} ({left}). Data masih diterima sampai "
        "{last}, dan tercatat terlambat.",
        "Late: the deadline for {period} was {deadline} ({left}). Data is still accepted until "
        "{last}, recorded as late.",
    ),
    "days_left": ("{n} hari lagi", "{n} days left"),
    "day_left": ("1 hari lagi", "1 day left"),
    "last_day": ("hari ini hari terakhir", "today is the last day"),
    "days_late": ("{n} hari lalu", "{n} days ago"),
    # Above every page of an agency account (ui.deadline_notice): a period it has not sent.
    "notice_due_soon": (
        "{period}: batas {deadline}, {left}. Instansi Anda belum mengirim data periode ini "
        "(halaman Unggah).",
        "{period}: deadline {deadline}, {left}. Your agency has not sent this period's data yet "
        "(Upload page).",
    ),
    "notice_regencies_due": (
        "{period}: {n} dari {m} kabupaten/kota Anda belum mengirim data; batas {deadline}: "
        "{names}.",
        "{period}: {n} of your {m} regencies and cities have not sent their data; deadline "
        "{deadline}: {names}.",
    ),
    "notice_regencies_late": (
        "{period}: {n} dari {m} kabupaten/kota Anda terlambat (batas {deadline} sudah lewat): "
        "{names}.",
        "{period}: {n} of your {m} regencies and cities are late (the deadline {deadline} has "
        "passed): {names}.",
    ),
    "and_more": (" dan {n} lainnya", " and {n} more"),
    "notice_late": (
        "{period}: batas {deadline}, {left}. Instansi Anda belum mengirim data periode ini; data "
        "masih diterima sampai {last} (halaman Unggah).",
        "{period}: deadline {deadline}, {left}. Your agency has not sent this period's data; it "
        "is still accepted until {last} (Upload page).",
    ),
    "overdue_days": ("terlambat {n} hari", "overdue by {n} days"),
    "overdue_day": ("terlambat 1 hari", "overdue by 1 day"),
    "day_late": ("1 hari lalu", "1 day ago"),
    "agency_not_in_period": (
        "Instansi {agency} tidak ada pada periode {period} (kementerian mengikuti kabinetnya).",
        "Agency {agency} did not exist in period {period} (ministries follow their cabinet).",
    ),
    "files": (
        "Berkas XLSX, XLS atau CSV (seret dan lepas, beberapa sekaligus)",
        "XLSX, XLS or CSV files (drag and drop, several at once)",
    ),
    "dry_run_note": (
        "Pemeriksaan tidak menyimpan apa pun. Data tersimpan hanya setelah konfirmasi.",
        "Checking stores nothing. Data is stored only after you confirm.",
    ),
    "would_insert": ("Baru", "New"),
    "would_update": ("Diubah", "Updated"),
    "would_keep": ("Tidak berubah", "Unchanged"),
    "skipped": ("Dilewati", "Skipped"),
    "kind": ("Jenis", "Kind"),
    "old_value": ("Nilai lama", "Old value"),
    "new_value": ("Nilai baru", "New value"),
    "old_target": ("Target lama", "Old target"),
    "inserted": ("baru", "new"),
    "updated": ("diubah", "updated"),
    "unchanged": ("tidak berubah", "unchanged"),
    "issues_title": ("Masalah ({n})", "Issues ({n})"),
    "no_issues": ("Tidak ada masalah.", "No issues."),
    "severity": ("Tingkat", "Severity"),
    "cell": ("Sel", "Cell"),
    "sheet": ("Lembar", "Sheet"),
    "message_id": ("Pesan (Bahasa Indonesia)", "Message (Bahasa Indonesia)"),
    "message_en": ("Pesan (English)", "Message (English)"),
    "issue_detail": ("Rincian teknis (dari pembaca berkas)", "Technical detail (from the reader)"),
    "download_issues": ("Unduh daftar masalah (XLSX)", "Download the issue list (XLSX)"),
    "file_rejected": (
        "{name}: ditolak, tidak ada yang disimpan. Perbaiki masalah di bawah lalu unggah lagi.",
        "{name}: rejected, nothing stored. Fix the issues below and upload again.",
    ),
    "file_ok": ("{name}: siap disimpan.", "{name}: ready to store."),
    "file_same": (
        "{name}: berkas yang sama sudah diterima (pengiriman {id}).",
        "{name}: the same file was already received (submission {id}).",
    ),
    "confirm": ("Simpan {n} berkas", "Store {n} files"),
    "nothing_to_store": (
        "Tidak ada berkas yang bisa disimpan.",
        "There is no file that can be stored.",
    ),
    "receipt": ("Tanda terima", "Receipt"),
    "receipt_line": (
        "Pengiriman {id} · {name} · SHA-256 {sha} · baru {ins}, diubah {upd}, tetap {same}",
        "Submission {id} · {name} · SHA-256 {sha} · new {ins}, updated {upd}, unchanged {same}",
    ),
    "receipt_targets": (
        "Target instansi: baru {ins}, diubah {upd}, tetap {same}",
        "Agency targets: new {ins}, updated {upd}, unchanged {same}",
    ),
    "awaiting_review": (
        "Data menunggu tinjauan sebelum tampil di tampilan resmi.",
        "The data awaits review before it shows in the official views.",
    ),
    "my_submissions": ("Pengiriman saya", "My submissions"),
    "no_submissions": ("Belum ada pengiriman.", "No submissions yet."),
    "review_status": ("Status tinjauan", "Review status"),
    "review_comment": ("Komentar peninjau", "Reviewer's comment"),
    "pending": ("menunggu tinjauan", "awaiting review"),
    "approved": ("disetujui", "approved"),
    "returned": ("dikembalikan", "returned"),
    # Review
    "review": ("Tinjauan", "Review"),
    "review_title": ("Pengiriman menunggu tinjauan", "Submissions awaiting review"),
    "nothing_pending": ("Tidak ada pengiriman yang menunggu.", "Nothing awaits review."),
    "submission": ("Pengiriman", "Submission"),
    "comment": ("Komentar", "Comment"),
    "approve": ("Setujui", "Approve"),
    "return": ("Kembalikan", "Return"),
    "approved_msg": ("Pengiriman {id} disetujui.", "Submission {id} approved."),
    "returned_msg": ("Pengiriman {id} dikembalikan.", "Submission {id} returned."),
    "approved_msg_many": ("{n} pengiriman disetujui: {id}.", "{n} submissions approved: {id}."),
    "returned_msg_many": (
        "{n} pengiriman dikembalikan: {id}.",
        "{n} submissions returned: {id}.",
    ),
    "approve_n": ("Setujui {n} pengiriman", "Approve {n} submissions"),
    "return_n": ("Kembalikan {n} pengiriman", "Return {n} submissions"),
    "chosen_submissions": (
        "Pengiriman yang ditinjau (pilih satu atau beberapa)",
        "Submissions under review (choose one or several)",
    ),
    "choose_submissions": ("Pilih pengiriman", "Choose submissions"),
    # Streamlit's own "Choose an option" where a multiselect is empty.
    "choose_options": ("Pilih satu atau lebih", "Choose one or more"),
    "decision_whole": (
        "Setujui atau Kembalikan berlaku untuk seluruh isi setiap pengiriman yang dipilih, "
        "termasuk nilai yang disembunyikan filter; komentar yang sama dicatat untuk masing-masing.",
        "Approve or Return applies to the whole of each chosen submission, values hidden by the "
        "filters included; the same comment is kept with each.",
    ),
    "queue_count": (
        "{shown} dari {n} pengiriman yang menunggu sesuai filter.",
        "{shown} of {n} waiting submissions match the filters.",
    ),
    "values_filtered": (
        "{shown} dari {n} nilai pengiriman yang dipilih ditampilkan (filter).",
        "{shown} of the chosen submissions' {n} values shown (filters).",
    ),
    "nothing_matches": (
        "Tidak ada pengiriman menunggu yang sesuai filter.",
        "No waiting submission matches the filters.",
    ),
    "warnings_only": ("Hanya yang berperingatan", "With warnings only"),
    "warned_values": ("Jumlah nilai berperingatan", "Values with warnings (count)"),
    "trend_official": ("Tren (resmi → baru)", "Trend (official → new)"),
    "trend_help": (
        "Nilai resmi triwulan-triwulan sebelumnya (paling banyak {n} titik), lalu nilai yang "
        "dikirim.",
        "The official values of the quarters before (at most {n} points), then the value sent.",
    ),
    "page": ("Halaman", "Page"),
    "list_count": (
        "Pengiriman {first}–{last} dari {n}, terbaru dahulu.",
        "Submissions {first}–{last} of {n}, newest first.",
    ),
    "target_low": ("Batas bawah", "Lower bound"),
    "target_high": ("Batas atas", "Upper bound"),
    "all_submissions": ("Semua pengiriman", "All submissions"),
    # The review queue's context per value (ui.review_views)
    "previous_period_value": ("Nilai resmi periode sebelumnya", "Official value, period before"),
    "file_target": ("Target di berkas", "Target in the file"),
    "notes": ("Keterangan", "Notes"),
    "evidence": ("Tautan bukti", "Evidence link"),
    "warnings": ("Peringatan", "Warnings"),
    "warn_quarter_in_progress": (
        "dikirim sebelum triwulannya berakhir (sementara)",
        "sent before its quarter ended (provisional)",
    ),
    "warn_annual_outside_q4": (
        "indikator tahunan di luar TW IV (sementara)",
        "annual indicator outside Q4 (provisional)",
    ),
    "review_warned": (
        "{n} nilai membawa peringatan dari pemeriksaan (kolom Peringatan): periksa sebelum "
        "menyetujui.",
        "{n} values carry a warning from the checks (Warnings column): look at them before "
        "approving.",
    ),
    "origin": ("Asal", "Origin"),
    "file_name": ("Nama berkas", "File name"),
    # Counts of a file's rows: "Nilai baru" alone is the new value of a row on the same page.
    "rows_inserted": ("Jumlah nilai baru", "New values (count)"),
    "rows_updated": ("Jumlah nilai diubah", "Values changed (count)"),
    "rows_unchanged": ("Jumlah nilai tetap", "Values unchanged (count)"),
    "reviewed_by": ("Peninjau", "Reviewer"),
    "reviewed_at": ("Waktu tinjauan", "Reviewed at"),
    "origin_upload": ("unggahan", "upload"),
    "origin_demo": ("data demo", "demo data"),
    "origin_cli": ("baris perintah", "command line"),
    "origin_reference": ("data rujukan nasional", "national reference data"),
    "uploaded_by": ("Pengirim", "Sent by"),
    "uploaded_at": ("Waktu kirim", "Sent at"),
    "agencies": ("Instansi", "Agencies"),
    # Users and periods
    "users": ("Pengguna", "Users"),
    "users_title": ("Pengguna dan periode", "Users and periods"),
    "add_user": ("Tambah pengguna", "Add a user"),
    "no_users": ("Belum ada akun di basis data.", "No accounts in the database yet."),
    "role": ("Peran", "Role"),
    "display_name": ("Nama tampilan", "Display name"),
    "include_children": (
        "Termasuk kabupaten/kota di provinsi ini",
        "Include the province's regencies and cities",
    ),
    "create": ("Buat", "Create"),
    "one_time_password": (
        "Kata sandi sekali pakai untuk {user}: `{password}` (sampaikan secara aman; tidak "
        "ditampilkan lagi).",
        "One-time password for {user}: `{password}` (pass it on safely; it is not shown again).",
    ),
    "edit_user": ("Ubah pengguna", "Change a user"),
    "user": ("Pengguna", "User"),
    "set_role": ("Simpan peran", "Save the role"),
    "disable": ("Nonaktifkan", "Disable"),
    "enable": ("Aktifkan", "Enable"),
    "reset_password": ("Atur ulang kata sandi", "Reset the password"),
    "saved": ("Tersimpan.", "Saved."),
    "disabled": ("Nonaktif", "Disabled"),
    "periods": ("Periode terkunci", "Locked periods"),
    "lock_rule": (
        "Periode terkunci setelah {date} (akhir triwulan + {days} hari).",
        "The period locks after {date} (quarter end + {days} days).",
    ),
    "reopen": ("Buka kembali", "Reopen"),
    "reason": ("Alasan", "Reason"),
    "days_open": ("Dibuka selama (hari)", "Open for (days)"),
    "reason_required": ("Tulis alasannya.", "Write the reason."),
    "reopened_msg": (
        "{agency} {period} dibuka kembali.",
        "{agency} {period} reopened.",
    ),
    "reopened_list": ("Periode yang dibuka kembali", "Reopened periods"),
    "is_locked": ("Terkunci", "Locked"),
    # Audit
    "audit": ("Audit", "Audit"),
    "audit_title": ("Jejak audit", "Audit trail"),
    "action": ("Tindakan", "Action"),
    "actor": ("Pelaku", "Who"),
    "audit_entity": ("Objek", "Object"),
    "audit_before": ("Sebelum", "Before"),
    "audit_after": ("Sesudah", "After"),
    "download_audit": ("Unduh jejak audit (XLSX)", "Download the audit trail (XLSX)"),
}
