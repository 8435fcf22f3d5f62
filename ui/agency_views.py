"""The pieces of the agency page: hierarchy, scorecard, peers and submissions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators.catalogue import Agency, Catalogue
from ui import badges, data, panels, views
from ui.i18n import confidence, number, period_label, pick, t


def _go_to(target: str) -> None:
    # A callback runs before the widgets are drawn, so the agency selectbox can take the value.
    st.session_state["url_agency"] = target


def hierarchy(cat: Catalogue, agency: Agency, allowed: frozenset[str] | None = None) -> None:
    """Province → regencies: a way up to the parent and down to the children (only to the
    agencies the reader may see: `allowed`, None for all)."""
    parent = cat.agencies.get(agency.parent)
    if parent is not None and allowed is not None and parent.code not in allowed:
        parent = None
    cols = st.columns(2)
    cols[0].caption(f"{t('agency_type')}: {t(agency.type)} · {t('code')}: {agency.code}")
    if parent is not None and parent.type != "NASIONAL":
        cols[0].button(
            f"↑ {t('parent_agency')}: {parent.name}", on_click=_go_to, args=(parent.code,)
        )
    children = sorted(cat.children(agency.code), key=lambda a: a.code)
    children = [c for c in children if allowed is None or c.code in allowed]
    if children and agency.type == "PROV":
        choice = cols[1].selectbox(
            t("children"), [""] + [c.code for c in children], key="child_agency",
            format_func=lambda c: f"{c} · {cat.agencies[c].name}" if c else "—",
        )  # fmt: skip
        if choice:
            cols[1].button("→", on_click=_go_to, args=(choice,), key="go_child")


def lineage(cat: Catalogue, agency: Agency, year: int, quarter: int) -> None:
    """A ministry of one cabinet: when it existed, and the way to the bodies it came from or
    went on as. Their data stay their own: each link opens the other body's page."""
    if agency.valid_from is None and agency.valid_to is None and not cat.predecessors(agency.code):
        return
    since = agency.valid_from.isoformat() if agency.valid_from else "–"
    until = agency.valid_to.isoformat() if agency.valid_to else t("still_in_force")
    note = t("valid_between", since=since, until=until)
    if not agency.exists_in(year, quarter):
        st.warning(f"{note} {t('not_in_this_period')}")
    else:
        st.caption(note)
    links = [("←", a) for a in cat.predecessors(agency.code)]
    links += [("→", cat.agencies[c]) for c in agency.successors if c in cat.agencies]
    for i, (arrow, other) in enumerate(links):
        word = t("predecessor") if arrow == "←" else t("successor")
        st.button(
            f"{arrow} {word}: {other.name}", on_click=_go_to, args=(other.code,), key=f"lineage_{i}"
        )


def scorecard(db: tuple, code: str, year: int, quarter: int) -> pd.DataFrame:
    judged = data.statuses(db, year, quarter)
    card = judged[judged.agency_code == code]
    return panels.judged_table(card, data.catalogue(db)) if len(card) else card


def show_scorecard(card: pd.DataFrame) -> None:
    columns = {
        "indicator": t("indicator"), "period": t("period"), "value": t("value"),
        "status_text": t("status"), "achievement_pct": t("achievement"),
        "baseline": t("baseline"), "expected": t("expected"), "target_used": t("target"),
        "final_target": t("final_target"), "progress_ratio": t("progress_ratio"),
        "category": t("category"),
    }  # fmt: skip
    views.show_table(
        card[list(columns)],
        numbers={"value": 2, "achievement_pct": 1, "baseline": 2, "expected": 2,
                 "target_used": 2, "final_target": 2, "progress_ratio": 3},
        labels=columns, key="scorecard",
    )  # fmt: skip


def peer_frame(db: tuple, agency: Agency, year: int, quarter: int) -> pd.DataFrame:
    """Per indicator: the agency's value, the median and rank among agencies of its type, and
    the median in its province (a regency's siblings, a province's own regencies)."""
    cat = data.catalogue(db)
    judged = data.statuses(db, year, quarter).dropna(subset=["value"])
    types = pd.Series({c: a.type for c, a in cat.agencies.items()})
    parents = pd.Series({c: a.parent for c, a in cat.agencies.items()})
    same_type = judged[judged.agency_code.map(types) == agency.type]
    province = agency.parent if agency.type == "KABKOTA" else agency.code
    in_province = judged[judged.agency_code.map(parents) == province]
    rows = []
    for code, group in same_type.groupby("indicator_code"):
        own = group[group.agency_code == agency.code]
        if own.empty:
            continue
        indicator = cat.indicators[code]
        value = float(own.value.iloc[0])
        better = (
            group.value < value if indicator.direction == "lower_better" else group.value > value
        )
        local = in_province[in_province.indicator_code == code].value
        rows.append(
            {
                t("indicator"): pick(indicator.name_id, indicator.name_en),
                t("value"): value,
                t("peers_type"): group.value.median(),
                t("rank"): f"{int(better.sum()) + 1} / {len(group)}",
                t("peers_province"): local.median() if len(local) else None,
            }
        )
    return pd.DataFrame(rows)


def show_peers(db: tuple, agency: Agency, year: int, quarter: int) -> None:
    frame = peer_frame(db, agency, year, quarter)
    if frame.empty:
        st.caption("—")
        return
    numbers = {t("value"): 2, t("peers_type"): 2, t("peers_province"): 2}
    views.show_table(frame, numbers=numbers, key="peers")


def show_submissions(db: tuple, agency: Agency) -> None:
    sent = data.submissions(db, agency=agency.code)
    sent = sent.sort_values(["year", "quarter"], ascending=False)
    if sent.empty:
        views.empty_state()
        return
    table = pd.DataFrame(
        {
            t("period"): [period_label(y, q) for y, q in zip(sent.year, sent.quarter)],
            t("submitted_at"): sent.submitted_at.to_numpy(),
            t("deadline"): sent.deadline.to_numpy(),
            t("status"): [badges.text(badges.TIMELINESS_AS_STATUS[c]).split(" ")[0] + " " + t(c)
                          for c in sent.timeliness],
        }
    )  # fmt: skip
    views.show_table(table, statuses=(), key="submissions")


def targets_frame(db: tuple, agency: Agency, roadmap: str) -> pd.DataFrame:
    """The baselines and targets that judge this agency in the road map (`targets_for`: its
    own, uploaded or official, and a national band only where it applies), each with its
    source and file; an indicator without any says "Belum ada target" in a row of its own."""
    cat = data.catalogue(db)
    files = data.target_files(db, agency.code)
    rows = []
    for indicator in cat.indicators_for_type(agency.type):
        name = pick(indicator.name_id, indicator.name_en)
        own = cat.targets_for(roadmap, indicator.code, agency.code)
        if not any(r.kind == "target" for r in own):
            rows.append((name, "", t("no_target_yet"), "", "", "", ""))  # said in its own row
        for r in own:
            value = f"{number(r.low)}–{number(r.high)}" if r.is_band else number(r.value)
            origin = files.get((r.roadmap, r.indicator, r.year, r.kind))
            if origin is None:
                origin = t("national_applies") if r.agency != agency.code else t("reference_data")
            source = r.source or "–"
            rows.append((name, str(r.year), t(r.kind), value, origin,
                         confidence(r.confidence), source))  # fmt: skip
    columns = [t("indicator"), t("year"), t("target_kind"), t("value"), t("target_file"),
               t("confidence"), t("source")]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def show_targets(db: tuple, agency: Agency, roadmap: str) -> None:
    frame = targets_frame(db, agency, roadmap)
    st.subheader(t("own_targets"))
    st.caption(t("own_targets_caption"))
    # Said above the table too: a long list of targets must not hide the indicators without.
    without = frame[frame[t("target_kind")] == t("no_target_yet")][t("indicator")]
    if len(without):
        st.markdown(f"**{t('no_target_yet')}**: " + "; ".join(without))
    views.show_table(frame, statuses=(), key="own_targets")
