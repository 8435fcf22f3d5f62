"""One error type for every user-facing problem: a stable code, the cell, both languages.

Messages live in `etl.core.messages` (one table, code → Indonesian and English templates with the
fix); this module only carries them. The CLI prints an Issue, the upload page renders a list of
them as a table, the export writes them to a sheet; a CodedError raises one outside an upload.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from babel.numbers import format_decimal

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
            "value": value if isinstance(value, Number | Numbers) else shown,
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
            message_id=_placed(template.id, "id", sheet, cell, column).format_map(
                _Blank(_in(fill, "id"))
            ),
            message_en=_placed(template.en, "en", sheet, cell, column).format_map(
                _Blank(_in(fill, "en"))
            ),
            detail=detail,
        )

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def where(self) -> str:
        parts = [p for p in (self.sheet, self.cell) if p]
        return "!".join(parts) if parts else "–"  # an en dash: "-" reads as a formula start

    def as_dict(self) -> dict:
        return asdict(self)


MAX_ISSUES = 1000  # per file: past it a report helps no one, and 190,000 objects cost memory


class IssueList(list):
    """A file's issues: the first MAX_ISSUES kept, every later one only counted (by severity),
    so a file of 190,000 bad rows builds a thousand issues, not 190,000. `report()` closes the
    list with one issue saying how many more there were."""

    def __init__(self, issues=(), limit: int = MAX_ISSUES):
        super().__init__()
        self.limit, self.more, self.more_errors = limit, 0, 0
        self._said: set[tuple] = set()
        self.extend(issues)

    def said(self, *key: object) -> bool:
        return key in self._said

    def first_time(self, *key: object) -> bool:
        """True once per key: a problem of the whole file (a locked period) is reported once,
        at its first cell, not once per cell."""
        if key in self._said:
            return False
        self._said.add(key)
        return True

    @property
    def total(self) -> int:
        """Every issue seen, kept or only counted."""
        return len(self) + self.more

    @property
    def full(self) -> bool:
        return len(self) >= self.limit

    def count_more(self, code: str) -> None:
        """One more issue of `code` past the limit (not built)."""
        self.more += 1
        self.more_errors += messages.MESSAGES[code].severity == ERROR

    def append(self, issue: Issue) -> None:
        if self.full:
            self.more += 1
            self.more_errors += issue.is_error
        else:
            super().append(issue)

    def extend(self, issues) -> None:
        for issue in issues:
            self.append(issue)
        if isinstance(issues, IssueList):
            self.more += issues.more
            self.more_errors += issues.more_errors

    def __add__(self, other) -> IssueList:
        joined = IssueList(self, self.limit)
        joined.extend(other)
        return joined

    def report(self) -> list[Issue]:
        if not self.more:
            return list(self)
        summary = Issue.make("more_issues", count=self.more, errors=self.more_errors)
        if not self.more_errors:
            summary = replace(summary, severity=WARNING)
        return [*self, summary]


class UploadError(Exception):
    """A file cannot be accepted; carries every issue found so far."""

    def __init__(self, issues: list[Issue]):
        self.issues = list(issues)
        super().__init__("; ".join(i.message_en for i in self.issues))

    @classmethod
    def one(cls, code: str, **kwargs: object) -> UploadError:
        return cls([Issue.make(code, **kwargs)])


class CodedError(Exception):
    """A refusal that is not about a file (a login, an account, a review): one Issue of the
    message table, raised. Pages show `bilingual()`, the CLI prints it; subclasses name the
    concern (AuthError, ReviewError) so callers catch only what they can answer."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = dict(params)
        self.issue = Issue.make(code, **params)
        super().__init__(self.issue.message_en)

    @property
    def message_id(self) -> str:
        return self.issue.message_id

    @property
    def message_en(self) -> str:
        return self.issue.message_en

    def bilingual(self) -> str:
        return f"{self.message_id} / {self.message_en}"


# A problem without a cell (the agency or year came from the file name or the upload form)
# still uses its cell's template: "Cell {cell}: ..." then names the sheet or the whole file
# instead of an empty reference ("Cell : ...").
_CELL_START = {"id": re.compile(r"^Sel \{cell\}( \(\{column\}\))?"),
               "en": re.compile(r"^Cell \{cell\}( \(\{column\}\))?")}  # fmt: skip
_CELL_INSIDE = {"id": ", mulai sel {cell}", "en": ", from cell {cell} on"}
_WHOLE = {"id": ("Lembar {sheet}", "Berkas ini"), "en": ("Sheet {sheet}", "This file")}


def _placed(text: str, lang: str, sheet, cell, column) -> str:
    if cell is not None:
        return text
    whole = _WHOLE[lang][0 if sheet else 1] + (" ({column})" if column else "")
    return _CELL_START[lang].sub(whole, text).replace(_CELL_INSIDE[lang], "")


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


_LOCALES = {"id": "id_ID", "en": "en_US"}


@dataclass(frozen=True)
class Number:
    """A number in an issue's message, written as each message's reader writes it: "nilai
    3,15" in the Indonesian text, "value 3.15" in the English one (years and quarters are
    ints and stay plain). `empty` stands for None (an open bound: ∞, a missing figure: -)."""

    value: float | None
    empty: str = "∞"

    def text(self, lang: str) -> str:
        if self.value is None:
            return self.empty
        return format_decimal(self.value, format="#,##0.######", locale=_LOCALES[lang])

    def __str__(self) -> str:  # Issue.value, the cell as read: no grouping, either language
        return self.empty if self.value is None else f"{self.value:g}"


@dataclass(frozen=True)
class Numbers:
    """Several numbers in one message: "1,5; 2" in Indonesian (its decimal comma would run
    into a comma list), "1.5, 2" in English."""

    values: tuple[float | None, ...]
    empty: str = "-"
    pattern: str | None = None  # e.g. "{0}–{1} ({2})": the numbers placed in a phrase

    def __init__(
        self, values: Iterable[float | None], empty: str = "-", pattern: str | None = None
    ) -> None:
        object.__setattr__(self, "values", tuple(values))
        object.__setattr__(self, "empty", empty)
        object.__setattr__(self, "pattern", pattern)

    def text(self, lang: str) -> str:
        shown = [Number(v, self.empty).text(lang) for v in self.values]
        if self.pattern is not None:
            return self.pattern.format(*shown)
        return ("; " if lang == "id" else ", ").join(shown)

    def __str__(self) -> str:
        shown = [str(Number(v, self.empty)) for v in self.values]
        return self.pattern.format(*shown) if self.pattern is not None else ", ".join(shown)


def _in(fill: dict, lang: str) -> dict:
    return {k: v.text(lang) if isinstance(v, Number | Numbers) else v for k, v in fill.items()}
