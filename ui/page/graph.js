// The views, the server's or the page's own, and the graph and the step that show the current one.
function settle(data) {  // a server view arrived: the page's own view gives way once the server has replayed it
  const local = memory.local;
  if (!local || data.token === local.base) return;
  const [base, count] = data.replayed?.[local.chain] ?? [null, 0];  // the chain the page's view belongs to
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

function figure_at(shown, position) {  // a position's figure, computed when first shown (undefined: not yet possible)
  if (shown.figures[position] === undefined && computable(shown)) shown.figures[position] = shown.figure_of(position);
  return shown.figures[position];
}

function step_at(shown, position) {  // the same for the step under the graph
  if (shown.steps[position] === undefined && computable(shown)) shown.steps[position] = shown.step_of(position);
  return shown.steps[position];
}

function computable(shown) {  // the server sends the graph and step its view starts at; the engine computes the rest
  if (shown.figure_of) return true;
  const e = memory.modules, graph = memory.graph;
  if (!e) {  // the engine loads as the view appears; a click before it has come draws once it has
    engine(graph.engine).then(() => { if (!graph.closed) draw(); }, () => {
      if (graph.closed) return;
      graph.step = null;  // what is under the graph is no step's any more: say why
      graph.step_box.textContent = graph.words.no_engine;
    });
    return false;
  }
  const model = shown.model, walk = shown_walk(e, shown);
  const locked = shown.quiz ? quiz_lock(e, shown.quiz, model, walk.steps.length) : null;
  Object.assign(shown, computing(e, model, walk, shown.layouts, shown.token, locked));
  return true;
}

function draw() {  // the graph shows the stepper's position in the current view; false if it cannot yet
  const graph = memory.graph, ui = memory.current, shown = view();
  if (!graph || graph.closed) return false;
  const position = ui && !ui.closed ? (ui.token === shown.token ? ui.position : null)
                                    : memory.positions[shown.token] ?? graph.start;
  if (position === null) return true;  // the stepper is a view ahead: this view's figures are on their way
  render_quiz(graph);
  show_step(graph, shown, position);  // the quiz, the step and its numpy need no Plotly
  show_code(graph, shown, position);
  ahead(shown, position);
  const figure = figure_at(shown, position);
  if (figure) graph_shows(graph, figure);  // the numbers, as tables, need no Plotly
  if (!memory.Plotly) return false;
  if (!figure || graph.drawn === figure.layout.meta.bp) return true;  // a quiz's step not yet unlocked stays
  const drawn = fitted(graph, figure);
  set(graph.element.style, "height", drawn.layout.height + "px");
  memory.Plotly.react(graph.element, drawn.data, drawn.layout, CONFIG);
  set(graph.legend, "innerHTML", figure.layout.meta.legend);  // the server's own words and spans, never input
  graph.drawn = figure.layout.meta.bp;
  show_cursor(graph, false);  // the keyboard's ring and hover label, on the redrawn graph
  if (!graph.element.__bp_clicks) {  // Plotly gives the element its .on once it has drawn
    graph.element.__bp_clicks = true;
    graph.element.on("plotly_click", (event) => memory.graph.pick("pick",
      event.points.map((point) => ({customdata: point.customdata}))));
  }
  requestAnimationFrame(() => fit_to_screen(graph));
  return true;
}

// Projector mode on a short screen (1366×768): the graph shrinks until the step's first equation is on the screen too,
// its neurons with it and their labels a little (never below 18 px); it never grows back while the window keeps its
// size, so stepping on does not make it jump.
const SMALLEST = 0.58;  // a neuron then still holds its two lines of 18 px
const STEP_ROOM = 210;  // px: before the first step, room for a step's sentence and first equation at projector size

function fitted(graph, figure) {
  const k = graph.projector ? graph.fit ?? 1 : 1;
  if (k === 1) return figure;
  const data = figure.data.map((trace) => trace.name !== "neurons" ? trace : {...trace,
    marker: {...trace.marker, size: Math.round(trace.marker.size * k)},
    textfont: {...trace.textfont, size: Math.max(18, Math.round(trace.textfont.size * Math.sqrt(k)))}});
  return {data, layout: {...figure.layout, height: Math.round(figure.layout.height * k)}};
}

function fit_to_screen(graph) {
  if (!graph.projector || graph.closed || !graph.drawn) return;
  if (!memory.fits) {  // a window of another height fits the graph afresh
    memory.fits = true;
    addEventListener("resize", () => {
      const g = memory.graph;
      if (g?.projector && !g.closed) { g.drawn = null; draw(); }
    });
  }
  const drawn_at = graph.fit ?? 1, bound = graph.fit_for === innerHeight ? drawn_at : 1;
  graph.fit_for = innerHeight;
  const plot = graph.element.getBoundingClientRect(), equation = graph.step_box.querySelector(".katex-display");
  const bottom = equation ? equation.getBoundingClientRect().bottom
                          : graph.step_box.getBoundingClientRect().top + STEP_ROOM;
  const room = innerHeight - 8 - (plot.top + scrollY) - (bottom - plot.bottom);
  const k = Math.min(bound, Math.max(SMALLEST, room / (plot.height / drawn_at)));
  if (Math.abs(k - drawn_at) > 0.02) {
    graph.fit = k;
    graph.drawn = null;  // drawn again, at its new size
    draw();
  }
}

function ahead(shown, position) {  // when the page is idle, the next position's figure and step, rendered, for Next
  const idle = window.requestIdleCallback ?? ((task) => setTimeout(task, 50));
  idle(() => {
    if (view() !== shown || !memory.modules) return;  // the view changed, or there is nothing to compute with yet
    figure_at(shown, position + 1);
    const step = step_at(shown, position + 1);
    if (step && memory.katex) step_html(step, memory.katex);
  });
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
  const step = step_at(shown, position);
  if (step === undefined || graph.step === step) return;  // undefined: the engine has yet to come
  if (step && !memory.katex) {
    library(graph.katex).then((katex) => { memory.katex = katex; if (!graph.closed) draw(); });
    return;
  }
  graph.step = step;
  // KaTeX's markup and escaped text only; before the first step, what the network is and what the pass will do
  graph.step_box.innerHTML = step ? step_html(step, memory.katex) : `<p class="bp-intro">${escape(graph.intro)}</p>`;
  graph.step_box.dataset.position = step ? position : "";
}
