// The stepper, the graph with its steps, the position's and the updates' syncs, and the page's charts
// (ui/explorer/stepper.py explains the design). Streamlit loads it as a module.
const BUTTONS = ["reset", "prev", "next", "forward", "backward"];  // their words come in data.words
const CONFIG = {displayModeBar: false, responsive: true};
const CHART_CONFIG = {displaylogo: false, responsive: true};  // a chart keeps Plotly's zoom, as Streamlit's do
// a presenter's clicker sends PageDown/PageUp; Home starts the pass again
const KEYS = {ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev", Home: "reset"};

// outlives a remount of the component (a page run can rebuild it): where the learner is in each view, a click
// counter that keeps each synced value new, the libraries loaded, and the page's own view after its updates
const memory = window.__bp_stepper || (window.__bp_stepper = {sequence: 0, positions: {}, libraries: {}, local: null});

function target(ui, action) {  // the rules live in ExplorerState.step_targets
  return ui.data.targets[ui.position][action];
}

function set(node, property, value) {  // write only changes: the page settles sooner
  if (node[property] !== value) node[property] = value;
}

function fill(template, fields) {  // the server's sentence with the page's numbers in its {fields}
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in fields ? fields[name] : whole));
}

// ---------------------------------------------------------------- what the page loads itself
function library(path) {  // a pinned library the app serves (ui/vendor.py), fetched once a page: a promise of it
  if (!memory.libraries[path]) {
    memory.libraries[path] = fetch(new URL(path, document.baseURI)).then((response) => {
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return response.text();
    }).then((code) => {  // its UMD wrapper hands it to a module object: this module's own, whatever else loads
      const module = {exports: {}};
      new Function("module", "exports", code)(module, module.exports);
      return module.exports;
    });
    memory.libraries[path].catch(() => { delete memory.libraries[path]; });  // the next use tries again
  }
  return memory.libraries[path];
}

function plotly(path) {
  return library(path).then((Plotly) => { memory.Plotly = Plotly; });
}

function engine(urls) {  // the core mirrored (static/engine/): a promise of its modules
  if (!memory.engine) {
    const load = (name) => import(new URL(urls[name], document.baseURI));
    const names = Object.keys(urls);
    memory.engine = Promise.all(names.map(load)).then((modules) =>
      (memory.modules = Object.fromEntries(names.map((name, k) => [name, modules[k]]))));
    memory.engine.catch(() => { memory.engine = null; });
  }
  return memory.engine;
}

function with_plotly(target, paint) {  // paint now, or once Plotly has loaded; say so where it never can
  if (paint()) return;
  plotly(target.plotly).then(() => { if (!target.closed) paint(); },
                             () => { if (!target.closed) target.element.textContent = target.words.no_plotly; });
}

// ---------------------------------------------------------------- views: the server's, or the page's own
function settle(data) {  // a server view arrived: the page's own view gives way once the server has replayed it
  const local = memory.local;
  if (!local || data.token === local.base) return;
  const [base, count] = data.replayed ?? [null, 0];
  if (base === local.base && count < local.count) return;  // more of the page's updates are on their way
  if (base === local.base && !(data.token in memory.positions)) {
    memory.positions[data.token] = memory.positions[local.token];  // the learner stays on their step
  }
  memory.local = null;
  const waiting = memory.waiting;  // an Apply update clicked while the server took in an edit
  memory.waiting = null;
  if (waiting) setTimeout(waiting, 0);
}

function view() {  // what is on show: the page's own view while it leads, else the server's
  return memory.local ?? memory.graph;
}

function figure_at(shown, position) {  // a position's figure; the page's own are computed when first shown
  if (shown.figures[position] === undefined) shown.figures[position] = shown.figure(position);
  return shown.figures[position];
}

function draw() {  // the graph shows the stepper's position in the current view; false if it cannot yet
  const graph = memory.graph, ui = memory.current, shown = view();
  if (!graph || graph.closed) return false;
  const position = ui && !ui.closed ? (ui.token === shown.token ? ui.position : null)
                                    : memory.positions[shown.token] ?? graph.start;
  if (position === null) return true;  // the stepper is a view ahead: this view's figures are on their way
  show_step(graph, shown, position);  // the step needs no Plotly
  if (!memory.Plotly) return false;
  const figure = figure_at(shown, position);
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

const escape = (text) => text.replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})[c]);
const rendered = new WeakMap();  // a step's HTML, once KaTeX has rendered it

function step_html(step, katex) {  // the step's name, what it does, its equations, and its table
  if (!rendered.has(step)) {
    const equations = step.equations.map((tex) => katex.renderToString(tex, {displayMode: true, throwOnError: false}));
    const head = step.table.columns.map((name) => `<th>${escape(name)}</th>`).join("");
    const rows = step.table.rows.map(([name, cells]) =>
      `<tr><th>${escape(name)}</th>${cells.map((cell) => `<td>${escape(cell)}</td>`).join("")}</tr>`).join("");
    rendered.set(step, `<h3>${escape(step.position)}</h3><p>${escape(step.summary)}</p>${equations.join("")}` +
                       `<table><thead><tr><th></th>${head}</tr></thead><tbody>${rows}</tbody></table>`);
  }
  return rendered.get(step);
}

function show_step(graph, shown, position) {  // the step at this position under the graph, rendered by KaTeX
  const step = shown.steps[position] ?? null;
  if (graph.step === step) return;
  if (step && !memory.katex) {
    library(graph.katex).then((katex) => { memory.katex = katex; if (!graph.closed) draw(); });
    return;
  }
  graph.step = step;
  graph.step_box.innerHTML = step ? step_html(step, memory.katex) : "";  // KaTeX's markup and escaped text only
  graph.step_box.dataset.position = step ? position : "";
}

// ---------------------------------------------------------------- the page's own update
function page_view(e, shown, model, walk, base, count) {  // a view computed in the page, from the engine
  const token = `${base}+${count}`, n = walk.steps.length;  // count: the updates since base, or "e…" for an edit
  const layouts = shown.layouts ?? shown.figures.map((figure) => figure && figure.layout);
  const figure = (p) => ({layout: {...layouts[p], meta: {...layouts[p].meta, bp: `${token}:${p}`}},
    data: e.graph.network_figure_data(e.graph.graph_view(model.network, walk, p, model.show, model.sample, model.pick,
                                                         true, model.names), model.style.px, model.names, model.style)});
  const steps = [null, ...walk.steps.map((step) => ({position: step.position, summary: step.summary,
                                                      equations: step.equations,
                                                      table: e.tables.step_cells(step, model.names)}))];
  return {base, count, token, model, walk, layouts, figure, figures: new Array(n + 1), steps,
          loss_text: loss_text(e, model, walk)};
}

function loss_text(e, model, walk) {  // the stepper's loss, as ui/explorer/stepper.py's loss_value writes it
  let value = e.latex.format_g(walk.backward.loss, 6);
  if (e.trace.clipped(model.network.loss, walk.forward.output, model.y)) value = fill(model.texts.clipped, {value});
  return fill(model.texts.loss, {value});
}

function refusal(e, model, why) {  // ExplorerState.apply_update's refusal, in the page
  const reason = why.why === "not_finite" ? model.texts.not_finite
                                          : fill(model.texts.too_large, {largest: e.latex.format_g(why.largest, 3)});
  const text = fill(model.texts.refused, {why: reason});
  return ["error", text[0].toUpperCase() + text.slice(1)];
}

function said(e, model, walk) {  // ExplorerState.apply_update's message, in the page
  const fields = {before: e.latex.format_g(walk.backward.loss, 6), after: e.latex.format_g(walk.loss_after, 6)};
  return walk.loss_after > walk.backward.loss ? ["warning", fill(model.texts.rose, fields)]
                                               : ["success", fill(model.texts.applied, fields)];
}

async function apply(ui) {  // Apply update: computed here when the page holds the model, then replayed by the server
  if (memory.local && typeof memory.local.count !== "number") {  // an edit on its way: the update follows it
    memory.waiting = () => apply(ui);
    return;
  }
  const shown = view(), base = memory.local ? memory.local.base : ui.data.token;
  if (!memory.chain || memory.chain.base !== base) memory.chain = {base, count: 0};
  if (!shown || !shown.model || shown.token !== ui.token) {  // a quiz, or a view still on its way: the server's
    send_updates(base, ++memory.chain.count);
    return;
  }
  const e = await engine(memory.graph.engine), model = shown.model;
  const walk = shown.walk ??= e.steps.walkthrough(model.network, model.x, model.y, model.learning_rate, model.sample,
                                                   model.words);
  const why = e.trace.divergence(walk.loss_after, walk.update.network_after);
  if (why) {
    ui.notice = refusal(e, model, why);
    render(ui);
    return;
  }
  const after = {...model, network: walk.update.network_after};
  const walk_after = e.steps.walkthrough(after.network, after.x, after.y, after.learning_rate, after.sample, after.words);
  memory.local = page_view(e, shown, after, walk_after, base, ++memory.chain.count);
  memory.local.update = said(e, model, walk);
  ui.notice = null;
  ui.token = memory.local.token;
  ui.position = memory.positions[ui.token] = 0;
  render(ui);
  draw();
  send_updates(base, memory.chain.count);
}

function typed(event) {  // a weight or bias typed into the pick's editor (a Streamlit field): computed here at once
  const ui = memory.current, shown = view(), e = memory.modules, field = event.target;
  if (event.type === "keydown" && event.key !== "Enter") return;
  // a view of the page's own still on its way, or no engine yet: the server alone takes this edit
  if (!ui || ui.closed || memory.local || !shown || !shown.model?.edit_key || !e || shown.token !== ui.token) return;
  if (!(field instanceof HTMLInputElement) || !field.closest(`.st-key-${shown.model.edit_key}`)) return;
  const number = e.numbers.read_number(field.value);
  if (number === null || !(Math.abs(number) <= e.trace.MAX_ABS_PARAMETER)) return;  // the server says why
  const model = shown.model, pick = model.pick, layers = model.network.layers.map((layer) => ({...layer}));
  if (pick.kind === "edge") {
    const layer = layers[pick.layer];
    layer.weights = layer.weights.map((row, i) => (i === pick.i ? row.map((w, j) => (j === pick.j ? number : w)) : row));
  } else {
    const layer = layers[pick.layer - 1];
    layer.biases = layer.biases.map((b, i) => (i === pick.i ? number : b));
  }
  const after = {...model, network: {...model.network, layers}};
  const walk = e.steps.walkthrough(after.network, after.x, after.y, after.learning_rate, after.sample, after.words);
  memory.local = page_view(e, shown, after, walk, ui.data.token, `e${++memory.sequence}`);
  memory.local.update = ui.data.update;
  memory.positions[memory.local.token] = ui.position;  // an edit keeps the learner on their step
  ui.token = memory.local.token;
  render(ui);
  draw();
}

if (!memory.typing) {  // once per page; ahead of Streamlit's own handlers, which then send the field to the server
  memory.typing = true;
  document.addEventListener("keydown", typed, true);
  document.addEventListener("change", typed, true);
}

function send_updates(base, count) {  // the server replays the page's updates with the core, in the background
  const updates = memory.updates;
  if (updates && !updates.closed) updates.setStateValue("update", [base, count, ++memory.sequence]);
}

function show_updates(component) {  // the updates' sync: no element; the page's updates reach the server through it
  const updates = memory.updates = {setStateValue: component.setStateValue};
  return () => { updates.closed = true; };
}

// ---------------------------------------------------------------- the stepper and the position's sync
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
  const d = ui.data, p = ui.position, local = memory.local && memory.local.token === ui.token ? memory.local : null;
  ui.root.classList.toggle("bp-large", Boolean(d.projector));
  for (const [action, button] of Object.entries(ui.buttons)) set(button, "textContent", d.words[action]);
  if (!ui.copy.textContent.endsWith("✓")) set(ui.copy, "textContent", d.words.copy);
  set(ui.copy, "title", d.words.copy_help);
  set(ui.position_text, "textContent", d.texts[p]);
  set(ui.loss, "textContent", p >= d.loss_from ? (local ? local.loss_text : d.loss_text) : d.loss_waiting);
  set(ui.bar.style, "width", (100 * p / d.n) + "%");
  for (const [action, button] of Object.entries(ui.buttons)) set(button, "disabled", target(ui, action) === p);
  set(ui.apply, "textContent", d.words.update);
  set(ui.apply, "title", d.words.update_help);
  ui.apply.classList.toggle("bp-quiet", p < d.targets[0].backward);  // quiet until the backward pass is done
  const [level, text] = ui.notice ?? (local ? local.update : d.update) ?? ["", ""];
  set(ui.update, "className", `bp-update bp-${level}`);
  set(ui.update, "textContent", text);
}

function show_graph(component) {  // the graph's component: it alone draws the graph and the step, at the stepper's position
  const { data, parentElement, setTriggerValue } = component;
  let graph = parentElement.__graph;
  if (!graph) {
    const element = document.createElement("div"), legend = document.createElement("div");
    const step_box = document.createElement("div");
    element.className = "bp-graph";
    legend.className = "bp-legend";
    step_box.className = "bp-steps";
    Object.assign(legend.style, {color: "#333", lineHeight: "1.35", padding: "0 10px"});
    parentElement.append(element, legend, step_box);
    graph = parentElement.__graph = {element, legend, step_box};
  }
  settle(data);
  if (graph.token !== data.token) {  // a new view: its figures, steps and model arrive as strings, parsed once
    Object.assign(graph, {token: data.token, start: data.start, figures: JSON.parse(data.figures),
                          steps: JSON.parse(data.steps), model: JSON.parse(data.model), walk: null, drawn: null});
  }
  Object.assign(graph, {words: data.words, plotly: data.plotly, katex: data.katex, engine: data.engine,
                        pick: setTriggerValue, closed: false});
  graph.step_box.classList.toggle("bp-large", Boolean(data.projector));
  set(graph.element.style, "height", data.height + "px");  // its box before Plotly draws, so nothing moves
  set(graph.legend.style, "fontSize", data.legend.px + "px");
  set(graph.legend.style, "minHeight", data.legend.height + "px");
  memory.graph = graph;
  with_plotly(graph, draw);
  if (graph.model) {  // ready before the first click: the engine and KaTeX load while the learner reads
    setTimeout(() => { engine(data.engine).catch(() => {}); library(data.katex).then((k) => { memory.katex = k; }); }, 0);
  }
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

function show_formula(component) {  // one line of maths, rendered by the steps' KaTeX
  const { data, parentElement } = component;
  let line = parentElement.__formula;
  if (!line) {
    line = parentElement.__formula = {element: document.createElement("div")};
    line.element.className = "bp-formula";
    Object.assign(line.element.style, {fontSize: "0.875rem", color: "#4a4c55", lineHeight: "2", minHeight: "2em"});
    parentElement.append(line.element);
  }
  line.tex = data.tex;
  line.closed = false;
  library(data.katex).then((katex) => {
    memory.katex = katex;
    if (!line.closed && line.drawn !== line.tex) {
      line.element.innerHTML = katex.renderToString(line.tex, {throwOnError: false});  // KaTeX's markup only
      line.drawn = line.tex;
    }
  }, () => { if (!line.closed) line.element.textContent = line.tex; });  // no KaTeX: the LaTeX, as text
  return () => { line.closed = true; delete parentElement.__formula; };
}

function build_stepper(parentElement) {  // the buttons, the status line, the progress bar, and Apply update
  const root = document.createElement("div"), row = document.createElement("div");
  root.className = "bp-stepper";
  row.className = "bp-row";
  const ui = {buttons: {}, token: null, root, notice: null};
  for (const action of BUTTONS) {
    const button = document.createElement("button");
    button.dataset.action = action;
    if (action === "next") button.className = "bp-primary";
    button.addEventListener("click", () => go(ui, action));
    row.appendChild(button);
    ui.buttons[action] = button;
  }
  ui.apply = document.createElement("button");
  ui.apply.className = "bp-apply";
  ui.apply.addEventListener("click", () => apply(ui));
  const status = document.createElement("div");
  status.className = "bp-status";
  ui.position_text = document.createElement("span");
  ui.position_text.className = "bp-position";
  ui.loss = document.createElement("span");
  ui.loss.className = "bp-loss";
  status.append(ui.position_text, ui.loss, copy_button(ui));
  ui.update = document.createElement("div");
  ui.update.setAttribute("role", "status");
  const bar = document.createElement("div");
  bar.className = "bp-bar";
  ui.bar = document.createElement("div");
  bar.appendChild(ui.bar);
  const main = document.createElement("div"), side = document.createElement("div");
  main.className = "bp-main";
  side.className = "bp-side";  // Apply update, and what it said, beside the stepping (as tall, so nothing moves)
  main.append(row, status, bar);
  side.append(ui.apply, ui.update);
  root.append(main, side);
  parentElement.appendChild(root);
  return parentElement.__stepper = ui;
}

export default function (component) {
  const { data, parentElement } = component;
  if (data.role === "graph") return show_graph(component);
  if (data.role === "sync") return show_sync(component);
  if (data.role === "updates") return show_updates(component);
  if (data.role === "chart") return show_chart(component);
  if (data.role === "formula") return show_formula(component);
  const ui = parentElement.__stepper ?? build_stepper(parentElement);
  memory.current = ui;
  settle(data);
  ui.data = data;
  ui.notice = null;  // a refusal the page said lasts until the server speaks again
  const token = memory.local ? memory.local.token : data.token;
  if (ui.token !== token) {  // a new view (network, data, show mode, pick): it starts where the server was
    ui.token = token;
    ui.position = memory.positions[token] ?? data.start;
  }
  render(ui);
  draw();
  return () => { ui.closed = true; delete parentElement.__stepper; };
}
