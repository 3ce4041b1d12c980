"""The stepper's buttons as a small in-page component that also keeps the graph current.

The page ships every step at once: one figure per position, and every step's equations in a
container keyed ``bp_step_<k>`` that CSS shows only at its position. A Prev/Next click redraws
the graph with Plotly.react (the page's own Plotly) and shows that step's container at once,
then tells the server the new position in the background: that sync reruns a fragment holding
only this component, and its data do not change with the position, so nothing on the page does.
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

import plotly.graph_objects as go
import streamlit as st

from .figures import lean_figure, network_figure_dict
from .views import graph_view

CSS = """
.bp-stepper { font-family: inherit; }
.bp-row { display: flex; gap: 0.5rem; flex-wrap: wrap; }
.bp-row button { flex: 1 1 7rem; padding: 0.45rem 0.75rem; border-radius: 0.5rem; font: inherit; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.2); background: white; color: #1a1a1a; }
.bp-row button:not(.bp-primary):hover:enabled { border-color: #0877bd; color: #0877bd; }
.bp-row button.bp-primary:hover:enabled { background: #06609a; }
.bp-row button.bp-primary { background: #0877bd; border-color: #0877bd; color: white; }
.bp-row button:disabled { opacity: 0.45; cursor: default; }
.bp-status { display: flex; justify-content: space-between; align-items: baseline; margin: 0.6rem 0 0.2rem; gap: 1rem; }
.bp-position { font-size: 0.95rem; }
.bp-loss { font-size: 1.4rem; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bp-bar { height: 0.45rem; background: #e8eef4; border-radius: 0.25rem; overflow: hidden; }
.bp-bar > div { height: 100%; background: #0877bd; transition: width 0.12s; }
"""

JS = """
const BUTTONS = [["reset", "⟲ Reset"], ["prev", "◀ Prev"], ["next", "Next ▶"],
                 ["forward", "Run forward"], ["backward", "Run backward"]];
const WAIT_MS = 10000;  // how long a fresh page may take to load Plotly and draw the graph

// outlives a remount of the component (a page run can rebuild it): where the learner is in each view,
// and a click counter that keeps each synced value new
const memory = window.__bp_stepper || (window.__bp_stepper = {sequence: 0, positions: {}});

function target(ui, action) {  // the rules live in ExplorerState.step_targets
  return ui.data.targets[ui.position][action];
}

function set(node, property, value) {  // write only changes: the page settles sooner
  if (node[property] !== value) node[property] = value;
}

function graph() {
  const element = document.querySelector(".st-key-graph .js-plotly-plot");
  return element && element._fullLayout && window.Plotly ? element : null;
}

function wanted(ui) {
  return ui.data.token + ":" + ui.position;
}

function draw(ui, element) {  // make the graph show this position's figure; false if it cannot yet
  if (!element) return false;
  element.__stepper = ui;
  if (!element.__stepper_hooked) {  // Streamlit redraws its own figure on a resize: put ours back
    element.__stepper_hooked = true;
    element.on("plotly_afterplot", () => setTimeout(() => draw(element.__stepper, graph()), 0));
  }
  const meta = element.layout && element.layout.meta;
  if (!meta || meta.bp !== wanted(ui)) {
    const figure = ui.figures[ui.position];
    window.Plotly.react(element, figure.data, Object.assign({}, element.layout, figure.layout));
  }
  return true;
}

function await_graph(ui) {  // a fresh page: wait for Plotly and the graph, else let the server draw
  const started = performance.now();
  const attempt = () => {
    if (ui.closed || draw(ui, graph())) return;
    if (performance.now() - started < WAIT_MS) setTimeout(attempt, 50);
    else ui.setStateValue("position", [ui.position, ++memory.sequence, true]);
  };
  attempt();
}

function render(ui) {
  const d = ui.data, p = ui.position;
  set(ui.position_text, "textContent", d.texts[p]);
  set(ui.loss, "textContent", p >= d.loss_from ? d.loss_text : d.loss_label + ": …");
  set(ui.bar.style, "width", (100 * p / d.n) + "%");
  for (const [action, button] of Object.entries(ui.buttons)) set(button, "disabled", target(ui, action) === p);
  set(ui.style, "textContent", `.st-key-bp_step_${p} { display: flex !important; }
    [data-testid="stLayoutWrapper"]:has(> .st-key-bp_step_${p}) { display: flex !important; }`);
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let ui = parentElement.__stepper;
  if (!ui) {
    const root = document.createElement("div");
    root.className = "bp-stepper";
    const row = document.createElement("div");
    row.className = "bp-row";
    ui = {buttons: {}, token: null};
    for (const [action, label] of BUTTONS) {
      const button = document.createElement("button");
      button.textContent = label;
      button.dataset.action = action;
      if (action === "next") button.className = "bp-primary";
      button.addEventListener("click", () => {
        const p = target(ui, action);
        if (p === ui.position) return;
        ui.position = memory.positions[ui.token] = p;
        const element = graph();
        // tell the server first and draw in the next task, once the message is out: the server's
        // rerun then overlaps this redraw. Without Plotly the server draws the step.
        ui.setStateValue("position", [p, ++memory.sequence, !element]);
        render(ui);
        setTimeout(() => draw(ui, element), 0);
      });
      row.appendChild(button);
      ui.buttons[action] = button;
    }
    const status = document.createElement("div");
    status.className = "bp-status";
    ui.position_text = document.createElement("span");
    ui.position_text.className = "bp-position";
    ui.loss = document.createElement("span");
    ui.loss.className = "bp-loss";
    status.append(ui.position_text, ui.loss);
    const bar = document.createElement("div");
    bar.className = "bp-bar";
    ui.bar = document.createElement("div");
    bar.appendChild(ui.bar);
    root.append(row, status, bar);
    parentElement.appendChild(root);
    ui.style = document.createElement("style");
    document.head.appendChild(ui.style);
    parentElement.__stepper = ui;
  }
  ui.setStateValue = setStateValue;
  const fresh = ui.token !== data.token;
  ui.data = data;
  if (fresh) ui.figures = JSON.parse(data.figures);  // sent as one string, parsed once per view
  if (fresh) {  // a new view (network, data, show mode, pick): it starts where the server was; the graph follows
    ui.token = data.token;
    ui.position = memory.positions[data.token] ?? data.start;
    if (!data.server_draws) await_graph(ui);
  }
  render(ui);
  return () => { ui.closed = true; ui.style.remove(); delete parentElement.__stepper; };
}
"""

_component = st.components.v2.component("backprop_explorer.stepper", css=CSS, js=JS)


# the stepper shows one; each keyed container sits in a layout wrapper, which would keep its gap
HIDE_STEPS = ("<style>[class*='st-key-bp_step_'], [data-testid='stLayoutWrapper']:has(> [class*='st-key-bp_step_'])"
              " { display: none; }</style>")


def figures_by_position(state, token: str = "") -> list[dict]:
    """The graph at every position of the walk-through, as Plotly JSON, for the browser to switch between;
    layout.meta.bp names each one "<token>:<position>"."""
    activations = [layer.activation for layer in state.network.layers]
    figures = []
    for k in range(state.n_steps + 1):
        figure = network_figure_dict(graph_view(state.network, state.walk, k, state.show, state.sample, state.pick),
                                     activations)
        figure["layout"]["meta"]["bp"] = f"{token}:{k}"
        figures.append(figure)
    return figures


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
    key = f"{token}:{state.position}"
    drawn = st.session_state.get("bp_drawn")
    if drawn is None or drawn[1] != state.sizes or (st.session_state.get("bp_server_draws") and drawn[0] != key):
        st.session_state["bp_drawn"] = (key, state.sizes)
        figure = json.loads(_cached_figures(state, token))[state.position]
        st.session_state["bp_drawn_figure"] = lean_figure(**figure)  # built once, not on every run
    return st.session_state["bp_drawn_figure"]


def view_token(state) -> str:
    """Changes whenever the figures change for a reason other than the position."""
    return state.key("view", state.instance, state.version, state.sample, state.show, state.pick, state.learning_rate)


def stepper(state, token: str, key: str = "stepper"):
    """Draw the buttons; a click in the browser lands in state.set_position via the callback."""
    loss_label = f"Loss ({state.network.loss})"
    data = {"n": state.n_steps, "start": start_position(state, token), "loss_from": state.loss_position,
            "targets": [state.step_targets(k) for k in range(state.n_steps + 1)],
            "token": token, "server_draws": bool(st.session_state.get("bp_server_draws")),
            "texts": [state.position_text(k) for k in range(state.n_steps + 1)],
            "loss_label": loss_label, "loss_text": f"{loss_label}: {state.walk.backward.loss:.6g}",
            "figures": _cached_figures(state, token)}
    _component(key=key, data=data, on_position_change=lambda: apply_position(state, st.session_state[key]["position"],
                                                                             st.session_state))


def apply_position(state, value, session) -> None:
    """The component's [position, sequence, server_draws] lands here. A browser that could not
    redraw the graph itself has no Plotly: from then on the server draws every change."""
    if not isinstance(value, (list, tuple)) or not value:
        return
    state.set_position(value[0])
    if len(value) > 2 and value[2] is True:
        session["bp_server_draws"] = True
