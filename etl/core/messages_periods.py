"""Warnings about when a value was reported (kept, never refused): upload codes like the rest,
documented in docs/upload-format.md."""

from __future__ import annotations

from etl.core.message import Message, W

PERIODS: dict[str, Message] = {
    "quarter_in_progress": Message(
        W,
        "Sel {cell}: triwulan {value} belum berakhir; nilainya disimpan sebagai angka sementara. "
        "Kirim lagi setelah triwulan berakhir bila angkanya berubah.",
        "Cell {cell}: quarter {value} has not ended yet; the value is kept as provisional. Send "
        "it again after the quarter ends if it changes.",
    ),
    "annual_outside_q4": Message(
        W,
        "Sel {cell}: {indicator} diukur setahun sekali; hasil resminya dilaporkan pada TW IV. "
        "Nilai {value} ini disimpan sebagai angka sementara triwulannya.",
        "Cell {cell}: {indicator} is measured once a year; its official result is reported in "
        "TW IV. This {value} value is kept as an interim figure of its quarter.",
    ),
}
