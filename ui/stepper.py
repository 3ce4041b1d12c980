"""The stepper's buttons as a small in-page component, so Prev/Next never wait for the server.

The page ships every step at once: one figure per position, and every step's equations in a
container keyed ``bp_step_<k>``. A click here redraws the graph with Plotly.react (the page's
own Plotly), shows that step's container, and then tells the server the new position in the
background; the server's rerun draws the same figure, which Plotly.react finds unchanged.
Without Plotly on the page it falls back to the server: the position still syncs, and the
rerun draws the step.
"""
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

function target(ui, action) {  // the rules live in ExplorerState.targets
  return ui.data.targets[ui.position][action];
}

function render(ui, redraw) {
  const d = ui.data, p = ui.position;
  ui.position_text.textContent = d.texts[p];
  ui.loss.textContent = p >= d.loss_from ? d.loss_text : d.loss_label + ": …";
  ui.bar.style.width = (100 * p / d.n) + "%";
  for (const [action, button] of Object.entries(ui.buttons)) button.disabled = target(ui, action) === p;
  ui.style.textContent = `[class*="st-key-bp_step_"] { display: none !important; }
    .st-key-bp_step_${p} { display: block !important; }`;
  const graph = document.querySelector(".st-key-graph .js-plotly-plot");
  if (redraw && graph && window.Plotly) {
    const figure = d.figures[p];
    window.Plotly.react(graph, figure.data, Object.assign({}, graph.layout, figure.layout));
    return true;
  }
  return false;
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  let ui = parentElement.__stepper;
  if (!ui) {
    const root = document.createElement("div");
    root.className = "bp-stepper";
    const row = document.createElement("div");
    row.className = "bp-row";
    ui = {buttons: {}, sequence: 0, token: null};
    for (const [action, label] of BUTTONS) {
      const button = document.createElement("button");
      button.textContent = label;
      button.dataset.action = action;
      if (action === "next") button.className = "bp-primary";
      button.addEventListener("click", () => {
        const p = target(ui, action);
        if (p === ui.position) return;
        ui.position = p;
        const drawn = render(ui, true);
        ui.sequence += 1;
        // the third entry asks the server to draw the step itself when this page could not
        ui.setStateValue("position", [p, ui.sequence, !drawn]);
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
  ui.data = data;
  const fresh = ui.token !== data.token;
  if (fresh) {  // a new network, data or view: the server's position wins
    ui.token = data.token;
    ui.position = data.position;
  }
  // the server draws the graph at data.drawn; keep it on the learner's step
  render(ui, fresh ? ui.position !== data.drawn : false);
  return () => { ui.style.remove(); delete parentElement.__stepper; };
}
"""

_component = st.components.v2.component("backprop_explorer.stepper", css=CSS, js=JS)


def figures_by_position(state) -> list[dict]:
    """The graph at every position of the walk-through, as Plotly JSON, for the browser to switch between."""
    activations = [layer.activation for layer in state.network.layers]
    return [network_figure_dict(graph_view(state.network, state.walk, k, state.show, state.sample, state.pick),
                                activations) for k in range(state.n_steps + 1)]


def graph_figure(state, token: str, drawn: int) -> go.Figure:
    """The figure the server draws: the cached one for the pinned position, not built again."""
    return lean_figure(**_cached_figures(state, token)[drawn])


def _cached_figures(state, token: str) -> list[dict]:
    """figures_by_position, built once per view: a position sync reuses them."""
    cached = st.session_state.get("bp_figures")
    if cached is None or cached[0] != token:
        cached = st.session_state["bp_figures"] = (token, figures_by_position(state))
    return cached[1]


def drawn_position(state, token: str) -> int:
    """The position the server draws the graph and the step rule at, fixed for as long as the view
    (token) stays the same: a position sync then re-sends identical elements, so the browser,
    which already shows the learner's step, has nothing to redraw."""
    drawn = st.session_state.get("bp_drawn")
    if drawn is None or drawn[0] != token:
        drawn = st.session_state["bp_drawn"] = (token, state.position)
    return drawn[1]


def view_token(state) -> str:
    """Changes whenever the figures change for a reason other than the position."""
    return state.key("view", state.version, state.sample, state.show, state.pick, state.learning_rate)


def stepper(state, token: str, drawn: int, key: str = "stepper"):
    """Draw the buttons; a click in the browser lands in state.set_position via the callback."""
    loss_label = f"Loss ({state.network.loss})"
    data = {"n": state.n_steps, "position": state.position, "drawn": drawn, "loss_from": state.loss_position,
            "targets": [state.step_targets(k) for k in range(state.n_steps + 1)],
            "token": token,
            "texts": [state.position_text(k) for k in range(state.n_steps + 1)],
            "loss_label": loss_label, "loss_text": f"{loss_label}: {state.walk.backward.loss:.6g}",
            "figures": _cached_figures(state, token)}
    _component(key=key, data=data, on_position_change=lambda: apply_position(state, st.session_state[key]["position"],
                                                                             st.session_state))


def apply_position(state, value, session) -> None:
    """The component's [position, sequence, server_draws] lands here. When the browser could not
    redraw the graph itself, forget the pinned drawing position so the server draws the step."""
    if not isinstance(value, (list, tuple)) or not value:
        return
    state.set_position(value[0])
    if len(value) > 2 and value[2]:
        session.pop("bp_drawn", None)
