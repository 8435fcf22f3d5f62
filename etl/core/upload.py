"""What one file is and becomes: who sends it (`Upload`), what it does to each value (`Change`)
and what happened to it (`FileResult`, the receipt the CLI prints and the upload page shows)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from etl.core.issues import Issue
from etl.core.rows import ValidRow
from etl.core.states import APPROVED


@dataclass
class RowCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0


class Change(NamedTuple):
    """What a file does to one value: old → new (old is None for an insert)."""

    row: ValidRow
    old_value: float | None
    old_target: float | None
    kind: str  # inserted | updated | unchanged


def change(row: ValidRow, old_value: float | None, old_target: float | None) -> Change:
    if old_value is None:
        kind = "inserted"
    elif old_value == row.value and old_target == row.target:
        kind = "unchanged"
    else:
        kind = "updated"
    # tuple.__new__: NamedTuple's own __new__ is Python code, three times slower per row.
    return tuple.__new__(Change, (row, old_value, old_target, kind))


@dataclass
class FileResult:
    path: str
    status: str
    submission_id: int | None = None
    rows: RowCounts = field(default_factory=RowCounts)
    issues: list[Issue] = field(default_factory=list)
    sha256: str | None = None
    changes: list[Change] = field(default_factory=list)
    dry_run: bool = False
    # Action plans (Rencana Aksi sheets): counts by kind, and per sheet the agency and year
    # used with where each came from (metadata, title, form, file_name).
    actions: dict[str, int] | None = None
    action_context: list[dict] = field(default_factory=list)
    # Target / Sasaran sheets: counts by kind (inserted, updated, unchanged); None without one.
    targets: dict[str, int] | None = None

    def as_report(self) -> dict:
        report = {
            "path": self.path,
            "status": self.status,
            "submission_id": self.submission_id,
            "sha256": self.sha256,
            "rows": vars(self.rows).copy(),
            "issues": [i.as_dict() for i in self.issues],
        }
        if self.actions is not None or self.action_context:
            report["actions"] = dict(self.actions or {})
            report["action_context"] = list(self.action_context)
        if self.targets is not None:
            report["targets"] = dict(self.targets)
        return report


@dataclass
class Upload:
    """Who sends a file, when, and what they may touch."""

    user: str = "cli"
    source: str = "upload"  # upload | cli | demo | reference (etl.access.review.ORIGINS)
    received_at: dt.datetime | None = None  # default: now; the demo back-dates its files
    allowed_agencies: frozenset[str] | None = None
    today: dt.date | None = None
    # Upload form / --agency --year --theme: for action-plan sheets that do not say them.
    agency: str | None = None
    year: int | None = None
    theme: str | None = None
    # An agency's upload in the app waits for a reviewer ("pending"); it becomes official on
    # approval (etl.access.review). The command line and reviewers' own uploads are "approved".
    review: str = APPROVED
    enforce_locks: bool = False  # agencies cannot upload for a period past its lock date
    # The national rows (agency ID) of a Target sheet: an administrator's, never an agency's.
    may_change_national: bool = True


def count_kinds(changes) -> dict[str, int]:
    """Inserted, updated and unchanged among a file's planned changes (values, actions or
    targets: anything with a `kind`)."""
    counts = {"inserted": 0, "updated": 0, "unchanged": 0}
    for change in changes:
        counts[change.kind] += 1
    return counts
