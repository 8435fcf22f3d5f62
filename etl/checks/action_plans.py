"""Action-plan sheets + catalogue → typed action rows and every issue, each named by cell.

The agency and year of a sheet come from its metadata block (or a title row saying `TAHUN
2024`), the upload form, or the file name, in that order; the result says which was used. The
theme of a row comes from its `tema` cell, the upload form, or its INDIKATOR naming a catalogue
indicator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from etl.checks import action_plan_cells as ac
from etl.checks.agencies import agency_problem
from etl.checks.sheet_cells import SheetCells
from etl.core import clock
from etl.core.action_rows import ActionRow
from etl.core.issues import Issue, IssueList, Number, Numbers
from etl.reading import cells
from etl.reading.action_plan import ActionSheet
from etl.reading.cells import CellProblem, column_letter
from indicators import action_plan as measures
from indicators.catalogue import Catalogue
from indicators.path import quarter_end

QUARTERS = (1, 2, 3, 4)
# Figures that report a quarter (not the plan): a locked quarter's may only repeat the stored.
LOCKABLE = tuple(f"{k}_tw{q}" for q in QUARTERS for k in ("realised", "spent_rp"))


TEXT_FIELDS = ("problem", "objective", "impact_indicator", "output_indicator", "output_unit", "coordinator", "implementer", "notes")  # fmt: skip
CARRIED = ("problem", "objective", "impact_indicator")
QUARTER_COLUMNS = tuple(
    f"{k}_tw{q}" for k in ("target", "realised", "planned_rp", "spent_rp") for q in QUARTERS
)
PAYLOAD = ("output_indicator", "target_year", "budget", "budget_spent", *QUARTER_COLUMNS)
_TOTAL_ROWS = frozenset({"jumlah", "total", "subtotal", "grandtotal", "jumlahtotal"})
_CONTEXT_NAMES = {
    "agency": ("Kode instansi", "agency code", "Kode Instansi", "Agency code", "--agency"),
    "year": ("Tahun", "year", "Tahun", "Year", "--year"),
}


@dataclass
class ActionContext:
    catalogue: Catalogue
    today: dt.date = field(default_factory=clock.today)
    allowed_agencies: frozenset[str] | None = None
    file_name: str = ""
    agency: str | None = None  # from the upload form / --agency
    year: int | None = None
    theme: str | None = None
    # (agency, year, quarter) → locked for this user; None: no lock applies (an operator).
    locked: Callable[[str, int, int], bool] | None = None
    # (agency, year) → its stored current actions by action code, field → value.
    stored: Callable[[str, int], dict[str, dict]] | None = None


@dataclass
class ActionValidation:
    rows: list[ActionRow]
    issues: list[Issue]
    sources: list[dict]  # per sheet: which agency and year were used, and from where
    # sheet → field → column letter of the lockable figures, for a commit's second look.
    columns: dict[str, dict[str, str]] = field(default_factory=dict)


def validate_actions(sheets: list[ActionSheet], ctx: ActionContext) -> ActionValidation:
    issues = IssueList()
    rows: list[ActionRow] = []
    sources = []
    seen: dict[tuple, int] = {}  # (agency, year, action code) → its first row, across sheets
    columns: dict[str, dict[str, str]] = {}
    for sheet in sheets:
        checker = _ActionChecker(sheet, ctx, issues, seen)
        source = checker.run(rows)
        if source:
            sources.append(source)
            columns[sheet.name] = {
                n: column_letter(c) for n in LOCKABLE if (c := checker.cols.get(n)) is not None
            }
    return ActionValidation(rows, issues, sources, columns)


def locked_changes(
    row: ActionRow, locked: Callable[[str, int, int], bool], before: dict
) -> list[tuple[int, str]]:
    """(quarter, field) of the row's realised output and spending in a locked quarter that do
    not repeat `before` (the stored action's fields): what the lock refuses."""
    return [
        (q, name)
        for q in QUARTERS
        if locked(row.agency, row.year, q)
        for name in (f"realised_tw{q}", f"spent_rp_tw{q}")
        if not _same_figure(getattr(row, name), before.get(name))
    ]


def locked_since(
    rows: Iterable[ActionRow],
    locked: Callable[[str, int, int], bool],
    stored: Callable[[str, int], dict[str, dict]],
    columns: dict[str, dict[str, str]],
) -> list[Issue]:
    """The lock rule asked again at commit, against the locks and the stored actions of that
    moment: a check kept from before a quarter locked (the upload page keeps its dry run) must
    not store that quarter's figures after. One period_locked per period, at its first cell."""
    issues = IssueList()
    for row in rows:
        for q, name in locked_changes(row, locked, stored(row.agency, row.year).get(row.action_code, {})):  # fmt: skip
            if issues.first_time(row.agency, row.year, q):
                letter = columns.get(row.sheet, {}).get(name)
                cell = f"{letter}{row.row}" if letter else None
                issues.append(Issue.make(
                    "period_locked", sheet=row.sheet, cell=cell, row=row.row,
                    value=f"{row.year} TW{q}", agency=row.agency,
                ))  # fmt: skip
    return list(issues)


class _ActionChecker(SheetCells):
    def __init__(self, sheet: ActionSheet, ctx: ActionContext, issues: list[Issue], seen: dict):
        super().__init__(sheet, issues)
        self.ctx, self.seen = ctx, seen
        self.carry: dict[str, str | None] = {}

    def parse(self, parser, r: int, name: str, row: list):
        """Parse the cell of field `name`; None for an empty or '-' cell or a problem."""
        c = self.cols.get(name)
        # Before the emptiness test: calamine reads both of these as an empty cell.
        if self.unusable(r, name):
            return None
        value = self.raw(row, name)
        if value is None or cells.is_not_reported(value):
            return None
        try:
            return parser(value)
        except CellProblem as problem:
            self.issue(problem.code, r, c, value, **problem.params)
            return None

    # -- the sheet -------------------------------------------------------------------------------
    def run(self, out: list[ActionRow]) -> dict | None:
        if self.layout is None:
            shown = ", ".join(self.sheet.headers_seen[:40]) or "-"
            self.issue("action_no_header", None, None, headers=shown)
            return None
        if self.layout.unknown:
            self.issue("unknown_columns", None, None, ", ".join(self.layout.unknown))
        agency, year = self._context()
        if agency is None or year is None:
            return None
        for r, row in self.sheet.data_rows():
            before = self.errors
            parsed = self._row(r, row, agency[0], year[0])
            if parsed is None or self.errors != before or self._changes_locked(parsed):
                continue
            key = (parsed.agency, parsed.year, parsed.action_code)
            if key in self.seen:
                self.issue(
                    "action_duplicate", r, self.cols["action"], parsed.action,
                    action_code=parsed.action_code, first=self.seen[key],
                )  # fmt: skip
                continue
            self.seen[key] = r + 1
            out.append(parsed)
        return {
            "sheet": self.sheet.name,
            "agency": agency[0],
            "agency_source": agency[1],
            "year": year[0],
            "year_source": year[1],
        }

    def _context(self) -> tuple[tuple | None, tuple | None]:
        catalogue = self.ctx.catalogue
        named_agency, named_year = ac.from_file_name(self.ctx.file_name, catalogue.agencies)
        meta = self.layout.metadata
        given_agency = meta.get("agency_code")
        given_year = meta.get("year")
        year_source = "metadata"
        if given_year is None and self.layout.title_year is not None:
            given_year, year_source = self.layout.title_year, "title"
        form_agency = None if self.ctx.agency is None else cells.agency_code(self.ctx.agency)
        agency = self._pick(
            "agency", given_agency, cells.agency_code, form_agency, named_agency, "metadata"
        )
        year = self._pick(
            "year", given_year, cells.parse_year, self.ctx.year, named_year, year_source
        )
        if agency is not None and not self._allowed_agency(agency[0], given_agency, agency[1]):
            agency = None
        return agency, year

    def _pick(self, name, given, parser, form, from_name, source):
        """The value of the file (metadata), else the form's, else the file name's."""
        fid, fen, lid, len_, option = _CONTEXT_NAMES[name]
        if given is not None:
            value, r, c = given
            try:
                parsed = parser(value)
            except CellProblem as problem:
                self.issue(problem.code, r, c, value, **problem.params)
                return None
            if form is not None and form != parsed:
                self.issue(
                    "action_context_conflict", r, c, parsed, expected=form, field_id=fid,
                    field_en=fen,
                )  # fmt: skip
                return None
            return (parsed, source)
        if form is not None:
            return (form, "form")
        if from_name is not None:
            return (from_name, "file_name")
        self.issue(
            "action_missing_context", None, None, field_id=fid, field_en=fen, label_id=lid,
            label_en=len_, option=option,
        )  # fmt: skip
        return None

    def _allowed_agency(self, code: str, given, source: str) -> bool:
        r, c = (given[1], given[2]) if source == "metadata" and given else (None, None)
        problem = agency_problem(self.ctx, code)
        if problem:
            self.issue(problem, r, c, code)
        return problem is None

    # -- a row -----------------------------------------------------------------------------------
    def _row(self, r: int, row: list, agency: str, year: int) -> ActionRow | None:
        filled = [v for v in row if v is not None and v != ""]
        if all(_is_column_number(v) for v in filled) or any(
            isinstance(v, str) and cells.header_key(v) in _TOTAL_ROWS for v in filled
        ):
            return None  # the "(1) (2) (3)" row under a header, or a total row
        texts = {name: ac.text(self.raw(row, name)) for name in (*TEXT_FIELDS, "action")}
        for name in CARRIED:
            if texts[name] is None:
                texts[name] = self.carry.get(name)
            self.carry[name] = texts[name]
        has_payload = any(self.raw(row, n) is not None for n in PAYLOAD)
        if texts["action"] is None:
            if has_payload and self.carry.get("action"):
                texts["action"] = self.carry["action"]
            elif has_payload:
                self.issue("action_missing", r, self.cols["action"], "")
                return None
            else:
                return None
        self.carry["action"] = texts["action"]
        theme = self._theme(r, row, texts["impact_indicator"])
        unit = texts["output_unit"]
        numbers = {
            f"{kind}_tw{q}": self._quantity(r, row, f"{kind}_tw{q}", unit, year, q)
            for kind in ("target", "realised")
            for q in QUARTERS
        }
        for kind in ("planned_rp", "spent_rp"):
            for q in QUARTERS:
                numbers[f"{kind}_tw{q}"] = self._money(r, row, f"{kind}_tw{q}", year, q)
        target_year = self._quantity(r, row, "target_year", unit, year, None)
        budget = self._money(r, row, "budget", year, None)
        spent = self._money(r, row, "budget_spent", year, None)
        planned = [numbers[f"planned_rp_tw{q}"] for q in QUARTERS]
        spent_q = [numbers[f"spent_rp_tw{q}"] for q in QUARTERS]
        budget = budget if budget is not None else _sum(planned)
        spent = spent if spent is not None else _sum(spent_q)
        if budget is not None and spent is not None and spent > budget:
            c = self.cols.get("budget_spent", self.cols.get("budget"))
            self.issue("action_overspent", r, c, _fmt(spent), budget=_fmt(budget))
        targets = [numbers[f"target_tw{q}"] for q in QUARTERS]
        kind, clear = measures.target_kind(targets, target_year, unit)
        if not clear:
            self.issue(
                "action_target_kind_unclear", r, self.cols.get("target_tw1"), None,
                targets=Numbers(map(_whole_rupiah, targets)), year_target=_fmt(target_year),
            )  # fmt: skip
        focus = self.parse(ac.focus_area, r, "focus", row)
        url = self._evidence(r, row)
        if theme is None:
            return None
        code = ac.text(self.raw(row, "action_code")) or ac.generated_code(
            agency, year, theme, texts["action"], texts["output_indicator"]
        )
        return ActionRow(
            agency=agency, year=year, theme=theme, action_code=code,
            **{n: texts[n] for n in (*TEXT_FIELDS, "action")},
            focus=focus, evidence_url=url, target_year=target_year, **numbers,
            budget=budget, budget_spent=spent, target_kind=kind,
            sheet=self.sheet.name, row=r + 1,
        )  # fmt: skip

    def _changes_locked(self, parsed: ActionRow) -> bool:
        """Realised output and spending of a locked quarter may only repeat what is stored: an
        agency's sheet carries every quarter of its year, and the earlier ones lock meanwhile.
        Targets and planned money are the plan, not a report of the quarter: they may change."""
        if self.ctx.locked is None:
            return False
        stored = self.ctx.stored(parsed.agency, parsed.year) if self.ctx.stored else {}
        changed = locked_changes(parsed, self.ctx.locked, stored.get(parsed.action_code, {}))
        for q, name in changed:
            if self.issues.first_time("period_locked", parsed.agency, parsed.year, q):
                shown = f"{parsed.year} TW{q}"
                self.issue("period_locked", parsed.row - 1, self.cols[name], shown, agency=parsed.agency)  # fmt: skip
        return bool(changed)

    def _theme(self, r: int, row: list, impact_indicator: str | None) -> str | None:
        catalogue = self.ctx.catalogue
        cell = self.raw(row, "theme")
        c = self.cols.get("theme")
        if cell is not None and not cells.is_not_reported(cell):
            theme = ac.resolve_theme(catalogue, cell)
            shown = cell
        elif self.ctx.theme:
            theme, shown, c = ac.resolve_theme(catalogue, self.ctx.theme), self.ctx.theme, None
        elif impact_indicator:
            c = self.cols.get("impact_indicator")
            theme, shown = ac.theme_of_indicator(catalogue, impact_indicator), impact_indicator
        else:
            theme, shown = None, ""
        tematik = [t.code for t in catalogue.themes.values() if t.is_tematik]
        if c is None and theme is None:
            c = self.cols.get("impact_indicator", self.cols["action"])
        if theme is None:
            self.issue("action_theme_unknown", r, c, shown, choices=", ".join(tematik))
            return None
        if theme not in tematik:
            self.issue("action_theme_not_tematik", r, c, theme, choices=", ".join(tematik))
            return None
        return theme

    def _not_ended(self, r: int, name: str, value, year: int, quarter: int | None) -> bool:
        if quarter is None or not name.startswith(("realised", "spent")):
            return False
        end = quarter_end(year, quarter)
        if self.ctx.today <= end:
            self.issue(
                "action_quarter_not_ended", r, self.cols[name], value, quarter=quarter, year=year,
                end=end.isoformat(),
            )  # fmt: skip
            return True
        return False

    def _quantity(self, r, row, name, unit, year, quarter) -> float | None:
        parsed = self.parse(ac.parse_quantity, r, name, row)
        if parsed is None or self._not_ended(r, name, self.raw(row, name), year, quarter):
            return None
        number, word = parsed
        c = self.cols[name]
        if isinstance(self.raw(row, name), (int, float)) and self.ref(r, c) in (
            self.sheet.percent_cells
        ):
            number, word = number * 100.0, "%"
        if word and unit and not ac.same_unit_word(word, unit):
            self.issue("action_unit_differs", r, c, word, expected=unit)
        return number

    def _money(self, r, row, name, year, quarter) -> float | None:
        number = self.parse(ac.parse_money, r, name, row)
        if number is None or self._not_ended(r, name, self.raw(row, name), year, quarter):
            return None
        return number

    def _evidence(self, r: int, row: list) -> str | None:
        url = ac.text(self.raw(row, "evidence_url"))
        if url is None:
            return None
        if not cells.is_http_url(url):
            self.issue("invalid_url", r, self.cols["evidence_url"], url)
            return None
        return url


def _is_column_number(value) -> bool:
    text = str(value).strip().strip("()").removesuffix(".0")
    return text.isdigit()


def _same_figure(new: float | None, old: float | None) -> bool:
    if new is None or old is None:
        return new is old
    return abs(new - old) < 1e-9


def _sum(values: list[float | None]) -> float | None:
    filled = [v for v in values if v is not None]
    return sum(filled) if filled else None


def _fmt(number: float | None) -> Number:
    return Number(_whole_rupiah(number), "-")


def _whole_rupiah(number: float | None) -> float | None:
    # Rupiah are whole: 1.234.567 in Indonesian, 1,234,567 in English.
    return None if number is None else round(number) if number >= 1000 else number
