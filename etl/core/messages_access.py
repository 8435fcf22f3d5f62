"""The account and review messages (etl.access: AuthError, ReviewError), merged into
etl.core.messages.MESSAGES after the upload codes: kept apart so that each table stays one
readable module.

Not about a cell: the login, users and review pages and the CLI show them whole. Laid out by
hand, two lines an entry: (severity, Indonesian, English).
"""

from __future__ import annotations

E = "error"

ACCESS_MESSAGES: dict[str, tuple[str, str, str]] = {
    "invalid_credentials": (E, "Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
    "account_locked": (E, "Akun dikunci sementara setelah terlalu banyak percobaan gagal. Coba lagi setelah {until} atau minta admin mengatur ulang kata sandi.",
        "The account is locked after too many failed attempts. Try again after {until} or ask an administrator to reset the password."),
    "account_disabled": (E, "Akun dinonaktifkan. Hubungi admin.", "The account is disabled. Contact an administrator."),
    "weak_password": (E, "Kata sandi minimal {n} karakter.", "The password needs at least {n} characters."),
    "password_reused": (E, "Kata sandi baru harus berbeda dengan kata sandi saat ini (juga kata sandi sekali pakai).",
        "The new password must differ from the current one (the one-time password too)."),
    "username_too_long": (E, "Nama pengguna terlalu panjang ({length} karakter, maksimal {limit}). Pilih nama yang lebih pendek.",
        "The user name is too long ({length} characters, at most {limit}). Choose a shorter one."),
    "unknown_user": (E, "Pengguna {user} tidak ada.", "There is no user {user}."),
    "user_exists": (E, "Pengguna {user} sudah ada.", "User {user} already exists."),
    "bad_role": (E, "Peran tidak dikenal: {role}. Pilih admin, reviewer, analyst atau agency.",
        "Unknown role: {role}. Choose admin, reviewer, analyst or agency."),
    "agency_required": (E, "Akun peran agency harus terikat pada satu instansi (kode resmi).",
        "An agency account must be bound to one agency (its official code)."),
    "review_unknown": (E, "Pengiriman {submission} tidak ada. Muat ulang daftar pengiriman.",
        "There is no submission {submission}. Reload the list of submissions."),
    "review_already_decided": (E, "Pengiriman {submission} sudah diputuskan ({status_id}), mungkin oleh peninjau lain; tidak ada yang diubah.",
        "Submission {submission} was already decided ({status_en}), perhaps by another reviewer; nothing was changed."),
    "review_conflict": (E, "Pengiriman {submission} belum disetujui: nilai yang sama sedang disimpan oleh pengiriman lain. Coba setujui lagi.",
        "Submission {submission} is not approved yet: another submission is storing the same values right now. Approve it again."),
    "review_comment_required": (E, "Tulis komentar agar instansi tahu apa yang diperbaiki.",
        "Add a comment so the agency knows what to fix."),
}  # fmt: skip
