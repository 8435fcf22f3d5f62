"""Summary tables as files: CSV (UTF-8 with BOM, so Excel opens it right) or XLSX with a first
sheet `Keterangan` that states what the file holds. Text that starts like a formula is written
as text, never as a formula."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import BinaryIO

import pandas as pd
import xlsxwriter
from sqlalchemy import Engine, func, select

from etl.report.tables import TABLES, period_of
from etl.store import schema
from etl.store.catalogue import load_catalogue
from etl.store.queries import Filters, holds_demo_values
from indicators import status as st
from indicators.catalogue import Catalogue

# Submission timeliness borrows the status colours: on time reads as on track, and so on.
TIMELINESS_AS_STATUS = {"on_time": "on_track", "late": "needs_acceleration", "missing": "off_track"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
METHOD = (
    "Capaian dan status dihitung menurut metode kemajuan RB Monitor (garis lurus dari baseline ke "
    "target tahunan; ambang 0,95 dan 0,6 mengikuti penilaian kemajuan UN/Open SDG). Data: "
    "referensi KemenPANRB, BPS, TI, Bank Dunia dan kiriman instansi. / Achievement and status "
    "follow the RB Monitor progress method (straight line from the baseline through the annual "
    "targets; thresholds 0.95 and 0.6 follow the UN/Open SDG progress assessment). Sources: "
    "KemenPANRB, BPS, TI, World Bank reference data and agency submissions."
)


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def export_table(engine: Engine, table: str, filters: Filters, out: Path, *, sep: str = ",") -> int:
    frame = TABLES[table](engine, filters)
    fmt = "csv" if out.suffix.lower() == ".csv" else "xlsx"
    with out.open("wb") as fh:
        write_table(engine, frame, table, filters, fh, fmt, sep=sep)
    return len(frame)


def table_bytes(
    engine: Engine, frame: pd.DataFrame, table: str, filters: Filters, fmt: str,
    catalogue: Catalogue | None = None, sep: str = ",",
) -> bytes:  # fmt: skip
    buffer = io.BytesIO()
    write_table(engine, frame, table, filters, buffer, fmt, catalogue=catalogue, sep=sep)
    return buffer.getvalue()


def write_table(
    engine: Engine,
    frame: pd.DataFrame,
    table: str,
    filters: Filters,
    out: BinaryIO,
    fmt: str,
    *,
    sep: str = ",",
    catalogue: Catalogue | None = None,
) -> None:
    if "source" in frame.columns and "demo" not in frame.columns:
        # Each row says whether it is a synthetic demo value (progress-method.md, "Demo data").
        frame = frame.assign(demo=frame.source.eq("demo"))
    if fmt == "csv":
        out.write(frame_csv(frame, sep))
        return
    frame = frame.map(neutralise) if len(frame) else frame
    _write_xlsx(out, frame, table, _description(engine, table, filters, catalogue))


def frame_csv(frame: pd.DataFrame, sep: str = ",") -> bytes:
    """Any frame as the exports' CSV: UTF-8 with BOM, formula-looking text neutralised. With
    ';' the decimal mark is ',': ';' is offered for Excel set to Indonesian, which reads '.' as
    the thousands separator (81.25 is not a number there, 0.875 becomes 875)."""
    frame = frame.map(neutralise) if len(frame) else frame
    if sep == ";" and len(frame):
        frame = _codes_as_text(frame)
    decimal = "," if sep == ";" else "."
    text = frame.to_csv(index=False, sep=sep, decimal=decimal, date_format="%Y-%m-%dT%H:%M:%S%z")
    return text.encode("utf-8-sig")


# A code that looks like a number: Excel reads regency 11.10 as the number 11,1 (or, set to
# Indonesian, 1110), and 3201 loses nothing but turns right-aligned and summable.
_NUMERIC_CODE = re.compile(r"[0-9][0-9.,]*")
CODE_COLUMNS = frozenset({"agency", "indicator", "theme", "roadmap", "province"})


def _codes_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The ';' CSV is for Excel: code columns whose value looks like a number are written as
    ="11.10", which Excel shows as the text 11.10. Only digits, dots and commas are wrapped,
    so no text of a file's ever reaches a formula."""
    codes = [c for c in frame.columns if str(c).endswith("_code") or str(c) in CODE_COLUMNS]
    if not codes:
        return frame
    return frame.assign(**{str(c): frame[c].map(_as_text) for c in codes})


def _as_text(value: object) -> object:
    return f'="{value}"' if isinstance(value, str) and _NUMERIC_CODE.fullmatch(value) else value


def _description(
    engine: Engine, table: str, filters: Filters, catalogue: Catalogue | None = None
) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        cutoff = conn.execute(select(func.max(schema.submission.c.uploaded_at))).scalar()
    catalogue = catalogue or load_catalogue(engine)
    year = period_of(engine, filters)[0] if table in ("scorecard", "themes") else filters.year
    roadmap = catalogue.roadmap_for(year) if year else None
    roadmaps = (
        [roadmap] if roadmap else sorted(catalogue.roadmaps.values(), key=lambda r: r.start_year)
    )
    shown = {k: v for k, v in vars(filters).items() if v is not None and v is not False}
    return [
        ("Tabel / Table", table),
        ("Filter", ", ".join(f"{k}={v}" for k, v in shown.items()) or "semua / all"),
        ("Filter (dipilih / as chosen)", chosen_filters(filters, catalogue)),
        ("Periode / Period", period_text(engine, table, filters)),
        ("Data sampai / Data cut-off", _when(cutoff)),
        ("Dibuat / Generated", _when(dt.datetime.now(dt.UTC))),
        ("Road map", "; ".join(f"{r.name_id} ({r.legal_basis})" for r in roadmaps)),
        ("Metode / Method", METHOD),
        ("Status", "; ".join(f"{s.code} = {s.label_id} / {s.label_en}" for s in st.STATUSES)),
        ("Sumber data / Sources", sources_text(filters, catalogue)),
        *(
            [
                (
                    "DATA DEMO",
                    "Berisi nilai sintetis (kolom demo) / Includes synthetic values (demo column)",
                )
            ]
            if holds_demo_values(engine)
            else []
        ),
    ]


# A filter's name as the reader reads it, in both languages (the `Filter` line keeps the
# command line's own spelling, `agency=31`, for a file to be made again).
FILTER_NAMES = {
    "year": "Tahun / Year", "quarter": "Triwulan / Quarter", "agency": "Instansi / Agency",
    "indicator": "Indikator / Indicator", "theme": "Tema / Theme",
    "agency_type": "Jenis instansi / Agency type",
    "include_pending": "Termasuk data menunggu tinjauan / Including data awaiting review",
}  # fmt: skip


def chosen_filters(filters: Filters, catalogue: Catalogue) -> str:
    """The filters as chosen, each named and with the name of what it picks: "Instansi /
    Agency: 31 Provinsi DKI Jakarta; Tahun / Year: 2025"."""
    names = {
        "agency": lambda c: f"{c} {catalogue.agencies[c].name}" if c in catalogue.agencies else c,
        "indicator": lambda c: f"{c} {catalogue.indicators[c].name_id}" if c in catalogue.indicators else c,
        "theme": lambda c: f"{c} {catalogue.themes[c].name_id}" if c in catalogue.themes else c,
        "quarter": lambda q: f"TW{q}",
        "include_pending": lambda v: "ya / yes",
    }  # fmt: skip
    parts = [
        f"{FILTER_NAMES[k]}: {names.get(k, str)(v.upper() if isinstance(v, str) else v)}"
        for k, v in vars(filters).items()
        if v is not None and v is not False and k in FILTER_NAMES
    ]
    return "; ".join(parts) or "tanpa filter: semua / no filter: all"


def period_text(engine: Engine, table: str, filters: Filters) -> str:
    """The period the rows cover: the period statuses are shown as of (scorecard, themes), the
    quarter or year chosen, or every period."""
    if table in ("scorecard", "themes"):
        year, quarter = period_of(engine, filters)
        return f"TW{quarter} {year} (status per periode ini / statuses as of this period)"
    if filters.year is not None and filters.quarter is not None:
        return f"TW{filters.quarter} {filters.year}"
    if filters.year is not None:
        return f"{filters.year} (TW1-TW4)"
    if filters.quarter is not None:
        return f"TW{filters.quarter}, semua tahun / every year"
    return "semua periode / every period"


def sources_text(filters: Filters, catalogue: Catalogue) -> str:
    """The publications behind the indicators in the file, by name (the catalogue's definition
    sources), and the boundaries' licence: not a path in the repository."""
    codes = [
        c for c, i in catalogue.indicators.items()
        if (not filters.indicator or c == filters.indicator.upper())
        and (not filters.theme or i.theme == filters.theme.upper())
    ]  # fmt: skip
    named = sorted({catalogue.indicators[c].definition_source for c in codes} - {""})
    return "; ".join([*named, "batas wilayah / boundaries: idn-area-data (ODbL)"])


def _when(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat(timespec="seconds") if isinstance(value, dt.datetime) else str(value)


def _number_format(column: str, frame: pd.DataFrame) -> str | None:
    if column in ("year", "quarter", "final_year", "indicators") or column.endswith("_count"):
        return "0"
    if column.endswith("_share") or column == "coverage":
        return "0.0%"
    if column in ("achievement_pct",):
        return "0.00"
    if column == "progress_ratio":
        return "0.000"
    if column in UNIT_VALUE_COLUMNS or column.endswith("nilai/value"):
        return "#,##0.00"
    return None


def _write_xlsx(out: BinaryIO, frame: pd.DataFrame, table: str, description: list) -> None:
    book = xlsxwriter.Workbook(
        out,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
         "default_date_format": "yyyy-mm-dd hh:mm", "remove_timezone": True},
    )  # fmt: skip
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    about = book.add_worksheet("Keterangan")
    about.set_column(0, 0, 28)
    about.set_column(1, 1, 110)
    for r, (label, text) in enumerate(description):
        about.write_string(r, 0, label, bold)
        about.write_string(r, 1, text, wrap)
    sheet = book.add_worksheet(table[:31])
    header = book.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1, "text_wrap": True})
    colours = {s.code: s.colour for s in st.STATUSES}
    colours.update({t: colours[s] for t, s in TIMELINESS_AS_STATUS.items()})
    status_formats = {
        code: book.add_format({"bg_color": colour, "font_color": _ink(colour)})
        for code, colour in colours.items()
    }
    for c, column in enumerate(frame.columns):
        sheet.write_string(0, c, str(column), header)
        fmt = _number_format(str(column), frame)
        width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)]) + 2
        sheet.set_column(
            c, c, min(width, 60), book.add_format({"num_format": fmt}) if fmt else None
        )
    is_status = [
        str(c) == "status" or str(c).endswith(" status") or str(c) == "timeliness"
        for c in frame.columns
    ]
    # Values in the row's own unit: Rupiah with thousands separators, rates and indices with two
    # decimals (a column's format is the fallback for tables without a unit column).
    units = list(frame.columns).index("unit") if "unit" in frame.columns else None
    by_unit = {kind: book.add_format({"num_format": fmt}) for kind, fmt in UNIT_FORMATS.items()}
    in_unit = [str(c) in UNIT_VALUE_COLUMNS for c in frame.columns]
    for r, row in enumerate(frame.itertuples(index=False), start=1):
        unit_format = by_unit[unit_kind(row[units])] if units is not None else None
        for c, value in enumerate(row):
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                continue
            if unit_format is not None and in_unit[c] and isinstance(value, (int, float)):
                sheet.write_number(r, c, value, unit_format)
                continue
            if isinstance(value, str):
                style = status_formats.get(value) if is_status[c] else None
                sheet.write_string(r, c, value, style) if style else sheet.write_string(r, c, value)
            elif isinstance(value, (pd.Timestamp, dt.datetime, dt.date)):
                sheet.write_datetime(r, c, pd.Timestamp(value).to_pydatetime())
            else:
                sheet.write(r, c, value)
    sheet.freeze_panes(1, 0)
    if len(frame.columns):
        sheet.autofilter(0, 0, max(len(frame), 1), len(frame.columns) - 1)
    book.close()


UNIT_FORMATS = {"money": "#,##0.0", "rate": "0.00"}
UNIT_VALUE_COLUMNS = {
    "value", "target", "target_used", "achievement_basis", "expected", "baseline", "final_target",
}  # fmt: skip


def unit_kind(unit) -> str:
    """How a value in this catalogue unit is written: money (Rp …) or a rate/index."""
    return "money" if isinstance(unit, str) and unit.strip().lower().startswith("rp") else "rate"


def _ink(colour: str) -> str:
    """Black or white text, whichever reads better on the status colour."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#FFFFFF"


ISSUE_COLUMNS = [
    "severity",
    "code",
    "sheet",
    "cell",
    "row",
    "column",
    "value",
    "message_id",
    "message_en",
    "detail",  # the reader's own words for a damaged file, apart from both messages
]


def write_frame_xlsx(frame: pd.DataFrame, table: str, description: list[tuple[str, str]]) -> bytes:
    """Any frame as XLSX with a `Keterangan` sheet: formula-looking text neutralised."""
    buffer = io.BytesIO()
    stamped = [*description, ("Dibuat / Generated", _when(dt.datetime.now(dt.UTC)))]
    _write_xlsx(buffer, frame.map(neutralise) if len(frame) else frame, table, stamped)
    return buffer.getvalue()


def issues_workbook(issues: list, file_name: str = "") -> bytes:
    """The issue list of an upload as XLSX (the upload page's download; the CLI's --report)."""
    frame = pd.DataFrame([i.as_dict() for i in issues], columns=ISSUE_COLUMNS)
    description = [("Berkas / File", file_name or "-"), ("Masalah / Issues", str(len(frame)))]
    return write_frame_xlsx(frame, "issues", description)
