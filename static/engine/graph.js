// ui/explorer/views.py and the traces of ui/explorer/figures.py, mirrored: what the graph shows at a point of the
// walk-through, and the Plotly traces that draw it. The server sends the rest (backprop-free words and a layout per
// position, in ui/explorer/stepper.py's graph_words): the neurons' names, the palette, the sizes.
const v = new URL(import.meta.url).search;  // the modules of one version load together
const {format_g} = await import(new URL("./latex.js" + v, import.meta.url));

export const NODE_TITLES = {a: "a", z: "z", delta: "δ", grad: "δ", update: "δ"};
export const AUTO_SHOW = {forward: "a", loss: "a", backward: "grad", update: "update"};
export const EDGE_TITLES = {a: "w", z: "w", delta: "w", grad: "∂L/∂w", update: "Δw"};

// ---------------------------------------------------------------- ui/explorer/views.py
export function progress(n_layers, position) {  // [layers through forward, layers through backward]
  return [Math.min(position, n_layers), Math.max(0, Math.min(position - n_layers - 1, n_layers))];
}

const _fmt = (value) => format_g(value, 6);

function _node_hover(network, walk, sample, forward_done, backward_done, names) {
  const L = network.layers.length;
  const hover = [names[0].map((name, j) => `${name} = ${_fmt(walk.forward.x[sample][j])} (input)`)];
  network.layers.forEach((layer, l) => {
    hover.push(names[l + 1].map((name, i) => {
      const parts = [name, `b = ${_fmt(layer.biases[i])}`];
      if (l < forward_done) {
        parts.push(`z = ${_fmt(walk.forward.layers[l].z[sample][i])}`, `a = ${_fmt(walk.forward.layers[l].a[sample][i])}`);
      }
      if (l >= L - backward_done) {
        const grads = walk.backward.layers[l];
        parts.push(`δ = ∂L/∂z = ${_fmt(grads.delta[sample][i])}`, `∂L/∂b = ${_fmt(grads.grad_biases[i])}`);
      }
      return parts.join("<br>");
    }));
  });
  return hover;
}

function _edge_hover(network, walk, backward_done, names, updates_known = true) {
  const L = network.layers.length;
  return network.layers.map((layer, l) => layer.weights.map((weights, i) => weights.map((w, j) => {
    const parts = [`w: ${names[l][j]} → ${names[l + 1][i]}`, `w = ${_fmt(w)}`];
    if (l >= L - backward_done) {
      parts.push(`∂L/∂w = ${_fmt(walk.backward.layers[l].grad_weights[i][j])}`);
      if (updates_known) parts.push(`Δw = −η·∂L/∂w = ${_fmt(walk.update.delta_weights[l][i][j])}`);
    }
    return parts.join("<br>");
  })));
}

export function graph_view(network, walk, position, show, sample, pick, updates_known, names) {
  const L = network.layers.length, step = position ? walk.steps[position - 1] : null;
  if (show === "auto") show = step ? AUTO_SHOW[step.phase] : "a";
  const [forward_done, backward_done] = progress(L, position);
  updates_known = updates_known || (step !== null && step.phase === "update");
  const known = network.layers.map((_, l) => l >= L - backward_done);
  const x = walk.forward.x[sample];
  const nodes = [x, ...network.layers.map((_, l) => {
    if (show === "a" || show === "z") return l < forward_done ? walk.forward.layers[l][show][sample] : null;
    return known[l] ? walk.backward.layers[l].delta[sample] : null;
  })];
  const edges = network.layers.map((layer, l) => {
    if (show === "grad") return known[l] ? walk.backward.layers[l].grad_weights : null;
    if (show === "update") return known[l] && updates_known ? walk.update.delta_weights[l] : null;
    return layer.weights;
  });
  const sizes = [network.layers[0].weights[0].length, ...network.layers.map((layer) => layer.weights.length)];
  return {sizes, node_values: nodes, edge_values: edges, node_title: NODE_TITLES[show], edge_title: EDGE_TITLES[show],
          node_hover: _node_hover(network, walk, sample, forward_done, backward_done, names),
          edge_hover: _edge_hover(network, walk, backward_done, names, updates_known),
          highlight_neurons: step ? new Set(step.neurons.map(String)) : null,
          highlight_edges: step ? new Set(step.edges.map(String)) : null, pick};
}

// ---------------------------------------------------------------- ui/explorer/figures.py
function round_half_even(x) {  // Python's round() of a float
  const floor = Math.floor(x), rest = x - floor;
  return rest > 0.5 || (rest === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
}

export function diverging(value, scale, style) {  // [CSS colour, intensity 0..1] on the blue/orange scale, white at 0
  const [[r, g, b], t] = diverging_channels(value, scale, style);
  return [`rgb(${r},${g},${b})`, t];
}

export function diverging_channels(value, scale, style) {  // diverging() as 0-255 channels
  let t = scale === 0 ? 0 : Math.min(Math.abs(value) / scale, 1);
  if (t !== t) t = 1;  // NaN
  const end = value >= 0 ? style.positive : style.negative;
  return [[0, 1, 2].map((k) => round_half_even(style.neutral[k] + (end[k] - style.neutral[k]) * t)), t];
}

// ---------------------------------------------------------------- ui/colours.py
export function luminance(channels) {  // WCAG's relative luminance of 0-255 channels
  const linear = channels.map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
}

export function over_white(channels, opacity) {  // a colour drawn at this opacity over white
  return channels.map((c) => 255 + (c - 255) * opacity);
}

export function text_on(channels, style) {  // black or white, whichever reads better on this colour
  return luminance(channels) > style.crossover ? style.dark_text : style.light_text;
}

function python_max(values) {  // max() as Python takes it: a NaN first wins, a NaN later is passed over
  return values.reduce((top, value) => (value > top ? value : top));
}

function _scale(arrays) {
  const values = arrays.filter((a) => a !== null && a.length).map((a) => {
    const flat = a.flat().map(Math.abs);
    return flat.some(Number.isNaN) ? NaN : Math.max(...flat);  // np.max keeps a NaN
  });
  return values.length ? python_max(values) : 0;
}

export function positions(sizes) {  // per column, [x, y] per neuron: columns at x = 0, 1, …; centred on y = 0
  return sizes.map((n, c) => Array.from({length: n}, (_, k) => [c, (n - 1) / 2 - k]));
}

function _edge_colours(view, style) {
  const scale = _scale(view.edge_values);
  return view.edge_values.map((values) => (values === null ? null : values.flat().map((w) => diverging(w, scale, style))));
}

const is_pick = (pick, kind, layer, i, j = null) =>
  pick !== null && pick.kind === kind && pick.layer === layer && pick.i === i && (pick.j ?? null) === j;

function _edge_traces(view, coords, colours, style) {
  const groups = new Map();
  view.edge_values.forEach((values, layer) => {
    const n_in = coords[layer].length;
    coords[layer + 1].forEach((end, i) => coords[layer].forEach((start, j) => {
      const lit = view.highlight_edges === null || view.highlight_edges.has(`${layer},${i},${j}`);
      let key;
      if (values === null) {
        key = [style.unknown, style.widths[0], lit];
      } else {
        const t = colours[layer][i * n_in + j][1];
        key = [values[i][j] >= 0 ? style.blue : style.orange, style.widths[Math.min(3, Math.trunc(t * 4))], lit];
      }
      const name = JSON.stringify(key);
      if (!groups.has(name)) groups.set(name, [key, [], []]);
      const [, xs, ys] = groups.get(name);
      xs.push(start[0], end[0], null);
      ys.push(start[1], end[1], null);
    }));
  });
  return [...groups.values()].map(([[colour, width, lit], xs, ys]) => ({
    type: "scatter", x: xs, y: ys, mode: "lines", hoverinfo: "skip", showlegend: false,
    line: {color: colour, width, dash: colour === style.orange ? style.dash : "solid"}, opacity: lit ? 0.85 : 0.12}));
}

export function marker_fraction(source, n_sources) {  // how far along its edge a marker sits
  return 0.2 + 0.6 * (source + 0.5) / n_sources;
}

function _midpoint_trace(view, coords, edge_colours, style) {
  const xs = [], ys = [], colours = [], sizes = [], data = [], hover = [], lines = [];
  view.edge_values.forEach((values, layer) => {
    const n_in = coords[layer].length;
    coords[layer + 1].forEach((end, i) => coords[layer].forEach((start, j) => {
      const along = marker_fraction(j, n_in), picked = is_pick(view.pick, "edge", layer, i, j);
      xs.push(start[0] + (end[0] - start[0]) * along);
      ys.push(start[1] + (end[1] - start[1]) * along);
      colours.push(values === null ? style.unknown : edge_colours[layer][i * n_in + j][0]);
      sizes.push(picked ? 15 : 9);
      lines.push(picked ? style.pick : "#555");
      data.push([layer, i, j]);
      hover.push(view.edge_hover[layer][i][j]);
    }));
  });
  return {type: "scatter", x: xs, y: ys, mode: "markers", customdata: data, hovertext: hover, hoverinfo: "text",
          showlegend: false, name: "edges", marker: {color: colours, size: sizes, line: {color: lines, width: 1.5}}};
}

function _node_trace(view, coords, px, names, style) {
  const scale = _scale(view.node_values);
  const out = {x: [], y: [], fill: [], text: [], text_colour: [], outline: [], width: [], data: [], hover: [], opacity: []};
  view.node_values.forEach((values, column) => coords[column].forEach(([x, y], i) => {
    const channels = values === null ? style.unknown_rgb : diverging_channels(values[i], scale, style)[0];
    const fill = values === null ? style.unknown : `rgb(${channels[0]},${channels[1]},${channels[2]})`;
    const lit = view.highlight_neurons !== null && view.highlight_neurons.has(`${column},${i}`);
    const picked = is_pick(view.pick, "neuron", column, i);
    const value = values === null ? "" : format_g(values[i] + 0, 3);  // grey, and the legend says why
    const dimmed = view.highlight_neurons !== null && !(lit || picked);
    out.x.push(x); out.y.push(y); out.fill.push(fill);
    out.text.push(`<b>${names[column][i]}</b><br>${value}`);
    out.text_colour.push(text_on(over_white(channels, dimmed ? style.dimmed : 1), style));
    out.outline.push(picked ? style.pick : (lit ? "#111" : "#777"));
    out.width.push(picked ? 5 : (lit ? 3 : 1));
    out.opacity.push(dimmed ? style.dimmed : 1);
    out.data.push([column, i]);
    out.hover.push(view.node_hover[column][i]);
  }));
  return {type: "scatter", x: out.x, y: out.y, mode: "markers+text", text: out.text, customdata: out.data,
          hovertext: out.hover, hoverinfo: "text", showlegend: false, name: "neurons",
          textfont: {color: out.text_colour, size: px.label},
          marker: {size: px.node, color: out.fill, opacity: out.opacity, line: {color: out.outline, width: out.width}}};
}

export function network_figure_data(view, px, names, style) {  // network_figure_dict's traces; its layout is the server's
  const coords = positions(view.sizes), colours = _edge_colours(view, style);
  return [..._edge_traces(view, coords, colours, style), _midpoint_trace(view, coords, colours, style),
          _node_trace(view, coords, px, names, style)];
}
