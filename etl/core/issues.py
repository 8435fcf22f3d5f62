"""One error type for every user-facing problem: a stable code, the cell, both languages.

Messages live in `etl.core.messages` (one table, code → Indonesian and English templates with the
fix); this module only carries them. The CLI prints an Issue, the upload page renders a list of
them as a table, the export writes them to a sheet.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from etl.core import messages

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    severity: str
    code: str
    sheet: str | None
    cell: str | None
    row: int | None
    column: str | None
    value: str | None
    message_id: str
    message_en: str
    # The raw technical text behind a refusal (a reader's English exception, a zip entry's
    # name): shown in the English message and kept here, never inside the Indonesian one.
    detail: str | None = None

    @classmethod
    def make(
        cls,
        code: str,
        *,
        sheet: str | None = None,
        cell: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
        detail: str | None = None,
        **params: object,
    ) -> Issue:
        """Build an issue from the message table; `params` fill the templates."""
        template = messages.MESSAGES[code]
        shown = None if value is None else _shown(value)
        fill = {
            "value": shown,
            "sheet": sheet,
            "cell": cell,
            "row": row,
            "column": column,
            "detail": detail,
            **params,
        }
        return cls(
            severity=template.severity,
            code=code,
            sheet=sheet,
            cell=cell,
            row=row,
            column=column,
            value=shown,
            message_id=template.id.format_map(_Blank(fill)),
            message_en=template.en.format_map(_Blank(fill)),
            detail=detail,
        )

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def where(self) -> str:
        parts = [p for p in (self.sheet, self.cell) if p]
        return "!".join(parts) if parts else "-"

    def as_dict(self) -> dict:
        return asdict(self)


class UploadError(Exception):
    """A file cannot be accepted; carries every issue found so far."""

    def __init__(self, issues: list[Issue]):
        self.issues = list(issues)
        super().__init__("; ".join(i.message_en for i in self.issues))

    @classmethod
    def one(cls, code: str, **kwargs: object) -> UploadError:
        return cls([Issue.make(code, **kwargs)])


class _Blank(dict):
    """format_map helper: a placeholder without a value prints as an empty string."""

    def __missing__(self, key: str) -> str:
        return ""

    def __getitem__(self, key: str) -> object:
        value = super().get(key)
        return "" if value is None else value


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "..."
