"""The states a file and a submission go through, in one place (stored as their string values)."""

from __future__ import annotations

from enum import StrEnum


class FileStatus(StrEnum):
    """What happened to one uploaded file."""

    ACCEPTED = "accepted"
    UNCHANGED = "unchanged"  # the same bytes were stored before
    REJECTED = "rejected"  # any error: nothing stored


class Review(StrEnum):
    """Where a submission's values stand: official once approved."""

    APPROVED = "approved"
    PENDING = "pending"
    RETURNED = "returned"


ACCEPTED, UNCHANGED, REJECTED = FileStatus
APPROVED, PENDING, RETURNED = Review
