"""The demo: seeded synthetic submissions for every agency, loaded through the real ingest path."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections import Counter

import pytest
from sqlalchemy import select

from etl.bootstrap import init_database
from etl.core import clock
from etl.demo.load import load_demo
from etl.demo.observations import ended_quarters, plan_files
from etl.demo.values import DemoValues
from etl.demo.workbook import DEMO_NOTE
from etl.store import schema
from etl.store.catalogue import load_catalogue
from etl.store.database import make_engine

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One database loaded with the demo twice (the second run must change nothing)."""
    root = tmp_path_factory.mktemp("demo")
    engine = make_engine(f"sqlite:///{root / 'rb.sqlite'}")
    init_database(engine)
    first = load_demo(engine, keep=root / "run1")
    second = load_demo(engine, keep=root / "run2")
    yield engine, first, second, root
    engine.dispose()


def _observations(engine, *columns, agency: str | None = None):
    obs = schema.observation.c
    query = select(*columns).distinct().where(obs.superseded_at.is_(None), obs.agency != "ID")
    if agency is not None:
        query = query.where(obs.agency == agency)
    with engine.connect() as conn:
        return conn.execute(query).all()


def test_every_demo_file_is_accepted_and_labelled(demo):
    _, first, _, root = demo
    assert first, "the demo produced no files"
    rejected = {r.path: [i.as_dict() for i in r.issues] for r in first if r.status == "rejected"}
    assert rejected == {}
    assert {r.status for r in first} == {"accepted"}
    assert all(r.path.startswith("DEMO_") for r in first)
    assert all(not i.is_error for r in first for i in r.issues)
    names = sorted(p.name for p in (root / "run1").iterdir())
    assert len(names) == len(first)
    assert any("_long_" in n for n in names)
    assert any("_template_" in n and n.endswith(".xlsx") for n in names)
    assert any(n.endswith(".csv") for n in names)


def test_every_non_national_agency_has_observations(demo):
    engine = demo[0]
    catalogue = load_catalogue(engine)
    expected = {c for c, a in catalogue.agencies.items() if a.type != "NASIONAL"}
    assert len(expected) >= 600
    obs = schema.observation.c
    assert {a for (a,) in _observations(engine, obs.agency)} == expected


@pytest.mark.parametrize("agency", ["KL.KEMENPANRB", "31.71", "11.10"])
def test_a_known_agencys_values_sit_in_the_indicator_range(demo, agency):
    engine = demo[0]
    catalogue = load_catalogue(engine)
    agency_type = catalogue.agencies[agency].type
    obs = schema.observation.c
    rows = _observations(engine, obs.indicator, obs.year, obs.quarter, obs.value, agency=agency)
    assert rows
    for indicator_code, year, quarter, value in rows:
        indicator = catalogue.indicators[indicator_code]
        assert indicator.reported_by(agency_type)
        assert indicator.min is None or value >= indicator.min
        assert indicator.max is None or value <= indicator.max
        assert 2020 <= year <= 2025
        if indicator.frequency == "annual":
            assert quarter == 4
        if indicator.frequency == "semiannual":
            assert quarter in (1, 3)
    # Year-to-date investment grows within a year.
    ytd = sorted((y, q, v) for i, y, q, v in rows if i == "INVESTASI")
    for (y1, _, v1), (y2, _, v2) in itertools.pairwise(ytd):
        assert y1 != y2 or v2 >= v1


def test_notes_carry_the_demo_label(demo):
    obs = schema.observation.c
    assert {n for (n,) in _observations(demo[0], obs.notes)} == {DEMO_NOTE}


def test_some_agency_quarters_are_missing_and_some_late(demo):
    engine = demo[0]
    obs, sub = schema.observation.c, schema.submission.c
    query = (
        select(obs.agency, obs.year, obs.quarter, sub.uploaded_at)
        .join(schema.submission, sub.id == obs.submission_id)
        .where(sub.source == "demo")
        .distinct()
    )
    with engine.connect() as conn:
        reported = conn.execute(query).all()
    quarters = ended_quarters(clock.today())
    bodies = load_catalogue(engine).agencies
    seen = {(a, y, q) for a, y, q, _ in reported}
    # Who had to report: each body in the quarters it existed (ministries follow the cabinet).
    due = {
        (a, y, q)
        for a in {a for a, *_ in reported}
        for y, q in quarters
        if bodies[a].exists_in(y, q)
    }
    assert seen <= due  # no ministry reports a quarter after it ended
    missing = len(due) - len(seen)
    assert 0.02 < missing / len(due) < 0.07
    timing = Counter()
    for _, y, q, received in reported:
        end = dt.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        timing["late" if (received.date() - end).days > 15 else "on_time"] += 1
    assert timing["on_time"] > 4 * timing["late"] > 0


def test_running_the_demo_again_changes_nothing(demo):
    engine, first, second, root = demo
    assert [r.path for r in second] == [r.path for r in first]
    assert {r.status for r in second} == {"unchanged"}
    assert sum(r.rows.inserted + r.rows.updated for r in second) == 0
    assert [r.submission_id for r in second] == [r.submission_id for r in first]
    for path in sorted((root / "run1").iterdir()):
        assert path.read_bytes() == (root / "run2" / path.name).read_bytes(), path.name
    sub = schema.submission.c
    with engine.connect() as conn:
        stored = conn.execute(select(sub.id).where(sub.source == "demo")).all()
    assert len(stored) == len(first)


def test_only_quarters_that_have_ended_are_planned(demo):
    catalogue = load_catalogue(demo[0])
    agencies = sorted(
        (a for a in catalogue.agencies.values() if a.type != "NASIONAL"), key=lambda a: a.code
    )
    now = dt.datetime(2025, 8, 1, 12, tzinfo=dt.UTC)
    files = plan_files(agencies, 2024, now.date(), now)
    assert max((f.year, f.quarter) for f in files) == (2025, 2)
    assert all(f.received_at <= now for f in files)
    assert all(f.name.startswith("DEMO_") for f in files)


def test_the_csv_file_uses_semicolons_and_decimal_commas(demo):
    root = demo[3]
    path = next(p for p in sorted((root / "run1").iterdir()) if p.suffix == ".csv")
    text = path.read_bytes().decode("utf-8-sig")
    header = next(line for line in text.splitlines() if line.startswith("kode_instansi"))
    assert header.split(";")[:3] == ["kode_instansi", "nama_instansi", "kode_indikator"]
    data = [line.split(";") for line in text.splitlines()[3:] if line]
    assert all("," in row[6] and "." not in row[6] for row in data)


def test_demo_targets_cover_every_region_and_ministry(demo):
    """Issue 12: every province, regency/city and ministry has its own demo baselines and
    targets for IRB, SAKIP, SPBE (and the regions their tematik indicators), loaded through a
    Target sheet: labelled as demo, starting from the agency's own 2024 value."""
    engine, first, _, _ = demo
    files = [r for r in first if r.path.startswith("DEMO_TARGET_")]
    assert files and all(r.status == "accepted" and r.targets["inserted"] for r in files)
    catalogue = load_catalogue(engine)
    own = [t for t in catalogue.targets if t.agency != "ID"]
    assert all(t.source.startswith("DATA DEMO (sintetis)") for t in own)
    by_agency: dict[str, set[str]] = {}
    for t in own:
        if t.roadmap == "RB-2025-2029":
            by_agency.setdefault(t.agency, set()).add(t.indicator)
    for a in catalogue.agencies.values():
        if a.type == "PROV" or a.type == "KABKOTA":
            assert {"IRB", "SAKIP", "SPBE", "KEMISKINAN", "STUNTING"} <= by_agency[a.code], a.code
        elif a.type == "KL" and a.exists_in(2025, 1):
            assert {"IRB", "SAKIP", "SPBE"} <= by_agency[a.code], a.code
    # The 2025-2029 path of Jawa Barat's RB index starts from its own demo value of Q4 2024
    # (the one its file of that quarter carries, when it sent one) and rises.
    values = DemoValues(catalogue, 2024)
    own_2024 = values.series(catalogue.agencies["32"], catalogue.indicators["IRB"])[(2024, 4)]
    path = sorted(
        (t.year, t.kind, t.value) for t in catalogue.targets_for("RB-2025-2029", "IRB", "32")
    )
    assert path[0] == (2024, "baseline", own_2024)
    assert [y for y, _, _ in path[1:]] == [2025, 2026, 2027, 2028, 2029]
    assert all(a[2] < b[2] for a, b in itertools.pairwise(path))
