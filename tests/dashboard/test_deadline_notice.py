"""The deadline notice above every page of an agency account (issue 17): a quarter its agency has
not sent, due within RB_REMIND_DAYS or overdue, is announced on each page in the reader's
language with its Indonesian-style date, once on the upload page (which has its own), not at
all to an analyst, and no more once the agency has sent its values. Dates follow today: the
settings put the deadline and the lock around it."""

from __future__ import annotations

import pytest
from builders import long_rows, make_xlsx
from deadline_days import days_since_end, ended_quarter

from etl.access import accounts
from etl.ingest import Upload, ingest_path
from etl.store import periods

AGENCY = "31"  # DKI Jakarta: reports PDN every quarter


def _notices(at) -> list[str]:
    return [e.value for kind in ("warning", "error") for e in getattr(at, kind)]


def _about(at, label: str) -> list[str]:
    return [n for n in _notices(at) if n.startswith(f"{label}:")]


@pytest.fixture
def clerk(engine):
    return accounts.create_user(engine, "dki", "agency", agency=AGENCY, actor="test")[0]


@pytest.fixture
def overdue(monkeypatch):
    """The quarter that ended last: its deadline 4 days ago, still open for 10 more days."""
    monkeypatch.setenv("RB_LOCK_DAYS", str(days_since_end() + 10))
    monkeypatch.setenv("RB_DEADLINE_DAYS", str(days_since_end() - 4))
    return ended_quarter()


@pytest.mark.parametrize(
    ("lang", "label", "words"),
    [("id", "TW{q} {y}", "terlambat 4 hari"), ("en", "Q{q} {y}", "overdue by 4 days")],
)
def test_an_agency_sees_its_overdue_period_on_every_page_once(
    engine, clerk, signed_in, overdue, lang, label, words
):
    year, quarter = overdue
    label = label.format(q=quarter, y=year)
    deadline = periods.deadline(year, quarter)
    month = deadline.strftime("%B")  # English name; the Indonesian one below
    months_id = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                 "September", "Oktober", "November", "Desember"]  # fmt: skip
    shown_month = months_id[deadline.month - 1] if lang == "id" else month
    for page in (None, "agency", "method"):
        at = signed_in(clerk, page, lang=lang)
        notice = _about(at, label)
        assert len(notice) == 1, (page, _notices(at))
        assert f"{deadline.day} {shown_month} {deadline.year}" in notice[0]
        assert words in notice[0]
        assert at.error and notice[0] in [e.value for e in at.error]  # overdue: an error box
    # The upload page says it itself (with "late"), above its template: not twice.
    at = signed_in(clerk, "upload", lang=lang)
    assert _about(at, label) == []
    assert sum(label in n for n in _notices(at)) == 1


def test_a_near_deadline_warns_and_a_sent_period_is_no_longer_announced(
    engine, clerk, signed_in, monkeypatch, tmp_path
):
    year, quarter = ended_quarter()
    monkeypatch.setenv("RB_LOCK_DAYS", str(days_since_end() + 60))
    monkeypatch.setenv("RB_DEADLINE_DAYS", str(days_since_end() + 3))  # RB_REMIND_DAYS is 7
    at = signed_in(clerk, "agency")
    notice = _about(at, f"TW{quarter} {year}")
    assert len(notice) == 1 and "3 hari lagi" in notice[0]
    assert notice[0] in [w.value for w in at.warning]
    # Farther than RB_REMIND_DAYS: nothing yet.
    monkeypatch.setenv("RB_DEADLINE_DAYS", str(days_since_end() + 20))
    assert _about(signed_in(clerk, "agency"), f"TW{quarter} {year}") == []
    # Sent (waiting for review counts): the notice ends.
    monkeypatch.setenv("RB_DEADLINE_DAYS", str(days_since_end() + 3))
    path = make_xlsx(tmp_path / "dki.xlsx", long_rows([AGENCY, "PDN", year, quarter, 48.5]))
    upload = Upload(user="dki", review="pending", allowed_agencies=frozenset({AGENCY}))
    assert ingest_path(engine, path, upload).status == "accepted"
    assert _about(signed_in(clerk, "agency"), f"TW{quarter} {year}") == []


def test_an_analyst_sees_no_deadline_notice(engine, signed_in, overdue):
    year, quarter = overdue
    analyst = accounts.create_user(engine, "ana", "analyst", actor="test")[0]
    for page in (None, "agency", "reporting"):
        at = signed_in(analyst, page)
        assert _about(at, f"TW{quarter} {year}") == [], _notices(at)


def test_a_provincial_coordinator_sees_which_regencies_are_late(
    engine, signed_in, overdue, tmp_path
):
    # A Jawa Barat account granted its 27 regencies and cities: one notice for the quarter,
    # counting those that have not sent it and naming the first; a regency that sends leaves it.
    year, quarter = overdue
    coordinator = accounts.create_user(
        engine, "jabar", "agency", agency="32", include_children=True, actor="test"
    )[0]
    path = make_xlsx(tmp_path / "bogor.xlsx", long_rows(["32.01", "PDN", year, quarter, 40.0]))
    assert ingest_path(engine, path).status == "accepted"
    at = signed_in(coordinator, "agency", lang="id")
    regencies = [n for n in _about(at, f"TW{quarter} {year}") if "kabupaten/kota" in n]
    assert len(regencies) == 1, _notices(at)
    assert "26 dari 27 kabupaten/kota Anda terlambat" in regencies[0]
    assert "Kabupaten Bogor" not in regencies[0] and "Kabupaten Sukabumi" in regencies[0]
    assert "dan 18 lainnya" in regencies[0]  # 8 names shown, 18 more
    assert regencies[0] in [e.value for e in at.error]
    # A province account without its regencies hears only of its own quarter.
    own = accounts.create_user(engine, "jabar2", "agency", agency="32", actor="test")[0]
    assert not any("kabupaten/kota" in n for n in _notices(signed_in(own, "agency")))
