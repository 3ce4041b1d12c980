"""Charts drawn by the page's own component.

st.plotly_chart names its element by its figure, so each change of a figure mounts a new chart: Plotly purges the
old one, plots afresh, then reacts once more. On the explorer that was 110-150 ms of a weight edit on 4-3-3-1,
more than the graph. A chart drawn here is redrawn in place, with one Plotly.react. Every role of the in-page
module (this chart, and ui/explorer/stepper.py's stepper, graph and syncs) lives in ui/page/.

They draw with the pinned Plotly the app serves itself (ui/vendor.py), which the module fetches once a page: a
partial bundle of the traces the pages use, a third of the Plotly that Streamlit's own charts load.
"""
import json
from pathlib import Path

import streamlit as st
from plotly.utils import PlotlyJSONEncoder

from backprop.i18n import _

from .colours import BLUE
from .vendor import KATEX, PLOTLY

PAGE_PARTS = ("memory", "graph", "code", "cursor", "loop", "quiz", "stepper", "charts", "access", "index")  # one module, in parts (ui/page/memory.js)
JS = "\n".join((Path(__file__).parent / "page" / f"{part}.js").read_text("utf-8") for part in PAGE_PARTS)
_chart = st.components.v2.component("backprop_explorer.chart", js=JS, isolate_styles=False)
# in the page's DOM, where the KaTeX styles Streamlit loads apply
_formula = st.components.v2.component("backprop_explorer.formula", js=JS, isolate_styles=False)
PAGE_KEY = "page_access"
# a focus that shows, 3 px of the app's blue (4.7:1 or more on every background of the app), where Streamlit's own is a
# half-transparent shadow of about 2:1; a field rings the box that holds it, a radio button or checkbox its label
FOCUS_CSS = (f":focus-visible:not(input, textarea) {{ outline: 3px solid {BLUE} !important; outline-offset: 2px; }}\n"
             ":has(> input:focus-visible):not(label *), :has(> textarea:focus-visible), label:has(input:focus-visible) "
             f"{{ outline: 3px solid {BLUE}; outline-offset: 2px; }}")
# every page's own: no element, so its box is hidden
_page = st.components.v2.component("backprop_explorer.page", js=JS, isolate_styles=False,
                                   css=f".st-key-{PAGE_KEY} {{ display: none; }}\n{FOCUS_CSS}\n")  # lines: not a path


def chart(figure, key: str | None, on_click=None) -> None:
    """A Plotly figure, redrawn in place when it changes: the same key, the same chart. With no key, a chart made
    anew each time (a training run's growing curve, drawn into one placeholder). on_click, if given, is called when
    a point is clicked; clicked_points(key) then reads their customdata."""
    spec = figure.to_dict()
    spec["layout"].pop("template", None)  # Plotly's default, 5 KB a chart; the browser sets the page's own
    data = {"role": "chart", "figure": json.dumps(spec, cls=PlotlyJSONEncoder), "plotly": PLOTLY.path,
            "clicks": on_click is not None,
            "words": {"no_plotly": _("This chart needs Plotly, which this browser did not load.")}}
    if on_click is None:
        _chart(key=key, data=data)
    else:
        _chart(key=key, data=data, on_click_change=on_click)


def formula(tex: str, key: str) -> None:
    """One line of maths, rendered in the page by the KaTeX the explorer's steps use: Markdown's own maths would load
    Streamlit's KaTeX (265 KB) beside it."""
    _formula(key=key, data={"role": "formula", "tex": tex, "katex": KATEX.path})


def page_access(language: str) -> None:
    """What every page does for access, in the browser (ui/page/access.js): <html lang> set to the session's
    language, wide equations reachable from the keyboard, a rebuilt control keeping the focus, and a visible focus."""
    _page(key=PAGE_KEY, data={"role": "page", "lang": language})
