"""The pieces of the upload page: who the upload is from, the dry run, what it would change,
its issues, and the receipt of a stored file. Every check and every write is `etl.ingest`'s, the
same function as `python -m etl ingest`."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from etl import ingest
from etl.access import accounts, roles
from etl.access.accounts import Account
from etl.ingest import Checked, FileResult, Upload
from etl.store.periods import PeriodState
from ui import data, tables, views
from ui.i18n import date_label, datetime_label, number, period_label, t

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload_for(account: Account, catalogue) -> Upload:
    """An agency's upload waits for review and respects period locks and its own agencies;
    an administrator's or reviewer's is approved at once."""
    if account.role == "agency":
        return Upload(
            user=account.username, source="upload", review="pending", enforce_locks=True,
            may_change_national=False,
            allowed_agencies=accounts.allowed_agencies(catalogue, account) or frozenset(),
        )  # fmt: skip
    if not (roles.can(account.role, roles.UPLOAD) or roles.can(account.role, roles.REVIEW)):
        raise PermissionError(account.role)
    return Upload(
        user=account.username, source="upload", review="approved",
        may_change_national=account.role == "admin",
    )  # fmt: skip


def days_text(n: int) -> str:
    """Days to a deadline as the notices say it: "3 days left", "today is the last day"."""
    if n == 0:
        return t("last_day")
    if n > 0:
        return t("day_left") if n == 1 else t("days_left", n=n)
    return t("day_late") if n == -1 else t("days_late", n=-n)


def show_due(due: PeriodState) -> None:
    """The period the agency has to report, its deadline and the days left: information while
    there is time, a warning RB_REMIND_DAYS before the deadline, an error once it has passed."""
    fields = {
        "period": period_label(due.year, due.quarter), "deadline": date_label(due.deadline),
        "left": days_text(due.days_left),
        "last": date_label(due.lock_date - dt.timedelta(days=1)),
    }  # fmt: skip
    show = {
        "running": (st.info, "due_running"), "open": (st.info, "due_open"),
        "due_soon": (st.warning, "due_soon"), "late": (st.error, "due_late"),
    }  # fmt: skip
    if due.state in show:
        box, key = show[due.state]
        box(t(key, **fields), icon=":material/event:")


def show_locked(picked: PeriodState, due: tuple[int, int]) -> None:
    """One message for a locked period (its file would be refused), naming the open one."""
    st.warning(
        t("template_period_locked", period=period_label(picked.year, picked.quarter),
          locked=date_label(picked.lock_date), due=period_label(*due)),
        icon=":material/lock:",
    )  # fmt: skip


def check(name: str, content: bytes, upload: Upload) -> Checked:
    """The dry run: the file is read and validated once and its changes planned; nothing is
    stored. The page keeps what this returns and commits exactly that on confirm."""
    return ingest.check(data.engine(), name, content, upload, catalogue=data.catalogue(data.key()))


def store(checked: list[Checked]) -> list[FileResult]:
    """The load itself, one transaction per checked file (planned again against what is
    current now, never read again); the dashboards' data caches are cleared after."""
    results = [ingest.commit(data.engine(), c) for c in checked]
    data.clear()
    return results


def changes_frame(result: FileResult) -> pd.DataFrame:
    rows = [
        {
            t("kind"): t(c.kind),
            t("agency"): c.row.agency,
            t("indicator"): c.row.indicator,
            t("period"): period_label(c.row.year, c.row.quarter),
            t("old_value"): c.old_value,
            t("new_value"): c.row.value,
            t("old_target"): c.old_target,
            t("target"): c.row.target,
            t("cell"): "!".join(p for p in (c.row.sheet, c.row.cell) if p),
        }
        for c in result.changes
    ]
    return pd.DataFrame(rows)


def issues_frame(result: FileResult) -> pd.DataFrame:
    columns = ["severity", "cell", "code", "value", "message_id", "message_en"]
    # The reader's own words (English, technical) stay out of the messages: a column of their
    # own, shown only when a refusal has them, for whoever helps the clerk.
    if any(i.detail for i in result.issues):
        columns.append("issue_detail")
    return pd.DataFrame(
        [
            {
                t("severity"): i.severity,
                t("cell"): i.where(),
                t("code"): i.code,
                t("value"): i.value,
                t("message_id"): i.message_id,
                t("message_en"): i.message_en,
                t("issue_detail"): i.detail,
            }
            for i in result.issues
        ],
        columns=[t(c) for c in columns],
    )


def show_check(result: FileResult, index: int) -> None:
    """One file's dry run: verdict, counts, old → new values, issues (downloadable)."""
    name = result.path
    if result.status == "rejected":
        st.error(t("file_rejected", name=name))
    elif result.status == "unchanged":
        st.info(t("file_same", name=name, id=result.submission_id))
    else:
        st.success(t("file_ok", name=name))
    counts = result.rows
    cols = st.columns(4)
    for col, key, n in zip(
        cols,
        ("would_insert", "would_update", "would_keep", "skipped"),
        (counts.inserted, counts.updated, counts.unchanged, counts.skipped),
    ):
        col.metric(t(key), number(n, 0))
    changes = changes_frame(result)
    if len(changes):
        views.show_table(
            changes, statuses=(), numbers={t(c): 2 for c in
                                           ("old_value", "new_value", "old_target", "target")},
            key=f"changes_{index}",
        )  # fmt: skip
    if result.targets is not None:  # a Target sheet: the agency's own targets it would store
        n = result.targets
        st.caption(t("receipt_targets", ins=n["inserted"], upd=n["updated"], same=n["unchanged"]))  # fmt: skip
    st.markdown(f"**{t('issues_title', n=len(result.issues))}**")
    if not result.issues:
        st.caption(t("no_issues"))
        return
    tables.show(issues_frame(result), hide_index=True, key=f"issues_{index}", width="stretch")
    st.download_button(
        t("download_issues"), issues_xlsx(result), file_name=f"{_stem(name)}_issues.xlsx",
        mime=XLSX_MIME, key=f"dl_issues_{index}",
    )  # fmt: skip


def issues_xlsx(result: FileResult) -> bytes:
    from etl.report.export import issues_workbook

    return issues_workbook(result.issues)


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] or "upload"


def receipt(result: FileResult, review: str) -> dict:
    """What the uploader keeps: kept in the session and shown until they leave."""
    return {
        "submission_id": result.submission_id,
        "file_name": result.path,
        "sha256": result.sha256,
        "status": result.status,
        "review": review,
        "rows": vars(result.rows).copy(),
        "at": datetime_label(dt.datetime.now(dt.UTC)),
        "issues": len(result.issues),
        "targets": dict(result.targets) if result.targets is not None else None,
    }


def show_receipts(receipts: list[dict]) -> None:
    if not receipts:
        return
    st.subheader(t("receipt"))
    for r in receipts:
        rows = r["rows"]
        line = t(
            "receipt_line", id=r["submission_id"], name=r["file_name"], sha=r["sha256"],
            ins=rows["inserted"], upd=rows["updated"], same=rows["unchanged"],
        )  # fmt: skip
        (st.success if r["status"] != "rejected" else st.error)(f"{line} · {r['at']}")
        if r.get("targets"):
            n = r["targets"]
            st.caption(t("receipt_targets", ins=n["inserted"], upd=n["updated"], same=n["unchanged"]))  # fmt: skip
        if r["review"] == "pending" and r["status"] == "accepted":
            st.caption(t("awaiting_review"))


def show_submissions(frame: pd.DataFrame) -> None:
    """The uploader's submissions with the review status and the reviewer's comment."""
    if frame.empty:
        st.caption(t("no_submissions"))
        return
    table = pd.DataFrame(
        {
            t("submission"): frame.id.to_numpy(),
            t("file_name"): frame.file_name.to_numpy(),
            t("uploaded_at"): frame.uploaded_at.to_numpy(),
            t("uploaded_by"): frame.uploaded_by.to_numpy(),
            t("review_status"): [t(s) if isinstance(s, str) else "" for s in frame.review_status],
            t("review_comment"): frame.review_comment.to_numpy(),
        }
    )
    tables.show(table, hide_index=True, key="my_submissions", width="stretch")
