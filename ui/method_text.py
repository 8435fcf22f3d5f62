"""The progress method in plain language (the contract: shared/spec/progress-method.md)."""

from __future__ import annotations

from ui.i18n import lang

METHOD = {
    "id": """
**Waktu.** Setiap triwulan ditempatkan di akhir triwulannya: TW4 2024 berada di akhir tahun 2024.

**Baseline, target, dan nilai yang diharapkan.** Instansi dinilai hanya terhadap baseline dan
target tahunannya sendiri (RPJMD, Renstra, atau lembar `Target` yang diunggah); target nasional
hanya berlaku bagi instansi bila katalog menyatakannya (inflasi), selain itu digambar sebagai
pembanding dan tidak menentukan status. Tanpa target sendiri statusnya *Tanpa target*. Baseline
adalah baris baseline road map, atau nilai terakhir sebelum road map dimulai. Nilai yang
*diharapkan* pada suatu triwulan dibaca dari garis lurus yang menghubungkan baseline dengan
target-target tahunan; nilai itu bukan target. *Target* hanya angka resmi: target tahun itu
(pada TW4), rentang tahun itu, atau target yang diunggah. Target berupa rentang (misalnya
inflasi 2,5 ± 1 %) digambar sebagai pita.

**Capaian.** Nilai dibandingkan dengan target periode itu: untuk indikator "makin tinggi makin
baik" capaian = nilai ÷ target × 100; untuk "makin rendah makin baik" capaian = (2 × target −
nilai) ÷ target × 100 (konvensi SAKIP); untuk rentang, 100 bila nilai di dalam rentang.

**Status.** Rasio kemajuan = (nilai − baseline) ÷ (nilai yang diharapkan − baseline):
- ★ **Tercapai**: target akhir road map sudah terpenuhi.
- ✓ **Sesuai target**: rasio ≥ 0,95.
- ! **Perlu percepatan**: rasio 0,6 sampai di bawah 0,95.
- ✗ **Tidak sesuai target**: rasio 0 sampai di bawah 0,6.
- ▼ **Memburuk**: rasio di bawah 0 (menjauh dari target sejak baseline).
- ◷ **Data tidak mutakhir**: nilai terakhir lebih tua dari yang diizinkan frekuensinya (lebih
  dari 4 triwulan; 8 triwulan untuk indikator tahunan); ditampilkan dengan periodenya.
- ○ **Tanpa target**: tidak ada target yang berlaku. – **Belum ada data**: belum ada nilai.

Ambang 0,95 dan 0,6 mengikuti penilaian kemajuan UN/Open SDG. Tanpa baseline atau target akhir,
status ditentukan dari capaian (≥ 95 sesuai target, 60-95 perlu percepatan, < 60 tidak sesuai).

**Proyeksi.** Dengan sedikitnya tiga nilai, garis lurus melalui delapan nilai terakhir
diperpanjang sampai akhir road map untuk melihat apakah target akhir kemungkinan tercapai.

**Angka nasional.** Angka resmi nasional bila ada; bila tidak, rata-rata (atau jumlah) nilai
instansi yang melapor, hanya bila yang melapor sedikitnya `RB_MIN_COVERAGE` (80 %) dari instansi
yang wajib melapor (jumlah: semuanya), dengan keterangan "dihitung dari N dari M instansi".
Di bawah itu tidak ada angka nasional, hanya berapa yang melapor.
""",
    "en": """
**Time.** Each quarter is placed at its end: Q4 2024 sits at the end of 2024.

**Baseline, targets and the expected value.** An agency is judged only against its own baseline
and annual targets (RPJMD, Renstra, or an uploaded `Target` sheet); the national targets are its
targets too only where the catalogue says so (inflation), otherwise they are drawn beside it as a
reference and never decide its status. Without targets of its own the status is *No target*. The
baseline is the road map's baseline row, or the last value before the road map starts. The
*expected* value in a quarter is read from the straight line joining the baseline and the annual
targets; it is not a target. A *target* is only an official figure: that year's target (at Q4),
that year's band, or an uploaded target. A target given as a range (inflation 2.5 ± 1 %) is
drawn as a band.

**Achievement.** The value is compared with the period's target: for "higher is better",
achievement = value ÷ target × 100; for "lower is better", (2 × target − value) ÷ target × 100
(the SAKIP convention); for a band, 100 when the value is inside it.

**Status.** Progress ratio = (value − baseline) ÷ (expected value − baseline):
- ★ **Achieved**: the road map's final target is already met.
- ✓ **On track**: ratio ≥ 0.95.
- ! **Needs acceleration**: ratio from 0.6 to below 0.95.
- ✗ **Off track**: ratio from 0 to below 0.6.
- ▼ **Deteriorating**: ratio below 0 (moved away from the target since the baseline).
- ◷ **Outdated data**: the latest value is older than its frequency allows (more than 4
  quarters; 8 for annual indicators); it is shown with its period.
- ○ **No target**: no target applies. – **No data yet**: no value yet.

The 0.95 and 0.6 thresholds follow the UN/Open SDG progress assessment. Without a baseline or a
final target the achievement decides (≥ 95 on track, 60-95 needs acceleration, < 60 off track).

**Projection.** With at least three values, a straight line through the last eight is extended
to the road map's end to see whether the final target is likely to be met.

**National figures.** The official national figure when there is one; otherwise the mean (or
sum) of the agencies that reported, only when they are at least `RB_MIN_COVERAGE` (80 %) of the
agencies that must report (a sum: all of them), labelled "computed from N of M agencies". Below
that there is no national figure, only how many reported.
""",
}


def method() -> str:
    return METHOD[lang()]
