"""The refusals of accounts and reviews (etl.access: AuthError, ReviewError)."""

from __future__ import annotations

from etl.core.message import E, Message

# --- accounts and review (etl.access: AuthError, ReviewError) --------------------------------
# Not about a cell: the login, users and review pages and the CLI show them whole. Laid out by
# hand, two lines an entry, to keep the table short.
ACCESS: dict[str, Message] = {
    "invalid_credentials": Message(E, "Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
    "account_locked": Message(E, "Akun dikunci sementara setelah terlalu banyak percobaan gagal. Coba lagi setelah {until} atau minta admin mengatur ulang kata sandi.",
        "The account is locked after too many failed attempts. Try again after {until} or ask an administrator to reset the password."),
    "client_rate_limited": Message(E, "Terlalu banyak percobaan masuk yang gagal dari perangkat ini. Coba lagi dalam {minutes} menit.",
        "Too many failed logins from this device. Try again in {minutes} minutes."),
    "account_disabled": Message(E, "Akun dinonaktifkan. Hubungi admin.", "The account is disabled. Contact an administrator."),
    "weak_password": Message(E, "Kata sandi minimal {n} karakter.", "The password needs at least {n} characters."),
    "password_reused": Message(E, "Kata sandi baru harus berbeda dengan kata sandi saat ini (juga kata sandi sekali pakai).",
        "The new password must differ from the current one (the one-time password too)."),
    "username_too_long": Message(E, "Nama pengguna terlalu panjang ({length} karakter, maksimal {limit}). Pilih nama yang lebih pendek.",
        "The user name is too long ({length} characters, at most {limit}). Choose a shorter one."),
    "unknown_user": Message(E, "Pengguna {user} tidak ada.", "There is no user {user}."),
    "user_exists": Message(E, "Pengguna {user} sudah ada.", "User {user} already exists."),
    "bad_role": Message(E, "Peran tidak dikenal: {role}. Pilih admin, reviewer, analyst atau agency.",
        "Unknown role: {role}. Choose admin, reviewer, analyst or agency."),
    "agency_required": Message(E, "Akun peran agency harus terikat pada satu instansi (kode resmi).",
        "An agency account must be bound to one agency (its official code)."),
    "bad_email": Message(E, "Alamat e-mail tidak valid: {email}.", "Not a valid e-mail address: {email}."),
    # --- mail (python -m etl remind) ---------------------------------------------------------
    "mail_not_configured": Message(E, "Server surat belum diatur: isi RB_SMTP_HOST dan RB_SMTP_FROM (lihat docs/deploy.md).",
        "No mail server is set: set RB_SMTP_HOST and RB_SMTP_FROM (see docs/deploy.md)."),
    "mail_unreachable": Message(E, "Server surat {server} tidak dapat dihubungi atau menolak login: {reason}. Tidak ada pengingat lain yang dikirim.",
        "The mail server {server} cannot be reached or refused the login: {reason}. No further reminder was sent."),
    "mail_refused": Message(E, "Server surat menolak penerima {recipients}: {reason}.",
        "The mail server refused the recipients {recipients}: {reason}."),
    "review_unknown": Message(E, "Pengiriman {submission} tidak ada. Muat ulang daftar pengiriman.",
        "There is no submission {submission}. Reload the list of submissions."),
    "review_already_decided": Message(E, "Pengiriman {submission} sudah diputuskan ({status_id}), mungkin oleh peninjau lain; tidak ada yang diubah.",
        "Submission {submission} was already decided ({status_en}), perhaps by another reviewer; nothing was changed."),
    "review_conflict": Message(E, "Pengiriman {submission} belum disetujui: nilai yang sama sedang disimpan oleh pengiriman lain. Coba setujui lagi.",
        "Submission {submission} is not approved yet: another submission is storing the same values right now. Approve it again."),
    "review_comment_required": Message(E, "Tulis komentar agar instansi tahu apa yang diperbaiki.",
        "Add a comment so the agency knows what to fix."),
}  # fmt: skip
