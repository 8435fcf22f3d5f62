"""Whether a row's agency may report: registered, the uploader's own, and existing in the period
(ministries come and go with cabinets; after its end a body's successors report)."""

from __future__ import annotations

from indicators.catalogue import Catalogue


def agency_problem(ctx, code: str) -> str | None:
    """The message code when `code` is not a registered agency or not this uploader's."""
    if code not in ctx.catalogue.agencies:
        return "unknown_agency"
    if ctx.allowed_agencies is not None and code not in ctx.allowed_agencies:
        return "agency_not_allowed"
    return None


def not_in_period(
    catalogue: Catalogue, agency: str, period: tuple[int, int]
) -> tuple[str, dict] | None:
    """(message code, parameters) when the body did not exist in the period, else None."""
    body = catalogue.agencies[agency]
    if body.exists_in(*period):
        return None
    known = catalogue.agencies
    successors = ", ".join(f"{s} ({known[s].name})" if s in known else s for s in body.successors)
    code = "agency_not_in_period" if successors else "agency_not_in_period_alone"
    since, until = body.valid_from or "–", body.valid_to or "–"
    return code, {"since": since, "until": until, "successors": successors}
