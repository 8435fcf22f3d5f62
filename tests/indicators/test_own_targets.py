"""Issue 12: an agency is judged only against its own figures, and a target is only an
official figure. Each case gives its arithmetic; t = (year - 1) + quarter/4."""

from __future__ import annotations

import pytest

from indicators.catalogue import NATIONAL, Catalogue, Roadmap
from indicators.progress import Point, assess, period_target

RM = Roadmap("RB-T", "Uji", "Test", 2020, 2024)


def catalogue(*targets: dict) -> Catalogue:
    def ind(code, direction, applies):
        return {
            "code": code, "theme": "T", "name_id": code, "name_en": code, "unit": "persen",
            "direction": direction, "agency_types": "PROV", "national_rollup": "mean",
            "frequency": "quarterly", "national_target": "applies" if applies else "reference",
        }  # fmt: skip

    return Catalogue.from_rows(
        roadmaps=[{"code": "RB-T", "name_id": "u", "name_en": "t", "start_year": 2020,
                   "end_year": 2024}],
        indicators=[ind("IRB", "higher_better", False), ind("INFLASI", "target_band", True)],
        targets=targets,
    )  # fmt: skip


def row(indicator, agency, year, kind, value, low=None, high=None) -> dict:
    return {"roadmap": "RB-T", "indicator": indicator, "agency": agency, "year": year,
            "kind": kind, "value": value, "low": low, "high": high}  # fmt: skip


NATIONAL_IRB = [
    row("IRB", NATIONAL, 2019, "baseline", 60),
    row("IRB", NATIONAL, 2024, "target", 80),
]
# 2022: 3 ± 1; 2024 (the final year F): 2.5 ± 1; 2023 has no row.
NATIONAL_BAND = [
    row("INFLASI", NATIONAL, 2022, "target", 3.0, 2.0, 4.0),
    row("INFLASI", NATIONAL, 2024, "target", 2.5, 1.5, 3.5),
]


@pytest.mark.parametrize(
    ("rows", "indicator", "agency", "expected"),
    [
        # A region without its own rows gets none, though the nation has a baseline and a target
        # (the old rule lent it the national ones and judged it against them).
        (NATIONAL_IRB, "IRB", "32", []),
        # Its own rows only, never mixed with the national baseline.
        ([*NATIONAL_IRB, row("IRB", "32", 2024, "target", 70)], "IRB", "32", [(2024, "target")]),
        # The nation keeps its own.
        (NATIONAL_IRB, "IRB", NATIONAL, [(2019, "baseline"), (2024, "target")]),
        # `applies` (inflation): the national band is the region's target too.
        (NATIONAL_BAND, "INFLASI", "32", [(2022, "target"), (2024, "target")]),
    ],
)
def test_targets_for_gives_an_agency_its_own_rows(rows, indicator, agency, expected):
    cat = catalogue(*rows)
    assert [(t.year, t.kind) for t in cat.targets_for("RB-T", indicator, agency)] == expected


def test_the_national_reference_is_separate_from_the_agency_targets():
    cat = catalogue(*NATIONAL_IRB)
    reference = cat.national_reference("RB-T", "IRB")
    assert [(t.agency, t.year, t.kind) for t in reference] == [
        (NATIONAL, 2019, "baseline"),
        (NATIONAL, 2024, "target"),
    ]


def test_an_agency_without_own_targets_has_no_target_though_national_ones_exist():
    cat = catalogue(*NATIONAL_IRB)
    ind, rows = cat.indicators["IRB"], cat.targets_for("RB-T", "IRB", "32")
    # Against the national path (B=60 at 2019, E(2022.0) = 60 + 20*3/5 = 72) 55 would be
    # "deteriorating" (P = -5/12); the region never set those figures.
    a = assess(ind, RM, rows, [Point(2022, 4, 55)])
    assert (a.status, a.reason, a.target, a.expected, a.baseline) == (
        "no_target", "no_target", None, None, None,
    )  # fmt: skip


def test_an_uploaded_target_still_decides_by_achievement_without_own_rows():
    cat = catalogue(*NATIONAL_IRB)
    ind, rows = cat.indicators["IRB"], cat.targets_for("RB-T", "IRB", "32")
    a = assess(ind, RM, rows, [Point(2022, 4, 55, target=50)])
    # 100*55/50 = 110 >= 95; the uploaded 50 is the shown target.
    assert (a.status, a.reason, a.target, a.target_source) == (
        "on_track", "no_path_achievement", 50, "uploaded",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("value", "status", "capaian"),
    [
        (2.5, "on_track", 100.0),  # inside the national band 2.0..4.0
        (4.6, "needs_acceleration", 70.0),  # 0.6 above, within one width: 100*(1 - 0.6/2)
        (6.5, "off_track", 0.0),  # 2.5 above, beyond one width: 100*(1 - 2.5/2) < 0 → 0
    ],
)
def test_inflation_of_a_region_is_judged_against_the_national_band(value, status, capaian):
    cat = catalogue(*NATIONAL_BAND)
    ind, rows = cat.indicators["INFLASI"], cat.targets_for("RB-T", "INFLASI", "32")
    a = assess(ind, RM, rows, [Point(2022, 2, value)])
    assert (a.status, a.band, a.target, a.target_source) == (status, (2.0, 4.0), 3.0, "band")
    assert a.achievement == pytest.approx(capaian)


def test_a_band_is_held_until_the_next_band_row():
    # 2023 has no row: the 2022 band 2.0..4.0 holds; 4.5 is 0.5 above it, within one width.
    cat = catalogue(*NATIONAL_BAND)
    ind, rows = cat.indicators["INFLASI"], cat.targets_for("RB-T", "INFLASI", "32")
    a = assess(ind, RM, rows, [Point(2023, 1, 4.5)])
    assert (a.status, a.band, a.target_year) == ("needs_acceleration", (2.0, 4.0), 2022)


def test_an_interpolated_point_is_never_reported_as_target():
    cat = catalogue(*NATIONAL_IRB)
    ind, rows = cat.indicators["IRB"], cat.targets_for("RB-T", "IRB", NATIONAL)
    # B=60 at 2019, T2024=80: E(2022.0) = 60 + 20*3/5 = 72, a point of the path.
    a = assess(ind, RM, rows, [Point(2022, 4, 72)])
    assert a.expected == pytest.approx(72) and a.achievement_basis == pytest.approx(72)
    assert (a.target, a.target_source, a.basis_source) == (None, None, "path")
    assert period_target(ind, RM, rows, 2022, 4) is None  # the template prints "-", not 72
    # Q4 2024 is the end of a year with a target row: the target is T2024 = 80.
    end = assess(ind, RM, rows, [Point(2024, 4, 79)])
    assert (end.target, end.target_source, end.target_year) == (80, "target_row", 2024)
    assert period_target(ind, RM, rows, 2024, 4) == 80
    # Q2 2024 (t=2023.5): E = 60 + 20*4.5/5 = 78 is expected, but no target is shown.
    mid = assess(ind, RM, rows, [Point(2024, 2, 77)])
    assert (mid.target, mid.expected) == (None, pytest.approx(78))


def test_a_baseline_comes_from_the_observation_before_the_road_map():
    cat = catalogue(row("IRB", "32", 2024, "target", 80))
    ind, rows = cat.indicators["IRB"], cat.targets_for("RB-T", "IRB", "32")
    pts = [Point(2019, 2, 40), Point(2019, 4, 50), Point(2020, 4, 70), Point(2022, 4, 71)]
    a = assess(ind, RM, rows, pts)
    # B = Q4 2019 = 50 (t=2019.0 <= 2020 - 1); Q4 2020's 70 is progress, not a baseline.
    # E(2022.0) = 50 + 30*3/5 = 68; P = (71-50)/(68-50) = 21/18 = 1.1667.
    assert (a.baseline, a.baseline_t, a.baseline_source) == (50, 2019.0, "observation")
    assert a.progress_ratio == pytest.approx(21 / 18) and a.status == "on_track"
    # Nothing before 2020: no baseline, no path; Q4 2022 has no target row → no_target.
    late = assess(ind, RM, rows, pts[2:])
    assert (late.baseline, late.expected, late.status) == (None, None, "no_target")


@pytest.mark.parametrize(
    ("direction", "base", "final", "flag"),
    [
        ("higher_better", 60, 55, True),  # 55 < 60
        ("higher_better", 60, 80, False),
        ("lower_better", 10, 12, True),  # 12 > 10
        ("lower_better", 10, 8, False),
    ],
)
def test_a_target_on_the_wrong_side_of_the_baseline_is_flagged(direction, base, final, flag):
    cat = catalogue(
        row("IRB", "32", 2019, "baseline", base), row("IRB", "32", 2024, "target", final)
    )
    ind = cat.indicators["IRB"]
    ind = type(ind)(**{**ind.__dict__, "direction": direction})
    a = assess(ind, RM, cat.targets_for("RB-T", "IRB", "32"), [Point(2022, 4, base)])
    assert a.target_below_baseline is flag


def test_the_shipped_reference_data_lends_only_the_inflation_band():
    import csv
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "data" / "reference" / "rb"

    def rows(name):
        with (folder / f"{name}.csv").open(encoding="utf-8") as f:
            return list(csv.DictReader(f))

    cat = Catalogue.from_rows(
        roadmaps=rows("roadmaps"), indicators=rows("indicators"), targets=rows("targets")
    )
    applies = {c for c, i in cat.indicators.items() if i.national_target_applies}
    assert applies == {"INFLASI"}
    # Kota Bandung's poverty and KemenPANRB's IRB: no targets of their own, none lent.
    assert cat.targets_for("RB-2025-2029", "KEMISKINAN", "32.73") == []
    assert cat.targets_for("RB-2025-2029", "IRB", "KL.KEMENPANRB") == []
    assert cat.national_reference("RB-2025-2029", "KEMISKINAN")  # drawn beside, for reference
    # Inflation: the national bands 2025-2027 are Bandung's.
    band = cat.targets_for("RB-2025-2029", "INFLASI", "32.73")
    assert [(t.agency, t.year, t.low, t.high) for t in band] == [
        (NATIONAL, 2025, 1.5, 3.5), (NATIONAL, 2026, 1.5, 3.5), (NATIONAL, 2027, 1.5, 3.5),
    ]  # fmt: skip
