"""The reference catalogue: road maps, themes, indicators, targets, scales and agencies.

Plain, immutable models built from rows (dicts of strings as read from the reference CSVs or
from the database). Nothing here knows where the rows came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

NATIONAL = "ID"
AGENCY_TYPES = ("NASIONAL", "KL", "PROV", "KABKOTA")
DIRECTIONS = ("higher_better", "lower_better", "target_band")
ROLLUPS = ("mean", "sum", "none")
PERIOD_VALUES = ("level", "ytd")


def _num(text: object) -> float | None:
    if text is None:
        return None
    if isinstance(text, (int, float)):
        return float(text)
    text = str(text).strip()
    return float(text) if text else None


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    return dt.date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Roadmap:
    code: str
    name_id: str
    name_en: str
    start_year: int
    end_year: int
    legal_basis: str = ""
    status: str = ""

    def contains(self, year: int) -> bool:
        return self.start_year <= year <= self.end_year

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> Roadmap:
        return cls(
            code=_text(row["code"]).upper(),
            name_id=_text(row["name_id"]),
            name_en=_text(row["name_en"]),
            start_year=int(_num(row["start_year"])),
            end_year=int(_num(row["end_year"])),
            legal_basis=_text(row.get("legal_basis")),
            status=_text(row.get("status")),
        )


@dataclass(frozen=True)
class Theme:
    code: str
    focus: str
    name_id: str
    name_en: str

    @property
    def is_tematik(self) -> bool:
        return self.focus.lower().endswith("tematik")

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> Theme:
        return cls(
            code=_text(row["code"]).upper(),
            focus=_text(row["focus"]),
            name_id=_text(row["name_id"]),
            name_en=_text(row["name_en"]),
        )


@dataclass(frozen=True)
class Indicator:
    code: str
    theme: str
    name_id: str
    name_en: str
    unit: str
    min: float | None
    max: float | None
    direction: str
    agency_types: tuple[str, ...]
    national_rollup: str
    scale: str
    frequency: str
    period_value: str
    confidence: str = ""
    definition_source: str = ""
    # "applies": the national target is every reporting agency's target too (inflation);
    # "reference": agencies set their own and the national one is only drawn beside them.
    national_target: str = "reference"

    @property
    def national_target_applies(self) -> bool:
        return self.national_target == "applies"

    @property
    def is_percent(self) -> bool:
        """Measured in percent: a percent-formatted Excel cell (0.85) means 85."""
        return self.unit.lower().split(" ")[0] in ("persen", "%")

    def reported_by(self, agency_type: str) -> bool:
        return agency_type in self.agency_types

    def out_of_range(self, number: float) -> bool:
        """Outside the indicator's plausible range (`min`, `max`), which an upload refuses."""
        return (self.min is not None and number < self.min) or (
            self.max is not None and number > self.max
        )

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> Indicator:
        direction = _text(row["direction"])
        if direction not in DIRECTIONS:
            raise ValueError(f"indicator {row['code']}: unknown direction {direction!r}")
        types = row["agency_types"]
        if isinstance(types, str):
            types = [t for t in types.replace(",", ";").split(";") if t.strip()]
        return cls(
            code=_text(row["code"]).upper(),
            theme=_text(row["theme"]).upper(),
            name_id=_text(row["name_id"]),
            name_en=_text(row["name_en"]),
            unit=_text(row["unit"]),
            min=_num(row.get("min")),
            max=_num(row.get("max")),
            direction=direction,
            agency_types=tuple(t.strip().upper() for t in types),
            national_rollup=_text(row.get("national_rollup")) or "none",
            scale=_text(row.get("scale")).upper(),
            frequency=_text(row.get("frequency")),
            period_value=_text(row.get("period_value")) or "level",
            confidence=_text(row.get("confidence")),
            definition_source=_text(row.get("definition_source")),
            national_target=_text(row.get("national_target")) or "reference",
        )


@dataclass(frozen=True)
class Target:
    """A baseline or an annual target of one indicator for one agency (`ID` = national)."""

    roadmap: str
    indicator: str
    agency: str
    year: int
    kind: str  # "baseline" or "target"
    value: float | None
    low: float | None = None
    high: float | None = None
    confidence: str = ""
    source: str = ""

    @property
    def is_band(self) -> bool:
        return self.low is not None and self.high is not None

    @property
    def point(self) -> float | None:
        """The value used on the path: a band's midpoint, else the value."""
        if self.is_band:
            return (self.low + self.high) / 2
        return self.value

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> Target:
        return cls(
            roadmap=_text(row["roadmap"]).upper(),
            indicator=_text(row["indicator"]).upper(),
            agency=_text(row["agency"]).upper(),
            year=int(_num(row["year"])),
            kind=_text(row["kind"]).lower(),
            value=_num(row.get("value")),
            low=_num(row.get("low")),
            high=_num(row.get("high")),
            confidence=_text(row.get("confidence")),
            source=_text(row.get("source")),
        )


@dataclass(frozen=True)
class ScaleBand:
    scale: str
    label_id: str
    label_en: str
    lower: float
    upper: float
    closed_side: str  # "lower": [lower, upper); "upper": (lower, upper]
    confidence: str = ""
    source: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> ScaleBand:
        return cls(
            scale=_text(row["scale"]).upper(),
            label_id=_text(row["label_id"]),
            label_en=_text(row["label_en"]),
            lower=float(_num(row["lower"])),
            upper=float(_num(row["upper"])),
            closed_side=_text(row.get("closed_side")) or "lower",
            confidence=_text(row.get("confidence")),
            source=_text(row.get("source")),
        )


@dataclass(frozen=True)
class Agency:
    """A reporting body. Ministries come and go with cabinets: `valid_from`..`valid_to` is
    half-open (None: before the first road map / still in force) and `successors` names the
    bodies that took over (a split or a rename), never merged with this one's data."""

    code: str
    name: str
    type: str
    parent: str = ""
    acronym: str = ""
    kind: str = ""
    budget_section: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    successors: tuple[str, ...] = ()
    source: str = ""
    confidence: str = ""

    def exists_in(self, year: int, quarter: int) -> bool:
        """Whether the body existed during any part of the quarter (both cabinets' ministries
        report the quarter in which one cabinet followed the other)."""
        if self.valid_from is None and self.valid_to is None:
            return True  # most bodies: asked for every value of a national file
        first = dt.date(year, 3 * quarter - 2, 1)
        after = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
        return (self.valid_from is None or self.valid_from < after) and (
            self.valid_to is None or self.valid_to > first
        )

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> Agency:
        successors = _text(row.get("successors")).replace(",", ";")
        return cls(
            code=_text(row["code"]).upper(),
            name=_text(row["name"]),
            type=_text(row["type"]).upper(),
            parent=_text(row.get("parent")).upper(),
            acronym=_text(row.get("acronym")),
            kind=_text(row.get("kind")),
            budget_section=_text(row.get("budget_section")),
            valid_from=_date(row.get("valid_from")),
            valid_to=_date(row.get("valid_to")),
            successors=tuple(c.strip().upper() for c in successors.split(";") if c.strip()),
            source=_text(row.get("source")),
            confidence=_text(row.get("confidence")),
        )


@dataclass(frozen=True)
class NationalActual:
    indicator: str
    year: int
    quarter: int
    value: float
    confidence: str = ""
    source: str = ""

    @classmethod
    def from_row(cls, row: Mapping[str, object]) -> NationalActual:
        return cls(
            indicator=_text(row["indicator"]).upper(),
            year=int(_num(row["year"])),
            quarter=int(_num(row["quarter"])),
            value=float(_num(row["value"])),
            confidence=_text(row.get("confidence")),
            source=_text(row.get("source")),
        )


@dataclass
class Catalogue:
    roadmaps: dict[str, Roadmap] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)
    indicators: dict[str, Indicator] = field(default_factory=dict)
    targets: list[Target] = field(default_factory=list)
    scales: dict[str, list[ScaleBand]] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    # The database's catalogue refresh this was read after (its audit id; 0: never refreshed),
    # so a file checked under it can tell a refresh since; None: not read from a database.
    refreshed: int | None = None

    @classmethod
    def from_rows(
        cls,
        *,
        roadmaps: Iterable[Mapping] = (),
        themes: Iterable[Mapping] = (),
        indicators: Iterable[Mapping] = (),
        targets: Iterable[Mapping] = (),
        scales: Iterable[Mapping] = (),
        agencies: Iterable[Mapping] = (),
    ) -> Catalogue:
        bands: dict[str, list[ScaleBand]] = {}
        for row in scales:
            band = ScaleBand.from_row(row)
            bands.setdefault(band.scale, []).append(band)
        for scale in bands.values():
            scale.sort(key=lambda b: b.lower)
        return cls(
            roadmaps={r.code: r for r in map(Roadmap.from_row, roadmaps)},
            themes={t.code: t for t in map(Theme.from_row, themes)},
            indicators={i.code: i for i in map(Indicator.from_row, indicators)},
            targets=[Target.from_row(r) for r in targets],
            scales=bands,
            agencies={a.code: a for a in map(Agency.from_row, agencies)},
        )

    def roadmap_for(self, year: int) -> Roadmap | None:
        """The road map whose years contain `year` (None outside every road map)."""
        for roadmap in sorted(self.roadmaps.values(), key=lambda r: r.start_year):
            if roadmap.contains(year):
                return roadmap
        return None

    @property
    def earliest_year(self) -> int:
        """The first year accepted in an upload: the first road map's start minus five years."""
        starts = [r.start_year for r in self.roadmaps.values()]
        return (min(starts) if starts else 2020) - 5

    def _rows(self, roadmap: str, indicator: str, agency: str) -> list[Target]:
        rows = self._targets_by_key().get((roadmap, indicator, agency), ())
        return sorted(rows, key=lambda t: (t.year, t.kind))

    def targets_for(self, roadmap: str, indicator: str, agency: str) -> list[Target]:
        """Baselines and targets that judge one agency's indicator in one road map.

        The agency's own rows only: a region sets its own in the RPJMD, a ministry in its
        Renstra, and measuring it against the national figure would judge it by a number it
        never committed to. The national rows are its targets too only where the catalogue says
        the national target `applies` (the inflation band is every region's reference).
        """
        own = self._rows(roadmap, indicator, agency)
        if agency == NATIONAL:
            return own
        ind = self.indicators.get(indicator)
        if ind is not None and ind.national_target_applies:
            # Own rows win year by year and kind by kind; the national band fills the rest.
            taken = {(t.year, t.kind) for t in own}
            national = self._rows(roadmap, indicator, NATIONAL)
            own += [t for t in national if (t.year, t.kind) not in taken]
        return sorted(own, key=lambda t: (t.year, t.kind))

    def national_reference(self, roadmap: str, indicator: str) -> list[Target]:
        """The national baseline and targets, drawn beside an agency's series for comparison;
        never passed to the progress method for an agency (use `targets_for`)."""
        return self._rows(roadmap, indicator, NATIONAL)

    def _targets_by_key(self) -> dict[tuple[str, str, str], list[Target]]:
        """(road map, indicator, agency) → its targets, built once per list of targets: with
        every agency's own targets uploaded there are tens of thousands, and a scan of them per
        series would dominate a page. Rebuilt when `targets` is replaced or grows."""
        stamp = (id(self.targets), len(self.targets))
        cached = self.__dict__.get("_target_index")
        if cached is None or cached[0] != stamp:
            index: dict[tuple[str, str, str], list[Target]] = {}
            for t in self.targets:
                index.setdefault((t.roadmap, t.indicator, t.agency), []).append(t)
            cached = self.__dict__["_target_index"] = (stamp, index)
        return cached[1]

    def indicators_for_type(self, agency_type: str) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.reported_by(agency_type)]

    def children(self, agency_code: str) -> list[Agency]:
        return [a for a in self.agencies.values() if a.parent == agency_code]

    def predecessors(self, agency_code: str) -> list[Agency]:
        """The bodies this one took over from (their `successors` name it)."""
        return [a for a in self.agencies.values() if agency_code in a.successors]
