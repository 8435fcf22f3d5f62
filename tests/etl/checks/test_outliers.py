"""The outlier warning follows the agency's own trend (upload-format.md): a Theil–Sen line through
the earlier values predicts the new one; far means a residual more than 3.5 robust z-scores from
the earlier residuals, or, when those do not vary, more than 10 % from the prediction."""

from __future__ import annotations

import pytest

from etl.checks.row_checks import is_outlier, theil_sen


def yearly(*values: float, start: int = 2020) -> list[tuple[float, float]]:
    return [(float(start + i), v) for i, v in enumerate(values)]


def test_theil_sen_ignores_one_wild_point():
    # The ten pairwise slopes, sorted: -25, 1, 1, 1, 1, 1, 1, 9.67, 14, 27 → median 1 (a least-
    # squares line would tilt towards (3, 30)).
    slope, intercept = theil_sen([(0, 1), (1, 2), (2, 3), (3, 30), (4, 5)])
    assert slope == 1 and intercept == 1  # v − t over the points: 1, 1, 1, 27, 1 → median 1


@pytest.mark.parametrize(
    "history, at, value, far",
    [
        # Flat history 50 ×4: prediction 50, residuals all 0 (MAD 0) → the 10 % rule:
        # 56 is 12 % away → far; 54 is 8 % away → not.
        (yearly(50, 50, 50, 50), 2024.0, 56, True),
        (yearly(50, 50, 50, 50), 2024.0, 54, False),
        # Rising 1, 2, 3, 4 (2020-2023): slope 1, prediction at 2027 = 8. The level-only rule
        # (median 2.5, MAD 1: z = 0.6745 × 5.5 = 3.7) called 8 an outlier; on the trend it is exact.
        (yearly(1, 2, 3, 4), 2027.0, 8, False),
        # Against that trend, 12 at 2025 (prediction 6, residual 6, MAD 0): 100 % away → far.
        (yearly(1, 2, 3, 4), 2025.0, 12, True),
        # Noisy rise 1.0, 2.1, 2.9, 4.05, 5.0: slope ≈ 1, residuals within ±0.1 (MAD ≈ 0.05).
        # 6.0 at 2025 continues it (z ≈ 0); 9.0 is 3 above the line (z ≈ 40) → far.
        (yearly(1.0, 2.1, 2.9, 4.05, 5.0), 2025.0, 6.0, False),
        (yearly(1.0, 2.1, 2.9, 4.05, 5.0), 2025.0, 9.0, True),
        # Fewer than four earlier values: never an outlier.
        (yearly(1, 2, 3), 2023.0, 100, False),
    ],
)
def test_outlier_rule_follows_the_trend(history, at, value, far):
    assert is_outlier(value, at, history)[0] is far


def test_a_steady_climber_is_not_flagged_for_climbing_once_more():
    # SPBE rising 0.3 a year for six years: each next year's value is exactly on the line.
    series = [2.0 + 0.3 * i for i in range(7)]
    flagged = [
        is_outlier(series[k], 2020.0 + k, yearly(*series[:k]))[0] for k in range(4, len(series))
    ]
    assert flagged == [False, False, False]


def test_a_year_to_date_total_is_compared_with_the_same_quarter_of_earlier_years(
    sqlite_engine, tmp_path
):
    # Investment (ytd) climbs inside each year and restarts in January: 22, 47, 72, 100 for
    # 2020-2023. TW1 2024 = 23 continues the TW1 series 22, 22, 22, 22 (within 10 %): no
    # warning, though a line through the sawtooth would call it far. TW2 2024 = 160 against TW2 47 ×4 is far.
    from builders import long_rows, make_xlsx

    from etl.ingest import ingest_path

    history = [["31", "INVESTASI", y, q, v] for y in range(2020, 2024)
               for q, v in zip((1, 2, 3, 4), (22, 47, 72, 100))]  # fmt: skip
    assert (
        ingest_path(sqlite_engine, make_xlsx(tmp_path / "h.xlsx", long_rows(*history))).status
        == "accepted"
    )
    usual = ingest_path(
        sqlite_engine, make_xlsx(tmp_path / "a.xlsx", long_rows(["31", "INVESTASI", 2024, 1, 23]))
    )
    assert [i.code for i in usual.issues] == []
    odd = ingest_path(
        sqlite_engine, make_xlsx(tmp_path / "b.xlsx", long_rows(["31", "INVESTASI", 2024, 2, 160]))
    )
    assert [i.code for i in odd.issues] == ["value_outlier"]


def test_a_warnings_numbers_are_written_in_each_messages_language(sqlite_engine, tmp_path):
    # Stored with the submission and shown to reviewers: "nilai 97,25" in Bahasa Indonesia
    # (97.25 is 9.725 there), "value 97.25" in English; groups too (1.234,5 / 1,234.5).
    from builders import long_rows, make_xlsx

    from etl.ingest import ingest_path

    history = [["31", "PDN", y, 4, 40 + y - 2020] for y in range(2020, 2024)]
    ingest_path(sqlite_engine, make_xlsx(tmp_path / "h.xlsx", long_rows(*history)))
    odd = ingest_path(
        sqlite_engine, make_xlsx(tmp_path / "b.xlsx", long_rows(["31", "PDN", 2024, 4, 97.25]))
    )
    (outlier,) = odd.issues
    assert "nilai 97,25 jauh" in outlier.message_id and "sekitar 44)" in outlier.message_id
    assert "value 97.25 is far" in outlier.message_en and outlier.value == "97.25"
    wrong = ingest_path(
        sqlite_engine, make_xlsx(tmp_path / "c.xlsx", long_rows(["31", "PDN", 2024, 4, 1234.5]))
    )
    (refused,) = wrong.issues
    assert "nilai 1.234,5 di luar" in refused.message_id
    assert "value 1,234.5 is outside" in refused.message_en
