"""The x axis of a quarterly series: each quarter labelled under its own point."""

from __future__ import annotations

import math

from ui.i18n import lang

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Up to this many quarters every one is labelled; a longer axis labels each year's first.
ALL_QUARTERS = 8


def quarter_axis(traces: list[dict]) -> dict:
    """An x axis in quarters (a point at t = year - 1 + q/4) labelled "TW I 2024" under its
    points: year ticks had put TW I 2024 beside "2023", as its t is 2023.25. A long axis
    labels each year's first quarter only (the others keep a tick)."""
    times = [x for trace in traces for x in trace.get("x", []) if isinstance(x, (int, float)) and x == x]  # fmt: skip
    if not times:
        return {}
    first, last = math.floor(min(times) * 4 + 0.5), math.floor(max(times) * 4 + 0.5)
    sparse = last - first + 1 > ALL_QUARTERS
    values, labels = [], []
    for step in range(first, last + 1):
        year, quarter = (step - 1) // 4 + 1, (step - 1) % 4 + 1
        if sparse and quarter != 1:
            continue
        name = f"TW {ROMAN[quarter]}" if lang() == "id" else f"Q{quarter}"
        values.append(step / 4)
        labels.append(f"{name} {year}")
    return {"tickvals": values, "ticktext": labels, "tickangle": 0 if sparse else -30}
