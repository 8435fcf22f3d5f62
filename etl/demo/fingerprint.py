"""Whether the demo is already loaded as it would be loaded now: a fingerprint of everything its
files are made from (the seed, the demo's own sources under etl/demo/, every file under
data/reference/, and the submissions it plans with their 'received' times, which move as
quarters end) is kept in the audit entry of each complete load (action `demo_load`). `make run`
runs `etl demo` at every start; with the same fingerprint it skips the load (30-60 s of
rebuilding workbooks that would all be `unchanged`)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from etl.core import settings
from etl.store import audit, schema

ACTION = "demo_load"
SOURCES = Path(__file__).resolve().parent


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def fingerprint(seed: int, planned: Iterable[tuple[str, dt.datetime]]) -> str:
    """`planned`: (file name, received at) of every demo submission the load would send."""
    digest = hashlib.sha256(f"seed {seed}\n".encode())
    for root, pattern in ((SOURCES, "*.py"), (settings.REFERENCE_DIR, "*")):
        for path in _files(root):
            if path.match(pattern):
                digest.update(f"{path.relative_to(root).as_posix()}\n".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name, received in sorted(planned):
        digest.update(f"{name} {received.isoformat()}\n".encode())
    return digest.hexdigest()


def loaded_fingerprint(engine: Engine) -> str | None:
    """The fingerprint of the newest complete demo load (None: never loaded here)."""
    log = schema.audit_log.c
    query = select(log.detail).where(log.action == ACTION).order_by(log.id.desc()).limit(1)
    with engine.connect() as conn:
        detail = conn.execute(query).scalar()
    return ((detail or {}).get("after") or {}).get("fingerprint")


def record_load(conn: Connection, *, fingerprint: str, seed: int, files: int, actor: str) -> None:
    audit.record(
        conn, actor=actor, action=ACTION, entity="demo",
        after={"fingerprint": fingerprint, "seed": seed, "files": files},
    )  # fmt: skip
