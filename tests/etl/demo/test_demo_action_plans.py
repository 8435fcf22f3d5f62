"""Demo action plans: every province and year stored through the real ingest path, every theme,
schedule status and the review flag represented, and a second run changes nothing."""

from __future__ import annotations

import datetime as dt

from etl.demo.action_plans import PLAN_YEARS, build_plans, load_demo_action_plans
from etl.demo.workbook import DEMO_NOTE
from etl.ingest import Upload, ingest_bytes
from etl.report.tables import TABLES
from etl.store.catalogue import load_catalogue
from etl.store.queries import Filters
from indicators import action_plan as measures


def test_demo_action_plans_cover_every_province_theme_and_status(sqlite_engine, tmp_path):
    catalogue = load_catalogue(sqlite_engine)
    provinces = {c for c, a in catalogue.agencies.items() if a.type == "PROV"}
    assert len(provinces) == 38
    folder = tmp_path / "renaksi"
    first = load_demo_action_plans(sqlite_engine, seed=2024, catalogue=catalogue, keep=folder)
    rejected = {r.path: [i.as_dict() for i in r.issues] for r in first if r.status != "accepted"}
    assert rejected == {}
    assert not [i for r in first for i in r.issues]
    assert len(first) == 38 * len(PLAN_YEARS)
    assert sorted(p.name for p in folder.iterdir()) == sorted(r.path for r in first)
    assert all(r.path.startswith("DEMO_RENAKSI_") for r in first)

    actions = TABLES["actions"](sqlite_engine, Filters())
    stored = set(zip(actions.agency_code, actions.year, strict=True))
    assert stored == {(p, y) for p in provinces for y in PLAN_YEARS}
    tematik = {t.code for t in catalogue.themes.values() if t.is_tematik}
    assert set(actions.theme) == tematik
    per_plan = actions.groupby(["agency_code", "year", "theme"]).size()
    assert per_plan.between(2, 3).all()
    assert set(actions.schedule_status) == set(measures.SCHEDULE_STATUSES)
    assert (actions.flag == measures.REVIEW).sum() >= 1
    assert set(actions.notes) == {DEMO_NOTE}
    assert set(actions.target_kind) == {measures.INCREMENTS, measures.LEVELS}
    assert (actions.budget_spent.fillna(0) <= actions.budget).all()

    again = load_demo_action_plans(sqlite_engine, seed=2024, catalogue=catalogue)
    assert [r.path for r in again] == [r.path for r in first]
    assert {r.status for r in again} == {"unchanged"}
    assert sum(r.actions["inserted"] + r.actions["updated"] for r in again) == 0
    assert len(TABLES["actions"](sqlite_engine, Filters())) == len(actions)


def test_realisations_only_for_quarters_ended_when_sent(sqlite_engine):
    catalogue = load_catalogue(sqlite_engine)
    now = dt.datetime(2025, 5, 1, 12, tzinfo=dt.UTC)
    files = build_plans(catalogue, 2024, now)
    assert files and all(received <= now for _, received, _ in files)
    assert build_plans(catalogue, 2024, now) == files  # same seed, same bytes
    for name, received, data in files[-3:]:
        upload = Upload(user="demo", source="demo", received_at=received, today=received.date())
        result = ingest_bytes(sqlite_engine, name, data, upload, catalogue=catalogue, dry_run=True)
        assert result.status == "accepted", [i.as_dict() for i in result.issues]
