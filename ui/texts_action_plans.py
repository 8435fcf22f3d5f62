"""Texts of the action-plan page (Rencana Aksi), merged into `ui.i18n`'s one table."""

TEXT: dict[str, tuple[str, str]] = {
    "ra_title": ("Rencana Aksi RB Tematik", "RB Tematik action plans"),
    "ra_empty": (
        "Belum ada rencana aksi. Unggah lembar Rencana Aksi (atau berkas RAD RB Tematik) "
        "bersama data triwulan, atau jalankan `python -m etl ingest BERKAS --agency KODE "
        "--year TAHUN`.",
        "No action plans yet. Upload a Rencana Aksi sheet (or an RAD RB Tematik file) with the "
        "quarterly data, or run `python -m etl ingest FILE --agency CODE --year YEAR`.",
    ),
    "ra_year": ("Tahun", "Year"),
    "ra_theme": ("Tema", "Theme"),
    "ra_all": ("Semua", "All"),
    "ra_agency": ("Instansi", "Agency"),
    "ra_by_theme": ("Kemajuan rencana aksi per instansi", "Progress of actions by agency"),
    "ra_scatter": (
        "Serapan anggaran dan capaian output",
        "Budget absorption and output realisation",
    ),
    "ra_scatter_note": (
        "Titik di kiri atas: anggaran terserap tanpa hasil. Ditandai untuk ditinjau bila serapan "
        "melebihi capaian output lebih dari 30 poin ({n} aksi).",
        "Points at the top left: money spent without results. Flagged for review when absorption "
        "exceeds output realisation by more than 30 points ({n} actions).",
    ),
    "ra_lagging_title": ("Rencana aksi yang tertinggal", "Lagging actions"),
    "ra_none_lagging": ("Tidak ada aksi yang tertinggal.", "No action is lagging."),
    "ra_agency_actions": ("Rencana aksi instansi", "The agency's actions"),
    "ra_as_of": ("Dinilai per TW{q}", "Judged as of Q{q}"),
    "ra_download": ("Unduh tabel rencana aksi (XLSX)", "Download the action table (XLSX)"),
    "ra_actions": ("Aksi", "Actions"),
    "ra_action": ("Rencana aksi", "Action"),
    "ra_output": ("Indikator output", "Output indicator"),
    "ra_output_pct": ("Capaian output (%)", "Output realisation (%)"),
    "ra_absorption_pct": ("Serapan anggaran (%)", "Budget absorption (%)"),
    "ra_on_schedule_share": ("Sesuai jadwal (%)", "On schedule (%)"),
    "ra_coordinator": ("Koordinator", "Coordinator"),
    "ra_implementer": ("Pelaksana", "Implementer"),
    "ra_status": ("Status jadwal", "Schedule status"),
    "ra_flag": ("Tinjau", "Review"),
    "ra_on_schedule": ("Sesuai jadwal", "On schedule"),
    "ra_lagging": ("Tertinggal", "Lagging"),
    "ra_not_started": ("Belum dimulai", "Not started"),
    "ra_target": ("Target", "Target"),
    "ra_realised": ("Realisasi", "Realised"),
}
