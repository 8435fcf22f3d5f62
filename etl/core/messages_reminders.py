"""The deadline reminders' e-mails (etl.access.reminders), Bahasa Indonesia first, then English:
one subject line and one body per kind, with the agency, the period, its deadline and the link."""

from __future__ import annotations

from typing import NamedTuple


class Mail(NamedTuple):
    subject: str
    body_id: str
    body_en: str


SIGNATURE = (
    "Pesan ini dikirim otomatis oleh RB Monitor; balasan ke alamat ini tidak dibaca.",
    "This message was sent automatically by RB Monitor; replies to it are not read.",
)

REMINDERS: dict[str, Mail] = {
    "due_soon": Mail(
        "[RB Monitor] {period_id} {agency}: batas waktu {deadline_id} / "
        "{period_en} due {deadline_en}",
        "Yth. pengelola data {name} ({agency}),\n\n"
        "data Reformasi Birokrasi {period_id} dari {name} belum kami terima. Batas waktu "
        "pengirimannya {deadline_id} ({days_id}). Unduh templatnya dan unggah berkas yang sudah "
        "diisi di:\n{url}",
        "Dear data officer of {name} ({agency}),\n\n"
        "we have not yet received {name}'s Bureaucratic Reform data for {period_en}. Its "
        "deadline is {deadline_en} ({days_en}). Download the template and upload the filled-in "
        "file at:\n{url}",
    ),
    "overdue": Mail(
        "[RB Monitor] {period_id} {agency}: terlambat sejak {deadline_id} / "
        "{period_en} overdue since {deadline_en}",
        "Yth. pengelola data {name} ({agency}),\n\n"
        "batas waktu data Reformasi Birokrasi {period_id} adalah {deadline_id}, dan data dari "
        "{name} belum kami terima. Data masih diterima sampai {last_id} dan tercatat terlambat; "
        "sesudahnya periode ini dikunci. Unggah berkasnya di:\n{url}",
        "Dear data officer of {name} ({agency}),\n\n"
        "the deadline for the Bureaucratic Reform data of {period_en} was {deadline_en}, and "
        "we have not received {name}'s data. It is still accepted until {last_en} and recorded "
        "as late; after that the period is locked. Upload the file at:\n{url}",
    ),
}

# How far the deadline is, in each language (as the upload page says it).
DAYS = {
    "today": ("hari ini hari terakhir", "today is the last day"),
    "one": ("1 hari lagi", "in 1 day"),
    "many": ("{n} hari lagi", "in {n} days"),
}
