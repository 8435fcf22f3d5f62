"""National figures and status summaries (../shared/spec/progress-method.md, "Roll-ups")."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from indicators import status as st
from indicators.catalogue import NATIONAL, Agency, Indicator


@dataclass(frozen=True)
class NationalFigure:
    value: float | None
    # "official", "computed", "insufficient" (too few reported to compute one) or "none"
    source: str
    n: int  # agencies that reported
    m: int  # agencies expected to report

    @property
    def computed(self) -> bool:
        return self.source == "computed"

    @property
    def coverage(self) -> float:
        return self.n / self.m if self.m else 0.0

    def describe(self, lang: str = "id") -> str:
        """Where the figure comes from, in the reader's language."""
        if lang not in st.LANGUAGES:
            raise ValueError(f"unknown language {lang!r}: expected one of {st.LANGUAGES}")
        texts = {
            "official": ("Angka resmi nasional", "Official national figure"),
            "computed": (
                f"Dihitung dari {self.n} dari {self.m} instansi",
                f"Computed from {self.n} of {self.m} agencies",
            ),
            "insufficient": (
                f"Tidak ada angka nasional: {self.n} dari {self.m} instansi melapor",
                f"No national figure: {self.n} of {self.m} agencies reported",
            ),
            "none": ("Tidak ada angka nasional", "No national figure"),
        }
        id_text, en_text = texts[self.source]
        return id_text if lang == "id" else en_text


def _reported(value: float | None) -> bool:
    return value is not None and not math.isnan(value)


# A sum counts each rupiah once: regencies' investment is part of their province's, so the
# computed national total adds up the highest regional level that reports the indicator.
SUM_LEVELS = ("PROV", "KABKOTA", "KL")


def rollup_types(indicator: Indicator) -> tuple[str, ...]:
    """The agency types whose values make a computed national figure."""
    reporting = tuple(t for t in indicator.agency_types if t != "NASIONAL")
    if indicator.national_rollup == "sum":
        return next(((t,) for t in SUM_LEVELS if t in reporting), ())
    return reporting


DEFAULT_MIN_COVERAGE = 0.8


def national_figure(
    indicator: Indicator,
    official_value: float | None,
    agency_values: Iterable[float | None],
    expected_agencies: int,
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> NationalFigure:
    """The official national value when there is one, else the catalogue's roll-up when
    enough agencies reported.

    A mean of the few that reported is the mean of the few, not the nation's (one ministry's
    IRB was shown as the national IRB): it needs `min_coverage` of the `m` expected. A `sum`
    over fewer than all of them understates the nation by whatever is missing, so it needs
    all of them. Below that the figure is `insufficient`, with its n of m for the reader.
    """
    values = [float(v) for v in agency_values if _reported(v)]
    n, m = len(values), expected_agencies
    if _reported(official_value):
        return NationalFigure(float(official_value), "official", n, m)
    rollup = indicator.national_rollup
    if not values or rollup not in ("mean", "sum"):
        return NationalFigure(None, "none", n, m)
    needed = 1.0 if rollup == "sum" else min_coverage
    # n/m is compared as n >= needed*m with a small tolerance: 0.8*650 = 520.0000000000001.
    if m <= 0 or n < needed * m - 1e-9:
        return NationalFigure(None, "insufficient", n, m)
    total = math.fsum(values)
    return NationalFigure(total if rollup == "sum" else total / n, "computed", n, m)


@dataclass(frozen=True)
class Official:
    """A published national figure with what is said of it (its note, its confidence) and
    whether it is a demo value."""

    value: float
    notes: str = ""
    confidence: str = ""
    demo: bool = False


Period = tuple[int, int]
# One period of a national series: year, quarter, value (NaN: insufficient), source, computed,
# n, m, reference, confidence, demo (the columns of etl.report.national.COLUMNS).
SeriesRow = tuple[int, int, float, str, bool, int, int, str, str, bool]


def national_series_rows(
    indicator: Indicator,
    agencies: Iterable[Agency],
    official: dict[Period, Official],
    reported: dict[Period, list[float]],
    demo: dict[Period, bool],
    min_coverage: float = DEFAULT_MIN_COVERAGE,
) -> list[SeriesRow]:
    """The national figure of every period that has one (or too few reports for one): the
    official figure, else the roll-up of `reported` (the values of the agencies of
    `rollup_types`) over the members that existed then; `demo` marks periods whose reports
    hold a demo value (a roll-up of them is demo too)."""
    types = rollup_types(indicator)
    members = [a for a in agencies if a.code != NATIONAL and a.type in types]
    rows = []
    for period in sorted(set(reported) | set(official)):
        # Who had to report is who existed then (ministries change with cabinets).
        expected = sum(a.exists_in(*period) for a in members)
        published = official.get(period)
        figure = national_figure(
            indicator, None if published is None else published.value,
            reported.get(period, []), expected, min_coverage,
        )  # fmt: skip
        if figure.source == "none":
            continue
        value = float("nan") if figure.value is None else figure.value
        if figure.source == "official":
            about = (published.notes, published.confidence, published.demo)
        elif figure.computed:
            # A computed figure is as sure as its roll-up: said in words, never as "high".
            words = (
                f"{figure.describe('id')} ({indicator.national_rollup}) / {figure.describe('en')}"
            )
            about = (words, "computed", demo.get(period, False))
        else:
            about = (f"{figure.describe('id')} / {figure.describe('en')}", "", False)
        rows.append((*period, value, figure.source, figure.computed, figure.n, figure.m, *about))
    return rows


@dataclass(frozen=True)
class StatusShare:
    status: str
    count: int
    share: float  # of all statuses counted, 0..1


def status_summary(statuses: Iterable[str]) -> list[StatusShare]:
    """Count and share of indicators in each status, every status listed in status order.

    Indicators of unlike units are summarised by counting statuses, never by averaging their
    achievement percentages.
    """
    counts = Counter(statuses)
    for code in counts:
        st.get(code)  # an unknown code is a caller's bug, not a new status
    total = sum(counts.values())
    return [
        StatusShare(s.code, counts[s.code], counts[s.code] / total if total else 0.0)
        for s in st.STATUSES
    ]
