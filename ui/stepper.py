"""The stepper's buttons as a small in-page component that also keeps the graph current.

The page ships every step at once: one figure per position, and every step's equations in a
container keyed ``bp_step_<k>`` that CSS shows only at its position. A Prev/Next click redraws
the graph with Plotly.react (the page's own Plotly) and shows that step's container at once,
then tells the server the new position in the background: that sync reruns a fragment holding
only this component, and its data do not change with the position, so nothing on the page does.
The figures travel in a second component outside that fragment, so a sync does not send them
again: they were 90 % of a sync's server time.
The page (window) remembers the position per view, so a page run that rebuilds the component
leaves the learner on the same step.

The server's st.plotly_chart keeps drawing the figure it drew first (its element id follows its
spec, so a new spec would make the browser build the chart again, three times slower than
Plotly.react). Whenever the data bring a figure the graph does not show (an edit, training, a
pick), this component redraws it, and after any redraw by Streamlit (a resize) it puts its
figure back. Each figure names its view and position in layout.meta.bp, so the two can tell.
Without Plotly on the page the browser says so and the server draws every change itself.
"""
import json
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from backprop.i18n import _, language

from .figures import PROJECTOR, SCREEN, lean_figure, network_figure_dict
from .link import FIELDS
from .views import graph_view

HERE = Path(__file__).parent
UPDATE_KEY = "apply_update"  # the Apply update button's key: the stepper keeps it quiet until backward is done
ANSWER_KEY = "quiz_answer"   # the prefix of the quiz's prediction field's key: Enter on the page moves there
_JS = (HERE / "stepper.js").read_text("utf-8")
_component = st.components.v2.component("backprop_explorer.stepper", css=(HERE / "stepper.css").read_text("utf-8"),
                                        js=_JS)
_figures = st.components.v2.component("backprop_explorer.figures", js=_JS)  # the same module, in its figures role


# the explorer's header kept small, so the stepper, the graph and the step's first equation share one screen
COMPACT_CSS = ("<style>[data-testid='stMainBlockContainer'] { padding-top: 3.75rem; } "  # clear of Streamlit's header
               "[class*='st-key-bp_step_'] h3 { font-size: 1.3rem; padding: 0.2rem 0 0; }</style>")

# projector mode: body text, equations and the stepper larger (the graph's own sizes are in ui/figures.py)
PROJECTOR_CSS = ("<style>[data-testid='stMain'] .stMarkdown p, [data-testid='stMain'] .stMarkdown li, "
                 "[data-testid='stMain'] .stMarkdown td, [data-testid='stMain'] .stMarkdown th { font-size: 1.45rem; } "
                 "[data-testid='stMain'] .katex-display { font-size: 1.6em; } "
                 "[class*='st-key-bp_step_'] h3 { font-size: 2rem; }</style>")  # the stepper's own: stepper.css

# the stepper shows one; each keyed container sits in a layout wrapper, which would keep its gap. The
# figures' component draws nothing.
HIDE_STEPS = ("<style>[class*='st-key-bp_step_'], [data-testid='stLayoutWrapper']:has(> [class*='st-key-bp_step_']),"
              " .st-key-graph_figures, [data-testid='stLayoutWrapper']:has(> .st-key-graph_figures)"
              " { display: none; }</style>")


def figures_by_position(state, token: str = "") -> list[dict]:
    """The graph at every position of the walk-through, as Plotly JSON, for the browser to switch between;
    layout.meta.bp names each one "<token>:<position>"."""
    activations = [layer.activation for layer in state.network.layers]
    asked = state.pending
    # a quiz rings the number it asks about, and keeps Δw off the graph while it may still ask an updated weight
    pick = state.pick or (asked.place if asked is not None and asked.place[0] != "loss" else None)
    updates_known = not any(q.kind == "new_weight" for q in state.unanswered)
    figures = []
    for k in range(state.n_steps + 1):
        if k > state.unlocked:  # a quiz's steps ahead stay off the page until their question is answered
            figures.append(None)
            continue
        figure = network_figure_dict(graph_view(state.network, state.walk, k, state.show, state.sample, pick,
                                                updates_known), activations, PROJECTOR if state.projector else SCREEN)
        figure["layout"]["meta"]["bp"] = _figure_key(token, k)
        figures.append(figure)
    return figures


def _figure_key(token: str, position: int) -> str:
    """What layout.meta.bp says of a figure; the browser's stepper builds the same string."""
    return f"{token}:{position}"


def _cached_figures(state, token: str) -> str:
    """figures_by_position as one JSON string, built once per view: a position sync reuses it. A
    string rather than the dicts: each of a class's sessions holds one, and tens of thousands of small
    objects per session would make every full garbage collection of the server longer."""
    cached = st.session_state.get("bp_figures")
    if cached is None or cached[0] != token:
        cached = st.session_state["bp_figures"] = (token, json.dumps(figures_by_position(state, token)))
    return cached[1]


def start_position(state, token: str) -> int:
    """Where the browser's stepper starts for this view (token): the position when the view appeared.
    Fixed while the view lasts, so a position sync re-sends the component's data unchanged."""
    start = st.session_state.get("bp_start")
    if start is None or start[0] != token:
        start = st.session_state["bp_start"] = (token, state.position)
    return start[1]


def graph_figure(state, token: str) -> go.Figure:
    """The figure the server's chart draws: the first one it drew, so its element is never rebuilt;
    the browser's stepper draws every later one over it. It is drawn again for new layer sizes, since
    Streamlit sizes the chart's box from this figure's height, and always when the browser cannot draw
    (no Plotly on the page: it has said so)."""
    key = _figure_key(token, state.position)
    drawn = st.session_state.get("bp_drawn")
    box = (state.sizes, state.projector)  # what Streamlit sizes the chart's box from
    if drawn is None or drawn[1] != box or (st.session_state.get("bp_server_draws") and drawn[0] != key):
        st.session_state["bp_drawn"] = (key, box)
        figure = json.loads(_cached_figures(state, token))[state.position]
        st.session_state["bp_drawn_figure"] = lean_figure(**figure)  # built once, not on every run
    return st.session_state["bp_drawn_figure"]


def server_graph_behind(state, token: str) -> bool:
    """The browser cannot draw (no Plotly), and the server's graph is not yet at the learner's step."""
    return bool(st.session_state.get("bp_server_draws")) and st.session_state["bp_drawn"][0] != _figure_key(token, state.position)


def view_token(state) -> str:
    """Changes whenever the figures change for a reason other than the position."""
    return state.key("view", state.instance, state.version, state.sample, state.show, state.pick, state.learning_rate,
                     state.projector, state.unlocked, language())


def stepper(state, token: str, key: str = "stepper"):
    """Draw the buttons; a click in the browser lands in state.set_position via the callback."""
    loss_label = _("Loss ({name})").format(name=state.network.loss)
    loss_known = state.unlocked >= state.loss_position  # a quiz may still ask for it
    data = {"n": state.n_steps, "start": start_position(state, token), "loss_from": state.loss_position,
            "targets": [state.step_targets(k) for k in range(state.n_steps + 1)],
            "token": token, "server_draws": bool(st.session_state.get("bp_server_draws")),
            "texts": [state.position_text(k) for k in range(state.n_steps + 1)],
            "loss_waiting": _("{name}: {value}").format(name=loss_label, value="…"),
            "loss_text": _("{name}: {value}").format(name=loss_label, value=f"{state.walk.backward.loss:.6g}"
                                                      if loss_known else "?"),
            "step_key": FIELDS["step"].key,  # Copy link writes the step on screen
            "update_key": UPDATE_KEY, "projector": state.projector, "answer_key": ANSWER_KEY, "words": words()}
    _component(key=key, data=data, on_position_change=lambda: apply_position(state, st.session_state[key]["position"],
                                                                             st.session_state))


def words() -> dict[str, str]:
    """The stepper's own words, in the session's language."""
    return {"reset": "⟲ " + _("Reset"), "prev": "◀ " + _("Prev"), "next": _("Next") + " ▶",
            "forward": _("Run forward"), "backward": _("Run backward"), "copy": _("Copy link"),
            "copied": _("Link copied") + " ✓", "copy_by_hand": _("Copy this link:"),
            "copy_help": _("A link that opens this network, data and step in any browser")}


def figures(state, token: str) -> None:
    """Every position's graph for the browser's stepper, in a component of their own outside the
    stepper's fragment: a position sync then re-sends only the stepper's few kilobytes, not these."""
    _figures(key="graph_figures", data={"role": "figures", "token": token, "figures": _cached_figures(state, token)})


def apply_position(state, value, session) -> None:
    """The component's [position, sequence, server_draws] lands here. A browser that could not
    redraw the graph itself has no Plotly: from then on the server draws every change."""
    if not isinstance(value, (list, tuple)) or not value:
        return
    state.set_position(value[0])
    if len(value) > 2 and value[2] is True:
        session["bp_server_draws"] = True
