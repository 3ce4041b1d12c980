// The stepper component and the figures' component (ui/stepper.py explains the design). Streamlit loads
// it as a module.
const BUTTONS = ["reset", "prev", "next", "forward", "backward"];  // their words come in data.words
const WAIT_MS = 10000;  // how long a fresh page may take to load Plotly and draw the graph
// a presenter's clicker sends PageDown/PageUp; Home starts the pass again
const KEYS = {ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev", Home: "reset"};

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
  if (!ui.figures) return false;  // the figures' own component has not arrived yet
  const meta = element.layout && element.layout.meta;
  if (!meta || meta.bp !== wanted(ui)) {
    const figure = ui.figures[ui.position];
    if (!figure) return true;  // a quiz's step not yet unlocked: the graph stays where it is
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

function copy_button(ui) {  // the address bar holds the state; the step on screen may not have synced yet
  const button = document.createElement("button");
  button.className = "bp-copy";
  ui.copy = button;
  button.addEventListener("click", async () => {
    const url = new URL(window.location.href), key = ui.data.step_key;
    if (ui.position) url.searchParams.set(key, ui.position); else url.searchParams.delete(key);
    try {
      await navigator.clipboard.writeText(url.href);
      button.textContent = ui.data.words.copied;
    } catch (error) {  // no clipboard (an insecure page): show the link to copy by hand
      window.prompt(ui.data.words.copy_by_hand, url.href);
    }
    setTimeout(() => { button.textContent = ui.data.words.copy; }, 2500);
  });
  return button;
}

function go(ui, action) {  // a button or a key: move, tell the server, redraw
  const p = target(ui, action);
  if (p === ui.position) return;
  ui.position = memory.positions[ui.token] = p;
  const element = graph();
  // tell the server first and draw in the next task, once the message is out: the server's
  // rerun then overlaps this redraw. Without Plotly the server draws the step.
  ui.setStateValue("position", [p, ++memory.sequence, !element]);
  render(ui);
  setTimeout(() => draw(ui, element), 0);
}

function typing(target) {  // keys typed into a field are the learner's, not the stepper's
  return target.closest && target.closest("input, textarea, select, [contenteditable=true], [role=combobox]");
}

if (!memory.keys) {  // once per page, so it works before anything is clicked
  memory.keys = true;
  document.addEventListener("keydown", (event) => {
    const ui = memory.current, action = KEYS[event.key];
    if (!ui || ui.closed || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    const field = document.querySelector(`[class*="st-key-${ui.data.answer_key}"] input`);
    if (event.key === "Enter" && field) {  // a quiz: Enter goes to the prediction, typed from the keyboard alone
      event.preventDefault();
      field.focus();
      return;
    }
    if (!action) return;
    event.preventDefault();  // PageDown would scroll the page away from the graph
    go(ui, action);
  });
}

function render(ui) {
  const d = ui.data, p = ui.position;
  ui.root.classList.toggle("bp-large", Boolean(d.projector));
  for (const [action, button] of Object.entries(ui.buttons)) set(button, "textContent", d.words[action]);
  if (!ui.copy.textContent.endsWith("✓")) set(ui.copy, "textContent", d.words.copy);
  set(ui.copy, "title", d.words.copy_help);
  set(ui.position_text, "textContent", d.texts[p]);
  set(ui.loss, "textContent", p >= d.loss_from ? d.loss_text : d.loss_waiting);
  set(ui.bar.style, "width", (100 * p / d.n) + "%");
  for (const [action, button] of Object.entries(ui.buttons)) set(button, "disabled", target(ui, action) === p);
  // the update button stays quiet until the backward pass is done
  const quiet = p < d.targets[0].backward ? `.st-key-${d.update_key} button { background: white !important;
    color: inherit !important; border-color: rgba(49, 51, 63, 0.2) !important; }` : "";
  set(ui.style, "textContent", `.st-key-bp_step_${p} { display: flex !important; }
    [data-testid="stLayoutWrapper"]:has(> .st-key-bp_step_${p}) { display: flex !important; } ${quiet}`);
}

function hold_figures(data) {  // the figures' component: they stay on the page while the view lasts
  memory.figures = {token: data.token, figures: JSON.parse(data.figures)};  // sent as one string, parsed once
  const ui = memory.current;
  if (ui && !ui.closed && ui.token === data.token && !ui.figures) {
    ui.figures = memory.figures.figures;
    draw(ui, graph());
  }
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  if (data.role === "figures") {
    if (!memory.figures || memory.figures.token !== data.token) hold_figures(data);
    return;
  }
  let ui = parentElement.__stepper;
  if (!ui) {
    const root = document.createElement("div");
    root.className = "bp-stepper";
    const row = document.createElement("div");
    row.className = "bp-row";
    ui = {buttons: {}, token: null, root};
    for (const action of BUTTONS) {
      const button = document.createElement("button");
      button.dataset.action = action;
      if (action === "next") button.className = "bp-primary";
      button.addEventListener("click", () => go(ui, action));
      row.appendChild(button);
      ui.buttons[action] = button;
    }
    const status = document.createElement("div");
    status.className = "bp-status";
    ui.position_text = document.createElement("span");
    ui.position_text.className = "bp-position";
    ui.loss = document.createElement("span");
    ui.loss.className = "bp-loss";
    status.append(ui.position_text, ui.loss, copy_button(ui));
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
  memory.current = ui;
  const fresh = ui.token !== data.token;
  ui.data = data;
  if (fresh) {  // a new view (network, data, show mode, pick): it starts where the server was; the graph follows
    ui.token = data.token;
    ui.figures = memory.figures && memory.figures.token === data.token ? memory.figures.figures : null;
    ui.position = memory.positions[data.token] ?? data.start;
    if (!data.server_draws) await_graph(ui);
  }
  render(ui);
  return () => { ui.closed = true; ui.style.remove(); delete parentElement.__stepper; };
}
