"""The original file behind a value (issue 17): downloaded exactly as it was sent, only by
those who may see its agency, and every download in the audit trail."""

from __future__ import annotations

from builders import long_rows, make_xlsx
from sqlalchemy import select

from etl.ingest import ingest_path
from etl.store import schema
from etl.store.queries import history
from etl.store.submissions import original_file


def test_the_original_file_comes_back_byte_for_byte_and_the_download_is_audited(engine, tmp_path):
    path = make_xlsx(tmp_path / "jakarta.xlsx", long_rows(["31", "IRB", 2024, 4, 71.5]))
    first = ingest_path(engine, path)
    fixed = ingest_path(
        engine, make_xlsx(tmp_path / "koreksi.xlsx", long_rows(["31", "IRB", 2024, 4, 72.0]))
    )
    assert original_file(engine, first.submission_id, actor="analis") == (
        "jakarta.xlsx",
        path.read_bytes(),
    )
    log = schema.audit_log.c
    with engine.connect() as conn:
        entries = conn.execute(
            select(log.actor, log.entity).where(log.action == "file_download")
        ).all()
    assert [tuple(e) for e in entries] == [("analis", f"submission:{first.submission_id}")]
    # Another agency's account gets nothing, and nothing is written for it.
    assert original_file(engine, first.submission_id, actor="sumbar", agencies={"13"}) is None
    assert original_file(engine, 10**9, actor="analis") is None
    revisions = history(engine, "31", "IRB")
    assert list(revisions.value) == [71.5, 72.0]
    assert list(revisions.review) == ["approved", "approved"]
    assert revisions.superseded_by_file.iloc[0] == "koreksi.xlsx"
    assert fixed.submission_id in set(revisions.submission_id)
