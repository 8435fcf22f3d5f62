"""The database tables, in one place. Alembic migrations in etl/store/migrations follow this file."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    false,
    literal_column,
    text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# --- reference catalogue (refreshed from data/reference/ by `etl init`) -----------------------
roadmap = Table(
    "roadmap",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("name_id", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("start_year", Integer, nullable=False),
    Column("end_year", Integer, nullable=False),
    Column("legal_basis", Text, nullable=False, server_default=""),
    Column("status", String(40), nullable=False, server_default=""),
)

theme = Table(
    "theme",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("focus", String(40), nullable=False),
    Column("name_id", Text, nullable=False),
    Column("name_en", Text, nullable=False),
)

indicator = Table(
    "indicator",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("theme", String(40), ForeignKey("theme.code"), nullable=False),
    Column("name_id", Text, nullable=False),
    Column("name_en", Text, nullable=False),
    Column("unit", String(80), nullable=False),
    Column("min", Float),
    Column("max", Float),
    Column("direction", String(20), nullable=False),
    Column("agency_types", String(80), nullable=False),
    Column("national_rollup", String(10), nullable=False),
    Column("scale", String(40), nullable=False, server_default=""),
    Column("frequency", String(20), nullable=False, server_default=""),
    Column("period_value", String(10), nullable=False, server_default="level"),
    Column("confidence", String(20), nullable=False, server_default=""),
    Column("definition_source", Text, nullable=False, server_default=""),
    Column("national_target", String(12), nullable=False, server_default="reference"),
)

agency = Table(
    "agency",
    metadata,
    Column("code", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(10), nullable=False, index=True),
    Column("parent", String(40)),
    # Ministries of a cabinet: ISO dates, half-open, '' when open (see indicators.catalogue.Agency).
    Column("acronym", String(80), nullable=False, server_default=""),
    Column("kind", String(40), nullable=False, server_default=""),
    Column("budget_section", String(10), nullable=False, server_default=""),
    Column("valid_from", String(10), nullable=False, server_default=""),
    Column("valid_to", String(10), nullable=False, server_default=""),
    Column("successors", Text, nullable=False, server_default=""),
    Column("source", Text, nullable=False, server_default=""),
    Column("confidence", String(20), nullable=False, server_default=""),
)

CURRENT = "superseded_at IS NULL AND review = 'approved'"
REFERENCE = "submission_id IS NULL"

target = Table(
    "target",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("roadmap", String(40), ForeignKey("roadmap.code"), nullable=False),
    Column("indicator", String(40), ForeignKey("indicator.code"), nullable=False),
    Column("agency", String(40), ForeignKey("agency.code"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("kind", String(10), nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("confidence", String(20), nullable=False, server_default=""),
    Column("source", Text, nullable=False, server_default=""),
    # An agency's own targets (issue 12) come from a Target sheet and keep provenance and history
    # like observations; reference rows (data/reference/rb/targets.csv) have no submission.
    Column("submission_id", Integer, ForeignKey("submission.id"), index=True),
    Column("sheet", String(120)),
    Column("cell", String(20)),
    Column("recorded_at", DateTime(timezone=True)),
    Column("recorded_by", String(120)),
    Column("superseded_at", DateTime(timezone=True)),
    Column("superseded_by", Integer, ForeignKey("submission.id")),
    Column("review", String(10), nullable=False, server_default="approved"),
)

# One current approved row per key (an uploaded target supersedes the reference row it
# corrects), and one reference row per key, which `etl init` refreshes in place.
Index(
    "uq_target_current",
    target.c.roadmap,
    target.c.indicator,
    target.c.agency,
    target.c.year,
    target.c.kind,
    unique=True,
    sqlite_where=text(CURRENT),
    postgresql_where=text(CURRENT),
)
Index(
    "uq_target_reference",
    target.c.roadmap,
    target.c.indicator,
    target.c.agency,
    target.c.year,
    target.c.kind,
    unique=True,
    sqlite_where=text(REFERENCE),
    postgresql_where=text(REFERENCE),
)

scale_band = Table(
    "scale_band",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scale", String(40), nullable=False),
    Column("label_id", String(80), nullable=False),
    Column("label_en", String(80), nullable=False),
    Column("lower", Float, nullable=False),
    Column("upper", Float, nullable=False),
    Column("closed_side", String(10), nullable=False),
    Column("confidence", String(20), nullable=False, server_default=""),
    Column("source", Text, nullable=False, server_default=""),
    UniqueConstraint("scale", "label_id", name="uq_scale_band_label"),
)

# --- submissions and observations --------------------------------------------------------------
submission = Table(
    "submission",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("file_name", Text, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("size_bytes", BigInteger, nullable=False),
    # The original bytes: several app servers share one database, not one disk.
    Column("content", LargeBinary, nullable=False),
    Column("uploaded_by", String(120), nullable=False),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
    Column("source", String(20), nullable=False, server_default="upload"),
    Column("rows_inserted", Integer, nullable=False, server_default="0"),
    Column("rows_updated", Integer, nullable=False, server_default="0"),
    Column("rows_unchanged", Integer, nullable=False, server_default="0"),
    Column("rows_skipped", Integer, nullable=False, server_default="0"),
    Column("issues", JSON, nullable=False),
    # An agency's upload made in the app waits for a reviewer; other sources are approved.
    Column("review_status", String(10), nullable=False, server_default="approved"),
    Column("reviewed_by", String(120)),
    Column("reviewed_at", DateTime(timezone=True)),
    Column("review_comment", Text),
)

# Every revision of every value. The current one has superseded_at NULL; a corrected file
# supersedes it and the old row stays as history.
observation = Table(
    "observation",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("agency", String(40), ForeignKey("agency.code"), nullable=False),
    Column("indicator", String(40), ForeignKey("indicator.code"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    Column("value", Float, nullable=False),
    Column("target", Float),
    Column("unit", String(80)),
    Column("notes", Text),
    Column("evidence_url", Text),
    Column("confidence", String(20)),
    Column("submission_id", Integer, ForeignKey("submission.id"), nullable=False, index=True),
    Column("sheet", String(120)),
    Column("cell", String(20)),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", String(120), nullable=False),
    Column("superseded_at", DateTime(timezone=True)),
    Column("superseded_by", Integer, ForeignKey("submission.id")),
    # approved: official; pending: awaiting review (never current until approved); returned.
    Column("review", String(10), nullable=False, server_default="approved"),
)


def current(table: Table):
    """The condition of CURRENT for queries on `table` (or an alias of it). 'approved' is
    written into the SQL, not bound: SQLite uses a partial index only when the query states
    its condition with the same constant."""
    return and_(
        table.c.superseded_at.is_(None),
        # A SQL constant (not literal_execute, which executemany refuses: the supersede UPDATE).
        table.c.review == literal_column("'approved'", String),
    )


Index(
    "uq_observation_current",
    observation.c.agency,
    observation.c.indicator,
    observation.c.year,
    observation.c.quarter,
    unique=True,
    sqlite_where=text(CURRENT),
    postgresql_where=text(CURRENT),
)
Index(
    "ix_observation_history",
    observation.c.agency,
    observation.c.indicator,
    observation.c.year,
    observation.c.quarter,
)
Index("ix_observation_period", observation.c.year, observation.c.quarter)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(120), nullable=False),
    Column("action", String(40), nullable=False),
    Column("entity", String(120), nullable=False),
    Column("detail", JSON, nullable=False),
)
# Every page run reads the newest data-changing entry (etl.store.queries.data_version); logins make
# most of the log, so the newest entry per action is found through this index, not a scan.
Index("ix_audit_log_action_id", audit_log.c.action, audit_log.c.id)

app_user = Table(
    "app_user",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(120), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False, server_default=""),
    Column("role", String(20)),  # None: signed in through OIDC, no role granted yet
    Column("agency", String(40), ForeignKey("agency.code")),
    Column("include_children", Boolean, nullable=False, server_default=false()),
    Column("password_hash", Text),
    Column("oidc_subject", String(255), unique=True),
    Column("email", String(255)),
    Column("failed_logins", Integer, nullable=False, server_default="0"),
    Column("locked_until", DateTime(timezone=True)),
    Column("must_change_password", Boolean, nullable=False, server_default=false()),
    Column("disabled", Boolean, nullable=False, server_default=false()),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Failed logins per client (its address, else its browser session) within RB_LOCKOUT_MINUTES of
# the first: in the database, so every app server behind the proxy counts the same client's
# tries together (etl.access.login_clients). Rows past the window are deleted.
login_client = Table(
    "login_client",
    metadata,
    Column("client", String(200), primary_key=True),
    Column("failures", Integer, nullable=False),
    Column("first_at", DateTime(timezone=True), nullable=False),
)
Index("ix_login_client_first_at", login_client.c.first_at)

# A browser's sign-in that survives a reload (etl.access.sessions): only the token's SHA-256 is
# kept, so a copy of the database signs nobody in. Deleting the rows ends those sessions on
# every server at once (sign-out); a password change ends them through the stamp.
app_session = Table(
    "app_session",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("app_user.id"), nullable=False, index=True),
    Column("stamp", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

# An admin reopens a locked period for one agency, with a reason, until a date.
period_unlock = Table(
    "period_unlock",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agency", String(40), ForeignKey("agency.code"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("opened_by", String(120), nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("open_until", DateTime(timezone=True), nullable=False),
)

# The deadline reminders e-mailed so far (etl.access.reminders): one row per agency, period and
# kind (due_soon, overdue), so each is sent once however often `python -m etl remind` runs.
sent_reminder = Table(
    "sent_reminder",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("agency", String(40), ForeignKey("agency.code"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("quarter", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("recipients", Text, nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    Column("sent_by", String(120), nullable=False),
    UniqueConstraint("agency", "year", "quarter", "kind", name="uq_sent_reminder_period_kind"),
)

CATALOGUE_TABLES = (roadmap, theme, indicator, agency, target, scale_band)

# --- RB Tematik action plans (issue 6) --------------------------------------------------------
# One row per revision of an action of an agency and year, like `observation`: the current one
# has superseded_at NULL, a corrected file supersedes it and the old row stays as history.
_quarterly = [
    Column(f"{kind}_tw{q}", Float)
    for kind in ("target", "realised", "planned_rp", "spent_rp")
    for q in (1, 2, 3, 4)
]
action = Table(
    "action",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("agency", String(40), ForeignKey("agency.code"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("theme", String(40), ForeignKey("theme.code"), nullable=False),
    # From the file's kode_aksi, else generated from the theme, action and output texts.
    Column("action_code", String(80), nullable=False),
    Column("problem", Text),
    Column("objective", Text),
    Column("impact_indicator", Text),
    Column("action", Text, nullable=False),
    Column("output_indicator", Text),
    Column("output_unit", String(80)),
    Column("focus", String(40)),
    Column("coordinator", Text),
    Column("implementer", Text),
    Column("notes", Text),
    Column("evidence_url", Text),
    Column("target_year", Float),
    *_quarterly,
    Column("budget", Float),
    Column("budget_spent", Float),
    Column("target_kind", String(12), nullable=False),
    Column("submission_id", Integer, ForeignKey("submission.id"), nullable=False, index=True),
    Column("sheet", String(120)),
    Column("row", Integer),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("recorded_by", String(120), nullable=False),
    Column("superseded_at", DateTime(timezone=True)),
    Column("superseded_by", Integer, ForeignKey("submission.id")),
    # As for observations: an agency's actions wait for review before they are official.
    Column("review", String(10), nullable=False, server_default="approved"),
)
Index(
    "uq_action_current",
    action.c.agency,
    action.c.year,
    action.c.action_code,
    unique=True,
    sqlite_where=text(CURRENT),
    postgresql_where=text(CURRENT),
)
Index("ix_action_history", action.c.agency, action.c.year, action.c.action_code)


# --- the progress method's results, kept with the data (etl.store.assessments, issue 15) ------
# `assessment_state` holds the fingerprint (method version, thresholds) they were built under.
def _judged() -> list[Column]:
    """One judged figure's components, named as etl.store.assessments.ASSESSMENT_COLUMNS."""
    floats = "achievement_pct target_used achievement_basis expected baseline final_target progress_ratio"  # fmt: skip
    words = "status reason target_source basis_source baseline_source"
    return [Column("roadmap", String(40)), *(Column(n, Float) for n in floats.split()), *(Column(n, String(40)) for n in words.split()), Column("target_year", Integer), Column("final_year", Integer), Column("target_below_baseline", Boolean), Column("category", Text)]  # fmt: skip


def _key(*names: str) -> list[Column]:
    return [Column(n, String(40) if n in ("agency", "indicator") else Integer, primary_key=True) for n in names]  # fmt: skip


# Each current official observation judged as if it were the latest, in its own year's road map.
# SQLite keeps it WITHOUT ROWID (one b-tree, the key's): a national file writes 130,000 rows.
assessment = Table("assessment", metadata, *_key("agency", "indicator", "year", "quarter"), Column("value", Float), *_judged(), sqlite_with_rowid=False)  # fmt: skip
# Each indicator's national figure per period (etl.report.national.COLUMNS), judged if it has one.
national_assessment = Table(
    "national_assessment", metadata, *_key("indicator", "year", "quarter"), Column("value", Float), Column("source", String(20), nullable=False),
    Column("computed", Boolean, nullable=False), Column("n", Integer, nullable=False), Column("m", Integer, nullable=False), Column("reference", Text, nullable=False),
    Column("confidence", String(40), nullable=False), Column("demo", Boolean, nullable=False), *_judged(),
)  # fmt: skip
assessment_state = Table("assessment_state", metadata, Column("id", Integer, primary_key=True), Column("fingerprint", String(64)), Column("built_at", DateTime(timezone=True)))  # fmt: skip
