"""The stepper, the graph with its steps, and the two syncs: small in-page components sharing one module.

The page holds every position's figure and step at once and switches between them itself: a Prev or Next redraws
the graph with Plotly.react and shows that step, rendered by the page's KaTeX, then tells the server the new
position in the background, through the position's sync, which reruns only a fragment holding the link.

The page also computes. Apply update runs in the browser's engine (static/engine/, the core mirrored and proven
equal to it in tests/test_engine*.py): the new weights, the new pass, every figure and every step, drawn in the
next frame. The server then replays the same updates with the core (the updates' sync), and its view, when it
arrives, replaces the page's: each change reaches the server in the background, so the link, a reload, the
downloads and the panels show the same numbers. In a quiz the page checks each answer and unlocks the steps it
opens; the server takes the same answers with the core. The first view and everything else come from the core.

The graph has one owner: its own component draws every figure, into an element of its own, and
sends a click on a marker back as the pick. The page's other charts are drawn by the same module, in
ui/charts.py. All of them draw with the pinned Plotly the app serves (ui/vendor.py). The page (window) remembers
the position per view, so a page run that rebuilds the components leaves the learner on the same step.
"""
import hashlib
import json
from pathlib import Path

import streamlit as st

from backprop.i18n import _
from backprop.losses import clipped

from .. import labels, session
from ..charts import JS
from ..colours import BLUE, BLUE_DARK
from ..tables import step_cells
from ..vendor import KATEX, PLOTLY
from .figures import PROJECTOR, SCREEN, layout_meta, legend_height, network_figure_dict, network_layout, plot_height
from .link import FIELDS
from .page_loop import page_model, page_quiz, quiz_message, replay_quiz, replay_training, replay_updates
from .state import UPDATE_PLACE
from .views import graph_view, start_text, titles

HERE = Path(__file__).parent
STATIC = HERE.parents[1] / "static"
_CSS = f".bp-stepper {{ --bp-blue: {BLUE}; --bp-blue-dark: {BLUE_DARK}; }}\n" + (HERE / "stepper.css").read_text("utf-8")
_component = st.components.v2.component("backprop_explorer.stepper", css=_CSS, js=JS)
# the same module in its graph role, with the steps; in the page's own DOM, where Plotly's and KaTeX's styles apply
_graph = st.components.v2.component("backprop_explorer.graph", js=JS, isolate_styles=False,
                                    css=f".bp-quiz, .bp-graph, .bp-code {{ --bp-blue: {BLUE}; --bp-blue-dark: {BLUE_DARK}; }}\n"
                                        + (HERE / "steps.css").read_text("utf-8"))
# the same module again, with no element of its own: the browser's position, then the page's updates, to the server
_sync = st.components.v2.component("backprop_explorer.sync", js=JS)
_updates = st.components.v2.component("backprop_explorer.updates", js=JS)
SYNC_KEY = "position_sync"
UPDATES_KEY = "page_updates"
GRAPH_KEY = "graph"  # the graph component's key: its pick is read under it

# the explorer's header kept small, so the stepper, the graph and the step's first equation share one screen;
# the syncs draw nothing, and their wrappers would keep a gap
COMPACT_CSS = ("<style>[data-testid='stMainBlockContainer'] { padding-top: 3.75rem; } "  # clear of Streamlit's header
               f".st-key-{SYNC_KEY}, .st-key-{UPDATES_KEY} {{ display: none; }}</style>")

# projector mode: body text and equations larger (the graph's own sizes are in ui/explorer/figures.py, the
# stepper's in stepper.css, the steps' in steps.css)
PROJECTOR_CSS = ("<style>[data-testid='stMain'] .stMarkdown p, [data-testid='stMain'] .stMarkdown li, "
                 "[data-testid='stMain'] .stMarkdown td, [data-testid='stMain'] .stMarkdown th { font-size: 1.45rem; } "
                 "[data-testid='stMain'] .katex-display { font-size: 1.6em; }</style>")


def _engine_version() -> str:
    """The engine's files digested: a new engine is a new address, so no browser runs a cached old one."""
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted((STATIC / "engine").glob("*.js")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


ENGINE = f"app/static/engine/{{module}}.js?v={_engine_version()}"
ENGINE_MODULES = tuple(path.stem for path in sorted((STATIC / "engine").glob("*.js")))  # each loads the ones it imports


def figure_at(state, token: str, position: int) -> dict:
    """The graph at `position`, as Plotly JSON; layout.meta.bp names it "<token>:<position>". The server sends the
    one the view starts at; the page computes the others (static/engine/graph.js, held to this in
    tests/test_engine_graph.py)."""
    asked = state.pending
    # a quiz rings the number it asks about, and keeps Δw off the graph while it may still ask an updated weight
    pick = state.pick or (asked.place if asked is not None and asked.place.kind != "loss" else None)
    updates_known = not any(q.kind == "new_weight" for q in state.unanswered)
    figure = network_figure_dict(graph_view(state.network, state.walk, position, state.show, state.sample, pick,
                                            updates_known), _activations(state), _scale(state))
    figure["layout"]["meta"]["bp"] = _figure_key(token, position)
    return figure


def figures_by_position(state, token: str = "") -> list[dict | None]:
    """The graph at every position the learner may see (None for a quiz's steps not yet unlocked)."""
    return [figure_at(state, token, k) if k <= state.unlocked else None for k in range(state.n_steps + 1)]


def layouts_by_position(state) -> list[dict]:
    """The graph's layout at every position: words only, so a quiz's steps ahead give nothing away."""
    return [network_layout(state.sizes, _activations(state), *titles(state.walk, k, state.show), _scale(state))
            for k in range(state.n_steps + 1)]


def layouts_sent(state) -> dict:
    """layouts_by_position as the page receives it: one layout, and each position's meta (what the legend says),
    which is all that differs between them."""
    shown = [titles(state.walk, k, state.show) for k in range(state.n_steps + 1)]
    layout = network_layout(state.sizes, _activations(state), *shown[0], _scale(state))
    del layout["meta"]
    return {"layout": layout, "metas": [layout_meta(*titles_at) for titles_at in shown]}


def _activations(state) -> list[str]:
    return [layer.activation for layer in state.network.layers]


def _scale(state):
    return PROJECTOR if state.projector else SCREEN


def _figure_key(token: str, position: int) -> str:
    """What layout.meta.bp says of a figure: the graph's component skips a figure it has already drawn."""
    return f"{token}:{position}"


def step_at(state, position: int) -> dict | None:
    """The step at `position` as the page draws it (None for position 0, and for a quiz's steps not yet unlocked)."""
    if position == 0 or position > state.unlocked:
        return None
    step = state.walk.steps[position - 1]
    return {"position": step.position, "summary": step.summary, "equations": list(step.equations),
            "table": step_cells(step, state.sizes)}


def steps_by_position(state) -> list[dict | None]:
    """Each step as the page draws it: the server sends the one the view starts at, the page computes the others."""
    return [step_at(state, k) for k in range(state.n_steps + 1)]


def _cached(key: str, token: str, make) -> str:
    """make() as one JSON string, built once per view: a position sync reuses it. A string rather than dicts:
    each of a class's sessions holds one, and many small objects per session lengthen every full garbage
    collection of the server."""
    return session.per_view(key, token, lambda: json.dumps(make()))


def start_position(state, token: str) -> int:
    """Where the browser's stepper starts for this view (token): the position when the view appeared.
    Fixed while the view lasts, so a position sync re-sends the component's data unchanged."""
    return session.per_view("view_start", token, lambda: state.position)


def stepper(state, token: str, key: str = "stepper"):
    """Draw the buttons; a move in the browser reaches state.set_position through position_sync, an update
    reaches state.apply_update through page_updates."""
    loss_label = labels.loss_heading(state.network.loss)
    loss_known = state.unlocked >= state.loss_position  # a quiz may still ask for it
    data = {"n": state.n_steps, "start": start_position(state, token), "loss_from": state.loss_position,
            "targets": [state.step_targets(k) for k in range(state.n_steps + 1)],
            "token": token, "replayed": replayed(),
            "texts": [state.position_text(k) for k in range(state.n_steps + 1)],
            "loss_waiting": _("{name}: at step {k}").format(name=loss_label, k=state.loss_position),
            "loss_text": _("{name}: {value}").format(name=loss_label, value=loss_value(state) if loss_known else "?"),
            "update": update_line(state),
            "step_key": FIELDS["step"].key,  # Copy link writes the step on screen
            "projector": state.projector, "words": words()}
    _component(key=key, data=data)


def replayed() -> dict:
    """How far the server has replayed each of the page's chains, [view, count]: its updates, and a quiz's answers.
    The page's own view gives way to the server's once that has caught up with it."""
    return {"update": session.get("updates_replayed"), "quiz": session.get("quiz_replayed")}


def update_line(state) -> list[str] | None:
    """[level, text] under Apply update: what the last update said, once, else the loss it went from and to."""
    if (message := session.take_message(state, UPDATE_PLACE)) is not None:
        return [message.level, message.text]
    if state.last_update and not state.quiz:  # the loss after is the next quiz's to find
        before, after = state.last_update
        return ["info", _("Last update: loss {before} → {after}").format(before=f"{before:.6g}", after=f"{after:.6g}")]
    return None


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
            "copy_help": _("A link that opens this network, data and step in any browser"),
            "update": _("Apply update"), "pause": "⏸ " + _("Pause"), "training": _("Training… {done}"),
            "play": "▷ " + _("Play"), "pause_play": "⏸ " + _("Pause"),
            "play_help": _("Plays the pass one step at a time (Space plays and pauses)"), "speed": _("Autoplay speed"),
            "speeds": [_("3 s a step"), _("1.5 s"), _("0.75 s")],
            "update_help": _("w ← w − η ∂L/∂w for every weight; the next pass uses the new weights")}


def graph(state, token: str, on_pick) -> None:
    """The graph and the step at the stepper's position, drawn in the browser: the server sends the ones the view
    starts at, and the layouts of every position; the page's engine computes the rest. A click on a marker calls
    on_pick with the key its points are read under (the state checks them)."""
    scale, start = _scale(state), start_position(state, token)
    _graph(key=GRAPH_KEY, data={"role": "graph", "token": token, "start": start,
                              "replayed": replayed(),
                              "figure": _cached("view_figure", token, lambda: figure_at(state, token, start)),
                              "step": _cached("view_step", token, lambda: step_at(state, start)),
                              "layouts": _cached("view_layouts", token, lambda: layouts_sent(state)),
                              "model": _cached("view_model", token, lambda: page_model(state)),
                              "quiz": _cached("view_quiz", token, lambda: page_quiz(state)),
                              "intro": start_text(state.network, len(state.inputs), state.learning_rate),
                              "quiz_hints": sorted(state.hints) if state.quiz else [],
                              "quiz_message": quiz_message(state),
                              "height": plot_height(state.sizes, scale), "projector": state.projector,
                              "legend": {"px": scale.legend, "height": legend_height(scale)},
                              "words": graph_words(), "plotly": PLOTLY.path, "katex": KATEX.path,
                              "engine": {name: ENGINE.format(module=name) for name in ENGINE_MODULES}},
           on_pick_change=lambda: on_pick(GRAPH_KEY))


def graph_words() -> dict[str, str]:
    """The graph's name and keys for a screen reader, the words of its cursor and its tables (ui/page/cursor.js); what
    it says where Plotly never came, and under it where the page's engine never came."""
    return {"graph": _("The network's graph: its neurons and edges, with the numbers of the step on show"),
            "keys": _("Arrow keys move between the neurons and edges, Enter edits the one chosen, and Escape comes back "
                      "from its editor. The same numbers are in the tables after the step."),
            "of": _("{k} of {n}"), "input": _("{name} is an input: edit it in the data table."),
            "bias": _("b of {neuron}"), "tables": _("The graph's numbers, as tables"),
            "neurons_of": _("Neurons: {layer}"), "weights_into": _("Weights into {layer}"),
            "neuron": _("neuron"), "weight": _("weight"),
            "code": _("The numpy for this step"), "convention": _("How the arrays are laid out"),
            "rows": _("A batch as rows: Z = X @ W.T + b"), "columns": _("A sample as a column: z = W @ x + b"),
            "prints": _("It prints:"), "setup": _("It runs after this setup: the data and the network as arrays"),
            "copy_code": _("Copy the program up to this step"), "code_copied": _("Copied") + " ✓",
            "copy_by_hand": _("Copy this program:"),
            "no_plotly": _("The graph needs Plotly, which this browser did not load."),
            "no_engine": _("The other steps are computed in this page, by a part of it this browser did not load. "
                           "Reload the page to try again.")}


def position_sync(state, token: str) -> None:
    """The browser's position, as the stepper moves it in this view, lands in state.set_position."""
    _sync(key=SYNC_KEY, data={"role": "sync", "token": token},
          on_position_change=lambda: apply_position(state, session.value(SYNC_KEY)))


def apply_position(state, value) -> None:
    """The sync component's state, {"position": [position, sequence]}, lands here; anything else is ignored."""
    position = session.named(value, "position")
    if isinstance(position, (list, tuple)) and position:
        state.set_position(position[0])


def page_updates(state, token: str) -> None:
    """What the page applied (or, in a quiz, asked for) reaches the core, outside any fragment: the whole page then
    follows. An update goes through state.apply_update, a training run the page played through train_chunks, a
    quiz's answers through the quiz's own functions."""
    _updates(key=UPDATES_KEY, data={"role": "updates", "token": token},
             on_update_change=lambda: session.put("updates_replayed", replay_updates(
                 state, session.value(UPDATES_KEY), session.get("updates_replayed"))),
             on_quiz_change=lambda: session.put("quiz_replayed", replay_quiz(
                 state, session.value(UPDATES_KEY), session.get("quiz_replayed"))),
             on_train_change=lambda: replay_training(state, session.value(UPDATES_KEY)))
