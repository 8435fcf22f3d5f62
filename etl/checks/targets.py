"""Target / Sasaran sheets + catalogue → typed target rows and every issue, each at its cell.

The agency's own baselines and targets (RPJMD for regions, Renstra for ministries), checked by
the rules of upload-format.md "Targets": the cell rules of the data sheet (codes, numbers, the
indicator's range, the metadata block) and those of a target (kind, band, road map years,
source). The national rows (agency ID) are an administrator's: an agency account may not
change the reference its own targets are drawn beside.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.checks.agencies import agency_problem
from etl.checks.observation_cells import judged_number
from etl.checks.row_checks import fmt
from etl.checks.sheet_cells import SheetCells
from etl.core.issues import Issue, Number, Numbers
from etl.core.target_rows import TargetRow
from etl.reading import cells
from etl.reading.cells import CellProblem
from etl.reading.target_sheet import TargetSheet
from indicators.catalogue import NATIONAL, Catalogue, Indicator, Roadmap

KINDS = {"baseline": "baseline", "capaianawal": "baseline", "target": "target", "sasaran": "target"}
# A required column: its header and how the message names it (Indonesian, English).
REQUIRED = {
    "year": ("tahun", "tahun", "the year"),
    "source": ("sumber", "sumber target", "the source"),
}


@dataclass
class TargetContext:
    catalogue: Catalogue
    allowed_agencies: frozenset[str] | None = None  # None: any agency
    may_change_national: bool = True


@dataclass
class TargetValidation:
    rows: list[TargetRow]
    issues: list[Issue]


def validate_targets(sheets: list[TargetSheet], ctx: TargetContext) -> TargetValidation:
    issues: list[Issue] = []
    rows: list[TargetRow] = []
    for sheet in sheets:
        _TargetChecker(sheet, ctx, issues).run(rows)
    return TargetValidation(_deduplicate(rows, issues), issues)


def default_roadmap(catalogue: Catalogue, year: int, kind: str) -> Roadmap | None:
    """A target belongs to the road map whose years contain it; a baseline to the one that
    starts the year after (a 2024 figure is the 2025-2029 map's baseline), else the one
    containing it."""
    maps = sorted(catalogue.roadmaps.values(), key=lambda m: m.start_year)
    if kind == "baseline":
        following = [m for m in maps if m.start_year == year + 1]
        if following:
            return following[0]
    return next((m for m in maps if m.contains(year)), None)


class _TargetChecker(SheetCells):
    def __init__(self, sheet: TargetSheet, ctx: TargetContext, issues: list[Issue]):
        super().__init__(sheet, issues)
        self.ctx = ctx
        self.meta: dict[str, object] = {}
        # A file of every regency of a province repeats the same codes, years and kinds in
        # every row: each is parsed once.
        self.memo: dict[tuple, object] = {}

    def parse(self, parser, r: int, name: str, row: list):
        value = self.raw(row, name)
        if value is None or self.unusable(r, name):
            return None
        key = (parser, type(value), value)
        if key in self.memo:
            return self.memo[key]
        try:
            parsed = self.memo[key] = parser(value)
        except CellProblem as problem:
            self.issue(problem.code, r, self.cols[name], value, **problem.params)
            return None
        return parsed

    # -- the sheet -------------------------------------------------------------------------------
    def run(self, out: list[TargetRow]) -> None:
        if self.layout is None:
            shown = ", ".join(self.sheet.headers_seen[:40]) or "-"
            self.issue("target_no_header", None, None, headers=shown)
            return
        if self.layout.unknown:
            self.issue("unknown_columns", None, None, ", ".join(self.layout.unknown))
        if not self._metadata() or not self._required_columns():
            return
        for r, row in self.sheet.data_rows():
            before = self.errors
            parsed = self._row(r, row)
            if parsed is not None and self.errors == before:
                out.append(parsed)

    def _metadata(self) -> bool:
        ok = True
        parsers = {"agency_code": cells.agency_code, "year": cells.parse_year}
        for name, (value, r, c) in self.layout.metadata.items():
            if name not in parsers:
                continue  # a quarter says nothing about targets
            try:
                parsed = parsers[name](value)
            except CellProblem as problem:
                self.issue(problem.code, r, c, value, **problem.params)
                ok = False
                continue
            if name == "agency_code" and not self._agency_ok(parsed, r, c):
                ok = False
                continue
            self.meta[name] = parsed
        return ok

    def _required_columns(self) -> bool:
        missing = []
        if "agency_code" not in self.cols and "agency_code" not in self.meta:
            missing.append(("kode_instansi", "kode instansi", "the agency code"))
        if "year" not in self.cols and "year" not in self.meta:
            missing.append(REQUIRED["year"])
        if "value" not in self.cols and not {"low", "high"} <= set(self.cols):
            missing.append(("nilai", "nilai target", "the value"))
        if "source" not in self.cols:
            missing.append(REQUIRED["source"])
        for header, fid, fen in missing:
            self.issue("target_missing_column", None, None, header=header, field_id=fid, field_en=fen)  # fmt: skip
        return not missing

    def _agency_ok(self, code: str, r: int, c: int | None) -> bool:
        if code == NATIONAL and not self.ctx.may_change_national:
            self.issue("target_national_not_allowed", r, c, code)
            return False
        problem = None if code == NATIONAL else agency_problem(self.ctx, code)
        if code == NATIONAL and code not in self.ctx.catalogue.agencies:
            problem = "unknown_agency"
        if problem:
            self.issue(problem, r, c, code)
        return problem is None

    def _field(self, r: int, row: list, name: str, parser):
        """A per-row field: its column, else the metadata value; both must agree."""
        meta = self.meta.get(name)
        if self.raw(row, name) is None:
            return None if self.unusable(r, name) else meta
        parsed = self.parse(parser, r, name, row)
        if parsed is not None and meta is not None and parsed != meta:
            self.issue("metadata_conflict", r, self.cols[name], self.raw(row, name), expected=meta)
            return None
        return parsed

    # -- a row -----------------------------------------------------------------------------------
    def _row(self, r: int, row: list) -> TargetRow | None:
        catalogue = self.ctx.catalogue
        ic = self.cols["indicator_code"]
        code = self.parse(cells.indicator_code, r, "indicator_code", row)
        indicator = catalogue.indicators.get(code) if code else None
        if indicator is None:
            self.issue("unknown_indicator", r, ic, self.raw(row, "indicator_code") or "")
        agency = self._field(r, row, "agency_code", cells.agency_code)
        if agency is not None and self.raw(row, "agency_code") is not None:
            agency = agency if self._agency_ok(agency, r, self.cols["agency_code"]) else None
        if agency and indicator and agency != NATIONAL:
            agency_type = catalogue.agencies[agency].type
            if not indicator.reported_by(agency_type):
                self.issue(
                    "indicator_not_for_agency", r, ic, indicator.code, agency_type=agency_type,
                    agency=agency,
                )  # fmt: skip
                indicator = None
        year = self._field(r, row, "year", cells.parse_year)
        kind = self._kind(r, row)
        value = self._number(r, row, "value", indicator)
        low = self._number(r, row, "low", indicator)
        high = self._number(r, row, "high", indicator)
        self._band(r, row, value, low, high)
        source = self._source(r, row)
        roadmap = self._roadmap(r, row, year, kind)
        if None in (indicator, agency, year, kind, roadmap, source):
            return None
        cell_of = "value" if value is not None or "low" not in self.cols else "low"
        return TargetRow(
            roadmap.code, indicator.code, agency, year, kind, value, low, high, source,
            self.sheet.name, self.ref(r, self.cols[cell_of]),
        )  # fmt: skip

    def _kind(self, r: int, row: list) -> str | None:
        raw = self.raw(row, "kind")
        if raw is None and self.unusable(r, "kind"):
            return None
        kind = KINDS.get(cells.header_key(raw)) if raw is not None else None
        if kind is None:
            self.issue("target_kind_unknown", r, self.cols["kind"], raw or "")
        return kind

    def _number(self, r: int, row: list, name: str, indicator: Indicator | None):
        value = self.raw(row, name)
        if value is not None and cells.is_not_reported(value):
            return None
        number = self.parse(cells.parse_number, r, name, row)
        if number is None:
            return None
        return judged_number(self, value, number, r, self.cols[name], indicator)

    def _band(self, r: int, row: list, value, low, high) -> None:
        given = {n: self.raw(row, n) is not None for n in ("value", "low", "high")}
        if given["low"] != given["high"]:
            name = "high" if given["low"] else "low"
            self.issue("target_band_incomplete", r, self.cols.get(name, self.cols.get("low", self.cols.get("high"))), "")  # fmt: skip
        elif not any(given.values()) and not self.unusable(r, "value"):
            self.issue("target_value_missing", r, self.cols.get("value", self.cols.get("low")), "")
        if low is None or high is None:
            return
        if low > high:
            self.issue("target_band_reversed", r, self.cols["low"], fmt(low), high=fmt(high))
        elif value is not None and not low <= value <= high:
            self.issue(
                "target_band_outside", r, self.cols["value"], fmt(value), low=fmt(low),
                high=fmt(high),
            )  # fmt: skip

    def _source(self, r: int, row: list) -> str | None:
        raw = self.raw(row, "source")
        text = "" if raw is None else " ".join(str(raw).split())
        if not text:
            self.issue("target_source_missing", r, self.cols["source"], "")
            return None
        return text

    def _roadmap(self, r: int, row: list, year: int | None, kind: str | None) -> Roadmap | None:
        catalogue = self.ctx.catalogue
        raw = self.raw(row, "roadmap")
        choices = ", ".join(sorted(catalogue.roadmaps))
        if raw is not None:
            roadmap = catalogue.roadmaps.get(str(raw).strip().upper())
            if roadmap is None:
                self.issue("target_roadmap_unknown", r, self.cols["roadmap"], raw, choices=choices)
                return None
        elif year is None or kind is None:
            return None
        else:
            roadmap = default_roadmap(catalogue, year, kind)
            if roadmap is None:
                c = self.cols.get("year")
                self.issue("target_roadmap_unknown", r, c, year, choices=choices)
                return None
        if year is None or kind is None:
            return roadmap
        c = self.cols.get("year")
        where = {"roadmap": roadmap.code, "start": roadmap.start_year, "end": roadmap.end_year}
        if kind == "target" and not roadmap.contains(year):
            self.issue("target_year_outside_roadmap", r, c, year, **where)
            return None
        if kind == "baseline" and year > roadmap.start_year:
            self.issue("target_baseline_after_start", r, c, year, **where)
            return None
        return roadmap


def _deduplicate(rows: list[TargetRow], issues: list[Issue]) -> list[TargetRow]:
    """The same agency/indicator/year/kind twice: an error when the values differ (which one
    is meant?), a warning and one row kept when they agree."""
    first: dict[tuple, TargetRow] = {}
    kept = []
    for row in rows:
        key = (row.agency, row.indicator, row.year, row.kind)
        earlier = first.get(key)
        if earlier is None:
            first[key] = row
            kept.append(row)
            continue
        same = earlier.content()[:3] == row.content()[:3]
        issues.append(
            Issue.make(
                "target_duplicate_same" if same else "target_duplicate_conflict",
                sheet=row.sheet, cell=row.cell, row=int("".join(filter(str.isdigit, row.cell))),
                value=_shown(row), other=_shown(earlier), first=earlier.cell, kind=row.kind,
                indicator=row.indicator, agency=row.agency, year=row.year,
            )
        )  # fmt: skip
    return kept


def _shown(row: TargetRow) -> Number | Numbers:
    """A target as its message shows it, in each language's notation: a band 97,25–98,5 (85)."""
    if row.low is not None and row.high is not None:
        if row.value is None:
            return Numbers((row.low, row.high), pattern="{0}–{1}")
        return Numbers((row.low, row.high, row.value), pattern="{0}–{1} ({2})")
    return fmt(row.value)
