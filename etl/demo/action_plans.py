"""Demo RB Tematik action plans: one `DEMO_RENAKSI_<province>_<year>.xlsx` per province and year.

Each workbook holds one `Rencana Aksi` sheet (metadata block, header, 2-3 actions per RB Tematik
theme) in the agency template's columns, loaded through `etl.ingest.ingest_bytes` like an upload.
Realisations cover only quarters that ended before the simulated submission date; most actions
are on schedule, some lag, some have not started and a few spend far ahead of their output (the
page's "flagged for review" list). Every action has a stable `kode_aksi` and the note "DATA DEMO
(sintetis) / DEMO DATA (synthetic)"; the same seed gives the same bytes (a second run: unchanged).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
import tempfile
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Engine

from etl.demo.workbook import DEMO_NOTE, DEMO_USER, workbook
from etl.ingest import FileResult, Upload, ingest_bytes
from indicators.catalogue import Agency, Catalogue
from indicators.path import quarter_end

PLAN_YEARS = (2024, 2025)
Q = (1, 2, 3, 4)
HEADER = (
    "kode_aksi", "tema", "permasalahan", "rencana_aksi", "indikator_output", "satuan_output",
    *(f"target_tw{q}" for q in Q), *(f"realisasi_tw{q}" for q in Q), "anggaran",
    "realisasi_anggaran", "fokus_intervensi", "koordinator", "pelaksana", "catatan",
)  # fmt: skip
# Profiles of an action (cumulative shares): on schedule, lagging, not started, spending ahead.
PROFILES = ((0.6, "on"), (0.84, "lag"), (0.93, "none"), (1.0, "review"))


class Template(NamedTuple):
    problem: str
    action: str
    output: str
    unit: str  # "Persen": levels 25/50/75/100 %; otherwise `per_quarter` units each quarter
    per_quarter: int
    focus: str
    coordinator: str
    implementer: str


T = Template
ACTIONS: dict[str, tuple[Template, ...]] = {
    "KEMISKINAN": (
        T("Data penerima bantuan sosial belum mutakhir dan tumpang tindih", "Verifikasi dan validasi DTKS bersama kabupaten/kota", "Dokumen hasil verifikasi DTKS", "Dokumen", 1, "Proses Bisnis dan SOP", "Bappeda", "Dinas Sosial"),
        T("Sasaran kemiskinan ekstrem belum by name by address", "Pemutakhiran data P3KE untuk sasaran kemiskinan ekstrem", "Keluarga P3KE termutakhirkan", "Persen", 0, "Teknologi dan Informasi", "Bappeda", "Dinas PMD; Dinas Sosial"),
        T("Program penanggulangan kemiskinan antar-OPD belum terpadu", "Rapat koordinasi TKPK dan evaluasi program kemiskinan", "Laporan koordinasi TKPK", "Laporan", 1, "Perencanaan dan Penganggaran", "Bappeda", "Sekretariat TKPK"),
        T("Akses pelatihan kerja bagi keluarga miskin terbatas", "Pelatihan keterampilan kerja bagi anggota keluarga miskin", "Angkatan pelatihan terlaksana", "Angkatan", 2, "SDM", "Dinas Sosial", "Disnakertrans"),
    ),
    "INVESTASI": (
        T("Waktu penerbitan izin berusaha masih lama", "Percepatan perizinan berusaha berbasis risiko melalui OSS RBA", "Izin terbit sesuai SLA", "Persen", 0, "Proses Bisnis dan SOP", "DPMPTSP", "DPMPTSP"),
        T("Peta potensi investasi daerah belum tersedia", "Penyusunan profil proyek investasi siap tawar", "Dokumen profil proyek investasi", "Dokumen", 1, "Perencanaan dan Penganggaran", "Bappeda", "DPMPTSP"),
        T("Kepatuhan pelaporan LKPM pelaku usaha rendah", "Pendampingan pelaku usaha dalam penyampaian LKPM", "Laporan pendampingan LKPM", "Laporan", 1, "Pengawasan", "DPMPTSP", "DPMPTSP; Dinas Koperasi dan UKM"),
        T("Layanan perizinan belum terintegrasi", "Integrasi Mal Pelayanan Publik dengan sistem OSS", "Layanan MPP terintegrasi OSS", "Persen", 0, "Inovasi", "Biro Organisasi", "DPMPTSP; Diskominfo"),
    ),
    "DIGITAL": (
        T("Aplikasi layanan perangkat daerah belum terintegrasi", "Integrasi layanan publik ke portal SPBE provinsi", "Layanan terintegrasi SPBE", "Persen", 0, "Teknologi dan Informasi", "Diskominfo", "Diskominfo"),
        T("Data balita stunting tersebar di berbagai aplikasi", "Pendataan balita dan integrasi data e-PPGBM ke Satu Data", "Dokumen data balita terintegrasi", "Dokumen", 1, "Teknologi dan Informasi", "Bappeda", "Dinas Kesehatan; Diskominfo"),
        T("Naskah dinas dan arsip masih manual", "Penerapan tanda tangan elektronik dan arsip digital SRIKANDI", "Perangkat daerah menggunakan SRIKANDI", "Persen", 0, "Proses Bisnis dan SOP", "Biro Organisasi", "Diskominfo; Dinas Perpustakaan dan Kearsipan"),
        T("Kompetensi digital ASN belum merata", "Pelatihan literasi digital bagi ASN", "Angkatan pelatihan terlaksana", "Angkatan", 1, "SDM", "BKD", "BPSDM; Diskominfo"),
    ),
    "PRIORITAS": (
        T("Realisasi belanja produk dalam negeri masih rendah", "Peningkatan belanja produk dalam negeri melalui e-katalog lokal", "Belanja PDN terhadap total belanja barang/jasa", "Persen", 0, "Perencanaan dan Penganggaran", "Biro Pengadaan Barang/Jasa", "Biro Pengadaan Barang/Jasa; Disperindag"),
        T("Harga bahan pokok bergejolak menjelang hari besar", "Operasi pasar murah untuk pengendalian inflasi", "Kegiatan operasi pasar", "Kegiatan", 2, "Pengawasan", "Biro Perekonomian", "Disperindag; Dinas Ketahanan Pangan"),
        T("Informasi harga pangan belum tersedia harian", "Pemantauan harga bahan pokok dan rapat TPID", "Laporan TPID", "Laporan", 1, "Pengawasan", "Biro Perekonomian", "Disperindag; Dinas Pertanian"),
        T("Produk UMKM lokal belum tayang di katalog elektronik", "Kurasi dan pendampingan UMKM masuk e-katalog daerah", "Produk UMKM tayang", "Produk", 5, "Inovasi", "Dinas Koperasi dan UKM", "Dinas Koperasi dan UKM; Disperindag"),
    ),
}  # fmt: skip


def received_and_quarters(
    rng: random.Random, year: int, now: dt.datetime
) -> tuple[dt.datetime, int] | None:
    """When the plan was 'sent' and through which quarter it reports (0: targets only)."""
    lag = rng.randint(5, 20)
    for quarter in (4, 3, 2, 1):
        day = quarter_end(year, quarter) + dt.timedelta(days=lag)
        at = dt.datetime(day.year, day.month, day.day, rng.randint(1, 9), tzinfo=dt.UTC)
        if at <= now:
            return at, quarter
    at = dt.datetime(year - 1, 12, lag, 9, tzinfo=dt.UTC)  # the plan, before the year starts
    return (at, 0) if at <= now else None


def _quantity(number: float, unit: str) -> str:
    return f"{number:g}%" if unit == "Persen" else f"{number:g} {unit}"


def action_row(code: str, theme: str, t: Template, done: int, rng: random.Random) -> list:
    """One row of the sheet; `done` quarters have ended and carry realisations."""
    levels = t.unit == "Persen"
    targets = [25.0 * q if levels else float(t.per_quarter) for q in Q]
    draw = rng.random()
    profile = next(name for share, name in PROFILES if draw < share)
    if profile == "review":  # a little output, most of the money
        profile, spend = rng.choice(("none", "low")), rng.uniform(0.85, 0.98) * 4 / max(done, 1)
    else:
        spend = {"on": rng.uniform(0.8, 1.0), "lag": rng.uniform(0.4, 0.7)}.get(profile, 0.0)
    factor = rng.uniform(0.5, 0.8) if profile == "lag" else rng.uniform(0.1, 0.3)
    realised: list[float | None] = []
    for q in Q:
        if q > done:
            realised.append(None)
        elif profile == "on":
            realised.append(targets[q - 1])
        elif profile == "none":
            realised.append(0.0)
        elif levels:
            realised.append(float(round(targets[q - 1] * factor)))
        elif profile == "lag":  # the first half of the quarters delivered, then nothing
            realised.append(targets[q - 1] if q <= math.ceil(done / 2) else 0.0)
        else:  # low: only the first quarter delivered
            realised.append(targets[0] if q == 1 else 0.0)
    budget = rng.randrange(50, 800) * 1_000_000
    spent = min(budget, round(budget * done / 4 * spend, -3)) if done else None
    return [
        code, theme, t.problem, t.action, t.output, t.unit,
        *(_quantity(v, t.unit) for v in targets),
        *(None if v is None else _quantity(v, t.unit) for v in realised),
        budget, spent, t.focus, t.coordinator, t.implementer, DEMO_NOTE,
    ]  # fmt: skip


def plan_rows(agency: str, year: int, seed: int, done: int) -> list[list]:
    rng = random.Random(f"{seed}:renaksi:{agency}:{year}")
    rows = []
    for theme, templates in ACTIONS.items():
        picked = sorted(rng.sample(range(len(templates)), rng.choice((2, 3))))
        for i in picked:
            code = f"DEMO-{theme}-{i + 1:02d}"
            rows.append(action_row(code, theme, templates[i], done, rng))
    return rows


def plan_workbook(code: str, name: str, year: int, rows: list[list], received: dt.datetime):
    buffer = io.BytesIO()
    title = f"RENCANA AKSI RB TEMATIK — {DEMO_NOTE}"
    book = workbook(buffer, f"{title} — {name} {year}")
    bold = book.add_format({"bold": True, "text_wrap": True})
    text = book.add_format({"num_format": "@"})
    money = book.add_format({"num_format": "#,##0"})
    sheet = book.add_worksheet("Rencana Aksi")
    sheet.set_column(0, 1, 20)
    sheet.set_column(2, 4, 45)
    sheet.set_column(5, len(HEADER) - 1, 14)
    sheet.write_string(0, 0, title, bold)
    sheet.write_string(1, 0, f"Diterima / received {received:%Y-%m-%d}")
    sheet.write_string(2, 0, "Kode Instansi", bold)
    sheet.write_string(2, 1, code, text)
    sheet.write_string(3, 0, "Nama Instansi", bold)
    sheet.write_string(3, 1, name)
    sheet.write_string(4, 0, "Tahun", bold)
    sheet.write_number(4, 1, year)
    header = 6
    for c, label in enumerate(HEADER):
        sheet.write_string(header, c, label, bold)
    for r, row in enumerate(rows, start=header + 1):
        for c, value in enumerate(row):
            if isinstance(value, (int, float)):
                sheet.write_number(r, c, value, money)
            elif value is not None:
                sheet.write_string(r, c, value)
    book.close()
    return buffer.getvalue()


class PlannedPlan(NamedTuple):
    name: str
    received: dt.datetime
    agency: Agency
    year: int
    done: int  # the last quarter it reports (0: targets only)


def plan_schedule(catalogue: Catalogue, seed: int, now: dt.datetime) -> list[PlannedPlan]:
    """Which province sends which year's plan, when, in the order 'received' (nothing
    rendered: the demo's fingerprint reads this too)."""
    provinces = [a for a in catalogue.agencies.values() if a.type == "PROV"]
    out = []
    for agency in sorted(provinces, key=lambda a: a.code):
        for year in PLAN_YEARS:
            rng = random.Random(f"{seed}:renaksi-date:{agency.code}:{year}")
            sent = received_and_quarters(rng, year, now)
            if sent is None:
                continue
            name = f"DEMO_RENAKSI_{agency.code.replace('.', '_')}_{year}.xlsx"
            out.append(PlannedPlan(name, sent[0], agency, year, sent[1]))
    return sorted(out, key=lambda f: (f.received, f.name))


def build_plans(catalogue: Catalogue, seed: int, now: dt.datetime):
    """(file name, received at, bytes) of every province and year, in the order 'received'."""
    return [
        (p.name, p.received, plan_workbook(p.agency.code, p.agency.name, p.year, plan_rows(p.agency.code, p.year, seed, p.done), p.received))
        for p in plan_schedule(catalogue, seed, now)
    ]  # fmt: skip


def load_demo_action_plans(
    engine: Engine,
    *,
    seed: int,
    catalogue: Catalogue,
    keep: Path | None = None,
    now: dt.datetime | None = None,
    sent=None,
) -> list[FileResult]:
    """Write the demo action plans (into `keep`, else a temporary folder) and ingest them;
    `sent(name)` is told of each file once stored (the command line's progress)."""
    with tempfile.TemporaryDirectory(prefix="rb_demo_renaksi_") as scratch:
        folder = Path(keep) if keep is not None else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        results = []
        for name, received, data in build_plans(catalogue, seed, now or dt.datetime.now(dt.UTC)):
            (folder / name).write_bytes(data)
            upload = Upload(user=DEMO_USER, source="demo", received_at=received)
            results.append(ingest_bytes(engine, name, data, upload, catalogue=catalogue))
            if sent is not None:
                sent(name)
        return results
