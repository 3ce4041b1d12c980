// The graph from the keyboard, and as tables. Tab reaches the graph; the arrow keys move a cursor over its neurons and
// edges (→ from a neuron to an edge leaving it, and from an edge to the neuron it enters; ← back the same way; ↑ ↓
// within a column), Enter picks the one under it for the editor, as a click does, and Escape leaves the editor for the
// graph again. The cursor is a ring and Plotly's own hover label, and the graph's live region says what it is on. The
// tables under the graph hold the same numbers as the hover labels, for a screen reader, column by column.
const GRAPH_KEYS = {ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0], Home: [0, -Infinity],
                    End: [0, Infinity]};

function traces(figure) {  // the figure's edges' markers and its neurons: its last two traces
  const data = figure.data;
  return {edges: data[data.length - 2], neurons: data[data.length - 1]};
}

function column_of(figure, place) {  // the points of the cursor's column: its neurons, or the edges of its layer
  const trace = traces(figure)[place.kind];
  return trace.customdata.map((data, k) => [data, k]).filter(([data]) => data[0] === place.data[0]);
}

function stepped(figure, place, [across, along]) {  // where an arrow key takes the cursor from `place`
  if (along) {
    const column = column_of(figure, place), at = column.findIndex(([, k]) => k === place.index);
    const [data, index] = column[Math.max(0, Math.min(column.length - 1, at + along))];
    return {kind: place.kind, data, index};
  }
  const [first, second, third] = place.data, {edges, neurons} = traces(figure);
  const find = (trace, kind, wanted) => {
    const index = trace.customdata.findIndex((data) => wanted.every((value, k) => data[k] === value));
    return index < 0 ? place : {kind, data: trace.customdata[index], index};
  };
  if (place.kind === "neurons") {  // a neuron: the first edge that leaves it (→) or enters it (←)
    return across > 0 ? find(edges, "edges", [first, 0, second]) : find(edges, "edges", [first - 1, second, 0]);
  }
  return across > 0 ? find(neurons, "neurons", [first + 1, second]) : find(neurons, "neurons", [first, third]);
}

function cursor_text(figure, place, words) {  // what the live region says of the place under the cursor
  const trace = traces(figure)[place.kind], column = column_of(figure, place);
  const at = column.findIndex(([, k]) => k === place.index) + 1;
  return `${trace.hovertext[place.index].split("<br>").join(", ")} (${fill(words.of, {k: at, n: column.length})})`;
}

function show_cursor(graph, said = true) {  // the ring and hover label on the cursor's place, and its words if asked
  const gd = graph.element, figure = graph.figure, place = graph.cursor;
  if (!figure || !place || !gd._fullLayout || document.activeElement !== gd) return;
  const trace = traces(figure)[place.kind], x = gd._fullLayout.xaxis, y = gd._fullLayout.yaxis;
  const size = place.kind === "neurons" ? trace.marker.size + 14 : 24;
  const box = gd.getBoundingClientRect(), parent = graph.ring.parentElement.getBoundingClientRect();
  Object.assign(graph.ring.style, {display: "block", width: size + "px", height: size + "px",
    left: box.left - parent.left + x._offset + x.l2p(trace.x[place.index]) - size / 2 + "px",
    top: box.top - parent.top + y._offset + y.l2p(trace.y[place.index]) - size / 2 + "px"});
  memory.Plotly.Fx.hover(gd, [{curveNumber: figure.data.indexOf(trace), pointNumber: place.index}]);
  set(graph.keys.style, "top", graph.legend.offsetTop + "px");  // over the legend, while the keys are in use
  if (said) graph.said.textContent = cursor_text(figure, place, graph.words);
}

function hide_cursor(graph) {
  graph.ring.style.display = "none";
  if (memory.Plotly && graph.element._fullLayout) memory.Plotly.Fx.unhover(graph.element);
}

function pick_by_key(graph) {  // Enter: the place under the cursor picked, as a click picks it; its editor then has focus
  const place = graph.cursor, figure = graph.figure;
  const name = traces(figure)[place.kind].hovertext[place.index].split("<br>")[0];
  if (place.kind === "neurons" && place.data[0] === 0) {  // an input has no editor here: say where it is edited
    graph.said.textContent = fill(graph.words.input, {name: name.split(" = ")[0]});
  } else {
    memory.focus_editor = {label: place.kind === "edges" ? name : fill(graph.words.bias, {neuron: name}),
                           until: performance.now() + 20000};
  }
  graph.pick("pick", [{customdata: place.data}]);
}

function graph_key(graph, event) {  // a key pressed while the graph has focus
  const figure = graph.figure;
  if (!figure || event.altKey || event.ctrlKey || event.metaKey) return;
  const move = GRAPH_KEYS[event.key];
  if (move) {
    graph.cursor = stepped(figure, graph.cursor, move);
  } else if ((event.key === "Enter" || event.key === " ") && graph.cursor) {
    pick_by_key(graph);
  } else if (event.key === "Escape") {
    hide_cursor(graph);
    graph.said.textContent = "";
    return;
  } else {
    return;  // PageDown, PageUp and the rest step the pass, as anywhere on the page
  }
  event.preventDefault();
  event.stopPropagation();  // ← and → move the cursor here, not the stepper
  show_cursor(graph);
}

function keyboard_graph(graph) {  // the graph's element reached by Tab, with its ring and live region beside it
  const gd = graph.element;
  gd.tabIndex = 0;
  graph.ring = document.createElement("div");
  graph.ring.className = "bp-cursor";
  graph.ring.setAttribute("aria-hidden", "true");
  graph.said = document.createElement("div");
  graph.said.className = "bp-said-graph";
  graph.said.setAttribute("aria-live", "polite");
  gd.after(graph.ring, graph.said);
  gd.addEventListener("keydown", (event) => graph_key(graph, event));
  gd.addEventListener("focus", () => {
    if (!graph.figure) return;
    const {neurons} = traces(graph.figure);
    graph.cursor ??= {kind: "neurons", data: neurons.customdata[0], index: 0};
    show_cursor(graph);
  });
  gd.addEventListener("blur", () => hide_cursor(graph));
}

function graph_shows(graph, figure) {  // the figure at the stepper's position, drawn or not: the cursor and tables follow
  if (graph.figure === figure) return;
  graph.figure = figure;
  const place = graph.cursor;
  if (place) {  // a new network may lack the place: the cursor starts again
    const data = traces(figure)[place.kind].customdata[place.index];
    if (!data || data.join() !== place.data.join()) graph.cursor = null;
  }
  if (graph.tables.open) graph.tables_box.innerHTML = graph_tables(figure, graph.words);  // escaped text only
}

// ---------------------------------------------------------------- the graph as tables
function graph_tables(figure, words) {  // per column, its neurons' numbers, then the weights into the next column
  const {edges, neurons} = traces(figure);
  const layers = figure.layout.annotations.map((note) => note.text.split("<br>").join(" · "));
  const html = [];
  layers.forEach((layer, column) => {
    html.push(table(fill(words.neurons_of, {layer}), words.neuron, rows_of(neurons, column, column === 0)));
    if (column + 1 < layers.length) {
      html.push(table(fill(words.weights_into, {layer: layers[column + 1]}), words.weight, rows_of(edges, column, false)));
    }
  });
  return html.join("");
}

function rows_of(trace, column, inputs) {  // [name, {quantity: value}] of each point of a column, from its hover text
  return trace.customdata.map((data, k) => [data, trace.hovertext[k]]).filter(([data]) => data[0] === column)
    .map(([, hover]) => {
      const parts = hover.split("<br>"), named = inputs ? parts[0].split(" = ")[0] : parts[0];
      const facts = inputs ? [["x", parts[0].slice(named.length + 3).replace(/ \(input\)$/, "")]]
                           : parts.slice(1).map((part) => {
                             const cut = part.lastIndexOf(" = ");
                             return [part.slice(0, cut), part.slice(cut + 3)];
                           });
      return [named, new Map(facts)];
    });
}

function table(caption, first, rows) {
  const columns = [...new Set(rows.flatMap(([, facts]) => [...facts.keys()]))];
  const head = [first, ...columns].map((name) => `<th scope="col">${escape(name)}</th>`).join("");
  const body = rows.map(([name, facts]) => `<tr><th scope="row">${escape(name)}</th>` +
    columns.map((column) => `<td>${escape(facts.get(column) ?? "")}</td>`).join("") + "</tr>").join("");
  return `<table><caption>${escape(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

if (!memory.editor_keys) {  // once per page: Escape in the pick's editor goes back to the graph, cursor and all
  memory.editor_keys = true;
  document.addEventListener("keydown", (event) => {
    const graph = memory.graph;
    if (event.key !== "Escape" || !graph || graph.closed || !event.target.closest?.(".st-key-pick_editor")) return;
    event.preventDefault();
    graph.element.focus();
  });
}

function focus_editor() {  // the editor picked by Enter on the graph, once a page run has drawn it: focus goes to it
  const wanted = memory.focus_editor;
  if (!wanted) return;
  if (performance.now() > wanted.until) { memory.focus_editor = null; return; }
  const field = [...document.querySelectorAll(".st-key-pick_editor input")]
    .find((input) => input.getAttribute("aria-label") === wanted.label);
  if (!field) return;
  memory.focus_editor = null;
  field.focus();
  setTimeout(() => { if (document.activeElement === field) field.select(); }, 50);  // typing replaces the value
}
