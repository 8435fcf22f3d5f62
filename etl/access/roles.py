"""Who may do what: one table, deny by default."""

from __future__ import annotations

ROLES = ("admin", "reviewer", "analyst", "agency")

VIEW_ALL = "view_all"  # every agency's data
VIEW_OWN = "view_own"  # the account's own agency (and, if granted, a province's regencies)
EXPORT = "export"
UPLOAD = "upload"
REVIEW = "review"  # approve or return submissions awaiting review
MANAGE_USERS = "manage_users"
AUDIT = "audit"
UNLOCK = "unlock"  # reopen a locked period for one agency

PERMISSIONS = (VIEW_ALL, VIEW_OWN, EXPORT, UPLOAD, REVIEW, MANAGE_USERS, AUDIT, UNLOCK)

GRANTS: dict[str, frozenset[str]] = {
    "admin": frozenset(PERMISSIONS),
    "reviewer": frozenset({VIEW_ALL, EXPORT, REVIEW}),
    "analyst": frozenset({VIEW_ALL, EXPORT}),
    "agency": frozenset({VIEW_OWN, UPLOAD}),
}


def can(role: str | None, permission: str) -> bool:
    """Whether `role` holds `permission`; an unknown role or none holds nothing."""
    return permission in GRANTS.get(role or "", frozenset())
