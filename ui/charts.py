"""Charts drawn by the page's own component, and the hidden chart that makes Streamlit load Plotly.

st.plotly_chart names its element by its figure, so each change of a figure mounts a new chart: Plotly purges the
old one, plots afresh, then reacts once more. On the explorer that was 110-150 ms of a weight edit on 4-3-3-1,
more than the graph. A chart drawn here is redrawn in place, with one Plotly.react. Every role of the in-page
module (this chart, and ui/explorer/stepper.py's stepper, graph and sync) lives in stepper.js.

They draw with the Plotly that Streamlit loads with a page's first st.plotly_chart (window.Plotly), so a page
that draws here starts with plotly_loader(): one hidden chart that never changes.
"""
import json
from pathlib import Path

import streamlit as st
from plotly.utils import PlotlyJSONEncoder

from backprop.i18n import _

from .plots import lean_figure

JS = (Path(__file__).parent / "stepper.js").read_text("utf-8")
LOADER_KEY = "plotly_loader"  # the hidden chart's container
_chart = st.components.v2.component("backprop_explorer.chart", js=JS, isolate_styles=False)
_HIDE_LOADER = (f"<style>[data-testid='stLayoutWrapper']:has(> .st-key-{LOADER_KEY}), .st-key-{LOADER_KEY} "
                "{ display: none; }</style>")


def chart(figure, key: str | None) -> None:
    """A Plotly figure, redrawn in place when it changes: the same key, the same chart. With no key, a chart made
    anew each time (a training run's growing curve, drawn into one placeholder)."""
    spec = figure.to_dict()
    spec["layout"].pop("template", None)  # Plotly's default, 5 KB a chart; the browser sets the page's own
    _chart(key=key, data={"role": "chart", "figure": json.dumps(spec, cls=PlotlyJSONEncoder),
                          "words": {"no_plotly": _("This chart needs Plotly, which this browser did not load.")}})


def plotly_loader() -> None:
    """One hidden chart that never changes: Streamlit then loads Plotly while the rest of the page comes."""
    st.html(_HIDE_LOADER)
    with st.container(key=LOADER_KEY):
        st.plotly_chart(lean_figure([], {"height": 10, "width": 10, "meta": {"figure": LOADER_KEY}}),
                        key=LOADER_KEY + "_chart")
