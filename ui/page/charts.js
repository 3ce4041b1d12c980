// The graph's component, the page's other charts, and a line of maths.
function show_graph(component) {  // the graph's component: it alone draws the graph and the step, at the stepper's position
  const { data, parentElement, setTriggerValue } = component;
  let graph = parentElement.__graph;
  if (!graph) {
    const element = document.createElement("div"), legend = document.createElement("div");
    const step_box = document.createElement("div"), keys = document.createElement("div");
    const tables = document.createElement("details"), summary = document.createElement("summary");
    const tables_box = document.createElement("div");
    element.className = "bp-graph";
    // named below, and described by the legend (what the step shows) and by its keys; its own keys reach it
    element.setAttribute("role", "application");
    legend.className = "bp-legend";
    legend.id = "bp-graph-legend";
    keys.className = "bp-keys";
    keys.id = "bp-graph-keys";
    element.setAttribute("aria-describedby", `${legend.id} ${keys.id}`);
    tables.className = "bp-tables";
    tables.append(summary, tables_box);
    step_box.className = "bp-steps";
    Object.assign(legend.style, {color: "#333", lineHeight: "1.35", padding: "0 10px"});
    parentElement.style.position = "relative";  // the cursor's ring is placed over the graph
    parentElement.append(element, keys, legend, step_box);
    graph = parentElement.__graph = {element, legend, step_box, tables, summary, tables_box, keys};
    parentElement.append(build_code(graph), tables);  // the numpy and the tables after the step: one screen still
    graph.quiz_ui = build_quiz(parentElement);
    keyboard_graph(graph);
    tables.addEventListener("toggle", () => {
      if (tables.open && graph.figure) tables_box.innerHTML = graph_tables(graph.figure, graph.words);  // escaped text
    });
  }
  settle(data);
  if (graph.token !== data.token) {  // a new view: its figure, step, layouts, model and quiz arrive as strings, parsed once
    const quiz = JSON.parse(data.quiz);
    for (const question of quiz?.questions ?? []) {  // ±Infinity and NaN come as text
      question.expected = Number(question.expected);
      question.mistakes = question.mistakes.map(([what, value]) => [what, Number(value)]);
    }
    const figures = [], steps = [];  // the ones the view starts at; the engine computes the others (graph.js)
    figures[data.start] = JSON.parse(data.figure);
    steps[data.start] = JSON.parse(data.step);
    const {layout, metas} = JSON.parse(data.layouts);  // every position's layout: the same but for its meta
    Object.assign(graph, {token: data.token, start: data.start, figures, steps,
                          layouts: metas.map((meta) => ({...layout, meta})),
                          model: JSON.parse(data.model), quiz, walk: null, drawn: null, figure_of: null, step_of: null,
                          code_of: null, codes: []});
  }
  if (graph.quiz) graph.quiz.hints = data.quiz_hints;  // a hint changes nothing else the view draws
  if (data.quiz_message) graph.quiz_said = data.quiz_message;
  if (graph.intro !== data.intro) graph.step = undefined;  // the start's sentence changed: show_step writes it again
  Object.assign(graph, {words: data.words, intro: data.intro, plotly: data.plotly, katex: data.katex, engine: data.engine,
                        projector: data.projector, pick: setTriggerValue, closed: false});
  set(graph.element, "ariaLabel", data.words.graph);
  set(graph.keys, "textContent", data.words.keys);
  set(graph.summary, "textContent", data.words.tables);
  graph.step_box.classList.toggle("bp-large", Boolean(data.projector));
  graph.legend.classList.toggle("bp-large", Boolean(data.projector));
  graph.code.details.classList.toggle("bp-large", Boolean(data.projector));
  set(graph.element.style, "height", data.height + "px");  // its box before Plotly draws, so nothing moves
  set(graph.legend.style, "fontSize", data.legend.px + "px");
  set(graph.legend.style, "minHeight", data.legend.height + "px");
  memory.graph = graph;
  with_plotly(graph, draw);
  // ready before the first click: the engine and KaTeX load while the learner reads
  setTimeout(() => { engine(data.engine).catch(() => {}); library(data.katex).then((k) => { memory.katex = k; }); }, 0);
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
