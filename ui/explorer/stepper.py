"""The stepper's buttons, the graph and the position's sync: three small in-page components sharing one module.

The page ships every position's figure at once, and the steps within reach: the one on screen and the two a
Prev or Next leads to, each in a container keyed ``bp_step_<k>`` that CSS shows only at its position. A
Prev/Next click redraws the graph with Plotly.react and shows that step's container at once, then tells the
server the new position in the background, through the sync component. That sync reruns a fragment holding only
the steps, and it sends only the step that came within reach: a step already on the page is sent unchanged, so
the browser leaves it as drawn. Drawing three steps rather than all of them keeps a page run's KaTeX to three
steps, which an edit, an update and a training run each pay.

The graph has one owner: its own component draws every figure, into an element of its own, and
sends a click on a marker back as the pick. The page's other charts are drawn by the same module, in
ui/charts.py. All of them draw with the pinned Plotly the app serves (ui/vendor.py). The figures travel
in the graph's component, outside the steps' fragment, so a sync does not send them again:
they were 90 % of a sync's server time. The page (window) remembers the position per view, so a
page run that rebuilds the components leaves the learner on the same step.
"""
import json
from pathlib import Path

import streamlit as st

from backprop.i18n import _
from backprop.losses import clipped

from .. import labels, session
from ..charts import JS
from ..colours import BLUE, BLUE_DARK
from ..vendor import PLOTLY
from .figures import PROJECTOR, SCREEN, legend_height, network_figure_dict, plot_height
from .link import FIELDS
from .views import graph_view

HERE = Path(__file__).parent
UPDATE_KEY = "apply_update"  # the Apply update button's key: the stepper keeps it quiet until backward is done
ANSWER_KEY = "quiz_answer"   # the prefix of the quiz's prediction field's key: Enter on the page moves there
_CSS = f".bp-stepper {{ --bp-blue: {BLUE}; --bp-blue-dark: {BLUE_DARK}; }}\n" + (HERE / "stepper.css").read_text("utf-8")
_component = st.components.v2.component("backprop_explorer.stepper", css=_CSS, js=JS)
# the same module in its graph role; in the page's own DOM, where Plotly's stylesheet applies
_graph = st.components.v2.component("backprop_explorer.graph", js=JS, isolate_styles=False)
# the same module again: no element of its own, it carries the browser's position to the steps' fragment
_sync = st.components.v2.component("backprop_explorer.sync", js=JS)
SYNC_KEY = "position_sync"
GRAPH_KEY = "graph"  # the graph component's key: its pick is read under it
STEP_KEY = "bp_step_"  # step k's container is keyed STEP_KEY + k; the browser's stepper is told, to show it
SLOTS = 3  # the steps within reach: the one on screen, and the ones Prev and Next lead to


# the explorer's header kept small, so the stepper, the graph and the step's first equation share one screen
COMPACT_CSS = ("<style>[data-testid='stMainBlockContainer'] { padding-top: 3.75rem; } "  # clear of Streamlit's header
               f"[class*='st-key-{STEP_KEY}'] h3 {{ font-size: 1.3rem; padding: 0.2rem 0 0; }}</style>")

# projector mode: body text, equations and the stepper larger (the graph's own sizes are in ui/explorer/figures.py)
PROJECTOR_CSS = ("<style>[data-testid='stMain'] .stMarkdown p, [data-testid='stMain'] .stMarkdown li, "
                 "[data-testid='stMain'] .stMarkdown td, [data-testid='stMain'] .stMarkdown th { font-size: 1.45rem; } "
                 "[data-testid='stMain'] .katex-display { font-size: 1.6em; } "
                 f"[class*='st-key-{STEP_KEY}'] h3 {{ font-size: 2rem; }}</style>")  # the stepper's own: stepper.css

# the stepper shows one; each keyed container sits in a layout wrapper, which would keep its gap; so would the sync
HIDE_STEPS = (f"<style>[class*='st-key-{STEP_KEY}'], "
              f"[data-testid='stLayoutWrapper']:has(> [class*='st-key-{STEP_KEY}']), .st-key-{SYNC_KEY} {{ display: none; }}"
              "</style>")


def figures_by_position(state, token: str = "") -> list[dict]:
    """The graph at every position of the walk-through, as Plotly JSON, for the browser to switch between;
    layout.meta.bp names each one "<token>:<position>"."""
    activations = [layer.activation for layer in state.network.layers]
    asked = state.pending
    # a quiz rings the number it asks about, and keeps Δw off the graph while it may still ask an updated weight
    pick = state.pick or (asked.place if asked is not None and asked.place.kind != "loss" else None)
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
    """What layout.meta.bp says of a figure: the graph's component skips a figure it has already drawn."""
    return f"{token}:{position}"


def _cached_figures(state, token: str) -> str:
    """figures_by_position as one JSON string, built once per view: a position sync reuses it. A
    string rather than the dicts: each of a class's sessions holds one, and tens of thousands of small
    objects per session would make every full garbage collection of the server longer."""
    return session.per_view("view_figures", token, lambda: json.dumps(figures_by_position(state, token)))


def start_position(state, token: str) -> int:
    """Where the browser's stepper starts for this view (token): the position when the view appeared.
    Fixed while the view lasts, so a position sync re-sends the component's data unchanged."""
    return session.per_view("view_start", token, lambda: state.position)


def stepper(state, token: str, key: str = "stepper"):
    """Draw the buttons; a move in the browser reaches state.set_position through position_sync."""
    loss_label = _("Loss ({name})").format(name=labels.loss_name(state.network.loss))
    loss_known = state.unlocked >= state.loss_position  # a quiz may still ask for it
    data = {"n": state.n_steps, "start": start_position(state, token), "loss_from": state.loss_position,
            "targets": [state.step_targets(k) for k in range(state.n_steps + 1)],
            "token": token,
            "texts": [state.position_text(k) for k in range(state.n_steps + 1)],
            "loss_waiting": _("{name}: {value}").format(name=loss_label, value="…"),
            "loss_text": _("{name}: {value}").format(name=loss_label, value=loss_value(state) if loss_known else "?"),
            "step_key": FIELDS["step"].key,  # Copy link writes the step on screen
            "step_prefix": STEP_KEY, "update_key": UPDATE_KEY, "projector": state.projector, "answer_key": ANSWER_KEY,
            "words": words()}
    _component(key=key, data=data)


def loss_value(state) -> str:
    """The pass's loss as the stepper shows it, said to be clipped when it went through the log's clip."""
    walk = state.walk
    value = f"{walk.backward.loss:.6g}"
    if clipped(state.network.loss, walk.forward.output, state.targets):
        return _("{value} (clipped: see the loss step)").format(value=value)
    return value


def words() -> dict[str, str]:
    """The stepper's own words, in the session's language."""
    return {"reset": "⟲ " + _("Reset"), "prev": "◀ " + _("Prev"), "next": _("Next") + " ▶",
            "forward": _("Run forward"), "backward": _("Run backward"), "copy": _("Copy link"),
            "copied": _("Link copied") + " ✓", "copy_by_hand": _("Copy this link:"),
            "copy_help": _("A link that opens this network, data and step in any browser")}


def graph(state, token: str, on_pick) -> None:
    """Every position's graph, drawn in the browser at the stepper's position; a click on a marker
    calls on_pick with the key its points are read under (the state checks them)."""
    scale = PROJECTOR if state.projector else SCREEN
    _graph(key=GRAPH_KEY, data={"role": "graph", "token": token, "start": start_position(state, token),
                              "figures": _cached_figures(state, token), "height": plot_height(state.sizes, scale),
                              "legend": {"px": scale.legend, "height": legend_height(scale)},
                              "words": no_plotly(), "plotly": PLOTLY.path},
           on_pick_change=lambda: on_pick(GRAPH_KEY))


def no_plotly() -> dict[str, str]:
    """What the graph says where Plotly never came."""
    return {"no_plotly": _("The graph needs Plotly, which this browser did not load.")}


def position_sync(state, token: str) -> None:
    """The browser's position, as the stepper moves it in this view, lands in state.set_position."""
    _sync(key=SYNC_KEY, data={"role": "sync", "token": token},
          on_position_change=lambda: apply_position(state, session.value(SYNC_KEY)))


def apply_position(state, value) -> None:
    """The sync component's state, {"position": [position, sequence]}, lands here; anything else is ignored."""
    position = session.named(value, "position")
    if isinstance(position, (list, tuple)) and position:
        state.set_position(position[0])


def steps_in_reach(state) -> list[int | None]:
    """The steps the page draws, one per slot: slot k % SLOTS holds step k, for the step on screen and the ones
    Prev and Next lead to (None: an empty slot). As the position moves, only the slot of the step that came
    within reach changes, so the browser redraws only that step."""
    targets = state.step_targets()
    reach = {k for k in (targets["prev"], state.position, targets["next"]) if k > 0}
    return [next((k for k in reach if k % SLOTS == slot), None) for slot in range(SLOTS)]

