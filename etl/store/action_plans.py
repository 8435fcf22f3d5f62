"""Action plans in the database: what a file changes, storing it (inside the file's one
transaction, see etl.ingest), the current actions as a frame with their measures, and the rows the
agency template pre-fills."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, select

from etl.core.action_rows import CONTENT_FIELDS, ActionRow
from etl.store import schema
from etl.store.history import supersede_actions
from etl.store.queries import Filters
from indicators import action_plan as measures

act = schema.action


@dataclass(frozen=True)
class ActionChange:
    row: ActionRow
    old: tuple | None  # the stored content, None for a new action

    @property
    def kind(self) -> str:
        if self.old is None:
            return "inserted"
        return "unchanged" if _same(self.old, self.row.content()) else "updated"


def _same(old: tuple, new: tuple) -> bool:
    return all(
        a == b or (isinstance(a, float) and isinstance(b, float) and abs(a - b) < 1e-9)
        for a, b in zip(old, new)
    )


def plan_action_changes(conn: Connection, rows: list[ActionRow]) -> list[ActionChange]:
    if not rows:
        return []
    query = select(*(act.c[f] for f in CONTENT_FIELDS)).where(
        schema.current(act),
        act.c.agency.in_(bindparam("agencies", expanding=True)),
        act.c.year.in_(bindparam("years", expanding=True)),
    )
    params = {"agencies": sorted({r.agency for r in rows}), "years": sorted({r.year for r in rows})}
    current = {(s[0], s[1], s[3]): tuple(s) for s in conn.execute(query, params)}
    return [ActionChange(r, current.get((r.agency, r.year, r.action_code))) for r in rows]


def stored_actions(conn: Connection):
    """(agency, year) → its current actions' content by action code, each pair read once: the
    lock rule compares a locked quarter's figures with these."""
    read: dict[tuple[str, int], dict[str, dict]] = {}

    def of(agency: str, year: int) -> dict[str, dict]:
        if (agency, year) not in read:
            query = select(*(act.c[f] for f in CONTENT_FIELDS)).where(
                schema.current(act), act.c.agency == agency, act.c.year == year
            )
            rows = conn.execute(query).mappings()
            read[(agency, year)] = {r["action_code"]: dict(r) for r in rows}
        return read[(agency, year)]

    return of


def store_actions(
    conn: Connection,
    changes: list[ActionChange],
    submission_id: int,
    received: dt.datetime,
    user: str,
    review: str = "approved",
) -> None:
    # Actions awaiting review replace nothing yet: approval does (etl.access.review.approve).
    replaced = [c.row for c in changes if c.kind == "updated" and review == "approved"]
    written = [c.row for c in changes if c.kind != "unchanged"]
    supersede_actions(conn, replaced, received, submission_id)
    if written:
        conn.execute(
            act.insert(),
            [
                {
                    **r._asdict(),
                    "submission_id": submission_id,
                    "recorded_at": received,
                    "recorded_by": user,
                    "review": review,
                }
                for r in written
            ],
        )


def current_actions(engine: Engine, filters: Filters | None = None) -> pd.DataFrame:
    """The current revision of every action within the filters (year, agency, theme, type)."""
    filters = filters or Filters()
    query = (
        select(act, schema.agency.c.name.label("agency_name"), schema.agency.c.type)
        .select_from(act.join(schema.agency, schema.agency.c.code == act.c.agency))
        .where(
            act.c.superseded_at.is_(None),
            act.c.review.in_(("approved", "pending") if filters.include_pending else ("approved",)),
        )
        .order_by(act.c.agency, act.c.year, act.c.theme, act.c.sheet, act.c.row)
    )
    if filters.year is not None:
        query = query.where(act.c.year == filters.year)
    if filters.agency:
        query = query.where(act.c.agency == filters.agency.upper())
    if filters.theme:
        query = query.where(act.c.theme == filters.theme.upper())
    if filters.agency_type:
        query = query.where(schema.agency.c.type == filters.agency_type.upper())
    with engine.connect() as conn:
        frame = pd.DataFrame(conn.execute(query).mappings().all(), columns=_frame_columns())
    if filters.include_pending and len(frame):
        # An action awaiting review shows instead of its official revision.
        key = ["agency", "year", "action_code"]
        frame = (
            frame.assign(_pending=frame.review == "pending")
            .sort_values([*key, "_pending"], kind="stable")
            .drop_duplicates(key, keep="last")
            .drop(columns="_pending")
            .sort_values(["agency", "year", "theme", "sheet", "row"], kind="stable")
            .reset_index(drop=True)
        )
    return frame


def _frame_columns() -> list[str]:
    return [c.name for c in act.columns] + ["agency_name", "type"]


Q = (1, 2, 3, 4)
ACTIONS_COLUMNS = [
    "agency_code", "agency_name", "agency_type", "year", "theme", "action_code", "problem",
    "action", "output_indicator", "output_unit", "target_kind", "target_year",
    *(f"target_tw{q}" for q in Q), *(f"realised_tw{q}" for q in Q), "budget", "budget_spent",
    *(f"planned_rp_tw{q}" for q in Q), *(f"spent_rp_tw{q}" for q in Q), "as_of_quarter",
    "output_realisation_pct", "budget_absorption_pct", "schedule_status", "flag", "focus",
    "coordinator", "implementer", "objective", "impact_indicator", "notes", "evidence_url",
    "sheet", "row", "recorded_at",
]  # fmt: skip


def actions_table(engine: Engine, filters: Filters) -> pd.DataFrame:
    """One row per action and year with its measures. Every action of an agency and year is
    judged as of the same quarter: the latest any of them reported (or the filter's quarter),
    so an action silent in that quarter counts as behind, not as up to date."""
    frame = current_actions(engine, filters)
    if frame.empty:
        return pd.DataFrame(columns=ACTIONS_COLUMNS)
    records = frame.to_dict("records")
    latest: dict[tuple, int] = {}
    for rec in records:
        quarter = measures.latest_quarter(measures.quarters(rec, "realised")) or 0
        key = (rec["agency"], rec["year"])
        latest[key] = max(latest.get(key, 0), quarter)
    rows = []
    for rec in records:
        as_of = filters.quarter or latest[(rec["agency"], rec["year"])] or None
        m = measures.measure(rec, as_of)
        rows.append(
            {
                **rec,
                "agency_code": rec["agency"],
                "agency_type": rec["type"],
                "as_of_quarter": m.as_of,
                "output_realisation_pct": m.output_realisation_pct,
                "budget_absorption_pct": m.budget_absorption_pct,
                "schedule_status": m.schedule_status,
                "flag": m.flag,
            }
        )
    out = pd.DataFrame(rows)[ACTIONS_COLUMNS]
    out["recorded_at"] = pd.to_datetime(out["recorded_at"], utc=True)
    return out.reset_index(drop=True)


def summary_table(actions: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Per group (agency and theme, theme …): schedule shares, flags and budget absorption."""
    columns = [*by, "actions", "on_schedule", "lagging", "not_started", "flagged"]
    columns += ["on_schedule_share", "budget", "budget_spent", "budget_absorption_pct"]
    if actions.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for key, group in actions.groupby(by, sort=True):
        s = measures.summarise(group.to_dict("records"))
        keys = key if isinstance(key, tuple) else (key,)
        rows.append(
            (*keys, s.actions, s.on_schedule, s.lagging, s.not_started, s.flagged,
             s.share(measures.ON_SCHEDULE), s.budget, s.spent, s.absorption_pct)
        )  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


# The agency template's columns, in its order (the Indonesian header of each field).
TEMPLATE_HEADER: list[tuple[str, str]] = [
    ("kode_aksi", "action_code"), ("tema", "theme"), ("permasalahan", "problem"),
    ("sasaran_tematik", "objective"), ("indikator_tematik", "impact_indicator"),
    ("rencana_aksi", "action"), ("indikator_output", "output_indicator"),
    ("satuan_output", "output_unit"), ("target_tahun", "target_year"),
    *((f"target_tw{q}", f"target_tw{q}") for q in Q),
    *((f"realisasi_tw{q}", f"realised_tw{q}") for q in Q),
    ("anggaran", "budget"), ("realisasi_anggaran", "budget_spent"),
    *((f"anggaran_tw{q}", f"planned_rp_tw{q}") for q in Q),
    *((f"realisasi_anggaran_tw{q}", f"spent_rp_tw{q}") for q in Q),
    ("fokus_intervensi", "focus"), ("koordinator", "coordinator"), ("pelaksana", "implementer"),
    ("catatan", "notes"), ("tautan_bukti", "evidence_url"),
]  # fmt: skip


def action_plan_template_rows(engine: Engine, agency: str, year: int) -> list[list]:
    """The `Rencana Aksi` sheet of the agency template: the header, then the agency's current
    actions of the year with kode_aksi filled, so a later quarter updates the same actions."""
    frame = current_actions(engine, Filters(year=year, agency=agency))
    rows: list[list] = [[header for header, _ in TEMPLATE_HEADER]]
    for rec in frame.to_dict("records"):
        rows.append([_cell(rec[name]) for _, name in TEMPLATE_HEADER])
    return rows


def _cell(value):
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
