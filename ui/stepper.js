// The stepper component, the graph's component and the position's sync (ui/explorer/stepper.py explains the design).
// Streamlit loads it as a module.
const BUTTONS = ["reset", "prev", "next", "forward", "backward"];  // their words come in data.words
const CONFIG = {displayModeBar: false, responsive: true};
const CHART_CONFIG = {displaylogo: false, responsive: true};  // a chart keeps Plotly's zoom, as Streamlit's do
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

function draw() {  // the graph shows the stepper's position in the current view; false if it cannot yet
  const graph = memory.graph, ui = memory.current;
  if (!graph || graph.closed || !memory.Plotly) return false;
  const position = ui && !ui.closed ? (ui.token === graph.token ? ui.position : null)
                                    : memory.positions[graph.token] ?? graph.start;
  if (position === null) return true;  // the stepper is a view ahead: this view's figures are on their way
  const figure = graph.figures[position];
  if (!figure || graph.drawn === figure.layout.meta.bp) return true;  // a quiz's step not yet unlocked stays
  memory.Plotly.react(graph.element, figure.data, figure.layout, CONFIG);
  set(graph.legend, "innerHTML", figure.layout.meta.legend);  // the server's own words and spans, never input
  graph.drawn = figure.layout.meta.bp;
  if (!graph.element.__bp_clicks) {  // Plotly gives the element its .on once it has drawn
    graph.element.__bp_clicks = true;
    graph.element.on("plotly_click", (event) => memory.graph.pick("pick",
      event.points.map((point) => ({customdata: point.customdata}))));
  }
  return true;
}

function plotly(path) {  // the pinned Plotly the app serves (ui/vendor.py), fetched once a page: a promise of it
  if (!memory.loading) {
    memory.loading = fetch(new URL(path, document.baseURI)).then((response) => {
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return response.text();
    }).then((code) => {  // its UMD wrapper hands Plotly to a module object: this module's own, whatever else loads
      const module = {exports: {}};
      new Function("module", "exports", code)(module, module.exports);
      memory.Plotly = module.exports;
    });
    memory.loading.catch(() => { memory.loading = null; });  // the next drawing tries again
  }
  return memory.loading;
}

function with_plotly(target, paint) {  // paint now, or once Plotly has loaded; say so where it never can
  if (paint()) return;
  plotly(target.plotly).then(() => { if (!target.closed) paint(); },
                             () => { if (!target.closed) target.element.textContent = target.words.no_plotly; });
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

function sync() {  // tell the server where the learner is in the sync's view, if the stepper has moved there
  const s = memory.sync, p = s && !s.closed ? memory.positions[s.token] : undefined;
  if (p === undefined || p === s.sent) return;
  s.sent = p;
  s.setStateValue("position", [p, ++memory.sequence]);
}

function go(ui, action) {  // a button or a key: move, tell the server, redraw
  const p = target(ui, action);
  if (p === ui.position) return;
  ui.position = memory.positions[ui.token] = p;
  // tell the server first and draw in the next task, once the message is out: the server's
  // rerun then overlaps this redraw
  sync();
  render(ui);
  setTimeout(draw, 0);
}

function show_sync(component) {  // the sync's component: a stepper's move reaches the server through it
  const { data, setStateValue } = component;
  const s = memory.sync = {token: data.token, setStateValue, sent: memory.sync?.token === data.token ?
                           memory.sync.sent : undefined};
  sync();  // a move made before this view's sync was drawn
  return () => { s.closed = true; };
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
  const step = `.st-key-${d.step_prefix}${p}`;
  set(ui.style, "textContent", `${step} { display: flex !important; }
    [data-testid="stLayoutWrapper"]:has(> ${step}) { display: flex !important; } ${quiet}`);
}

function show_graph(component) {  // the graph's component: it alone draws the graph, at the stepper's position
  const { data, parentElement, setTriggerValue } = component;
  let graph = parentElement.__graph;
  if (!graph) {
    const element = document.createElement("div"), legend = document.createElement("div");
    element.className = "bp-graph";
    legend.className = "bp-legend";
    Object.assign(legend.style, {color: "#333", lineHeight: "1.35", padding: "0 10px"});
    parentElement.append(element, legend);
    graph = parentElement.__graph = {element, legend};
  }
  if (graph.token !== data.token) {  // a new view: its figures arrive as one string, parsed once
    Object.assign(graph, {token: data.token, start: data.start, figures: JSON.parse(data.figures), drawn: null});
  }
  graph.words = data.words;
  graph.plotly = data.plotly;
  graph.pick = setTriggerValue;
  graph.closed = false;
  set(graph.element.style, "height", data.height + "px");  // its box before Plotly draws, so nothing moves
  set(graph.legend.style, "fontSize", data.legend.px + "px");
  set(graph.legend.style, "minHeight", data.legend.height + "px");
  memory.graph = graph;
  with_plotly(graph, draw);
  return () => { graph.closed = true; delete parentElement.__graph; };
}

function themed(layout, element) {  // the page's type, and room for the axes' labels: what Streamlit's theme gave
  const style = getComputedStyle(element), font = {family: style.fontFamily, color: style.color};
  const axis = {automargin: true, zeroline: false};
  return {...layout, template: {layout: {font, xaxis: axis, yaxis: axis}}};
}

function show_chart(component) {  // one of the page's other charts: a change is one Plotly.react, never a remount
  const { data, parentElement, setTriggerValue } = component;
  let chart = parentElement.__chart;
  if (!chart) {
    chart = parentElement.__chart = {element: document.createElement("div")};
    parentElement.append(chart.element);
  }
  if (chart.text !== data.figure) {
    const figure = JSON.parse(data.figure);
    Object.assign(chart, {text: data.figure, figure: {data: figure.data, layout: themed(figure.layout, parentElement)}});
  }
  chart.words = data.words;
  chart.plotly = data.plotly;
  chart.click = data.clicks ? setTriggerValue : null;  // a chart that answers clicks sends the points' customdata
  chart.closed = false;
  set(chart.element.style, "height", chart.figure.layout.height + "px");  // its box before Plotly draws
  const paint = () => {
    if (!memory.Plotly) return false;
    if (chart.drawn !== chart.text) {
      memory.Plotly.react(chart.element, chart.figure.data, chart.figure.layout, CHART_CONFIG);
      chart.drawn = chart.text;
    }
    if (!chart.element.__bp_clicks) {  // Plotly gives the element its .on once it has drawn
      chart.element.__bp_clicks = true;
      chart.element.on("plotly_click", (event) => chart.click && chart.click("click",
        event.points.map((point) => ({customdata: point.customdata}))));
    }
    return true;
  };
  with_plotly(chart, paint);
  return () => { chart.closed = true; delete parentElement.__chart; };
}

export default function (component) {
  const { data, parentElement } = component;
  if (data.role === "graph") return show_graph(component);
  if (data.role === "sync") return show_sync(component);
  if (data.role === "chart") return show_chart(component);
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
  memory.current = ui;
  const fresh = ui.token !== data.token;
  ui.data = data;
  if (fresh) {  // a new view (network, data, show mode, pick): it starts where the server was; the graph follows
    ui.token = data.token;
    ui.position = memory.positions[data.token] ?? data.start;
  }
  render(ui);
  draw();
  return () => { ui.closed = true; ui.style.remove(); delete parentElement.__stepper; };
}
