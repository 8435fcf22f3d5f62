"""The bare twin of a dashboard page: a title and plotly charts with the given numbers of
traces, nothing else. It is the floor Streamlit and the browser set for a page drawing that many
charts, which the benchmarks compare the app's pages with.

    streamlit run bench/bare_app.py    then open  /?charts=4,2,1    (three charts: 4, 2, 1 traces)

The select box "round" reruns the page with other numbers, so that every chart is drawn again:
the twin of an interaction on an app page (bench/browser_bench.py).
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st


def draw(layout: list[int], shift: int = 0) -> None:
    """One chart per entry of `layout`, with that many traces of 24 points each."""
    st.title("bare")
    for chart, traces in enumerate(layout):
        fig = go.Figure()
        for i in range(traces):
            fig.add_trace(go.Scatter(x=list(range(24)), y=[(i + x + shift) % 7 for x in range(24)]))
        st.plotly_chart(fig, key=f"c{chart}")


def layout_of(text: str) -> list[int]:
    """`"4,2,1"` → [4, 2, 1]; empty → no chart."""
    return [int(n) for n in text.split(",") if n.strip()]


if __name__ == "__main__":
    shift = st.selectbox("round", [0, 1], key="round")
    draw(layout_of(st.query_params.get("charts", "")), shift)
