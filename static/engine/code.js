// backprop/stepcode.py, mirrored: each step of the walk-through as the numpy that computes it, and what it prints, byte
// for byte the core's text (with backprop/code.py's literal, assignment, shape and printed). The comments' words come
// from the server in the session's language (stepcode.code_words); numpy's print is mirrored in arrayprint.js.
const v = new URL(import.meta.url).search;  // the modules of one version load together
const {array_str, py_repr} = await import(new URL("./arrayprint.js" + v, import.meta.url));
const {format_g} = await import(new URL("./latex.js" + v, import.meta.url));
const {PROBABILITY_FLOOR, per_sample} = await import(new URL("./trace.js" + v, import.meta.url));

export const CONVENTIONS = ["rows", "columns"];
export const PRECISION = 6;
export const HEADER = `import numpy as np\n\nnp.set_printoptions(precision=${PRECISION}, suppress=True)\n`;
const FLOOR = py_repr(PROBABILITY_FLOOR);
const ROWS = {x: "X", y: "Y", z: "Z", a: "A", da: "dA", axis: "1", n: "len(X)", place: "rows"};
const COLUMNS = {x: "x", y: "y", z: "z", a: "a", da: "da", axis: "0", n: "x.shape[1]", place: "columns"};

// ---------------------------------------------------------------- backprop/code.py
function _float(value) {
  if (Number.isFinite(value)) return py_repr(value);
  return Number.isNaN(value) ? "np.nan" : (value > 0 ? "np.inf" : "-np.inf");
}

export function literal(values, indent = 14) {  // an array as the numpy that makes it, a matrix's rows lined up
  if (!Array.isArray(values[0])) return `np.array([${values.map(_float).join(", ")}])`;
  const rows = values.map((row) => `[${row.map(_float).join(", ")}]`);
  return "np.array([" + rows.join(",\n" + " ".repeat(indent)) + "])";
}

export function assignment(name, values, comment) {
  return `${name} = ${literal(values, name.length + 13)}  # ${comment}`;
}

export function shape(values) {  // Python's str of the shape tuple: (3, 4), or (3,)
  return Array.isArray(values[0]) ? `(${values.length}, ${values[0].length})` : `(${values.length},)`;
}

export function printed(arrays, precision) {  // what print() writes for each array, one after the other
  return arrays.map((array) => array_str(array, precision) + "\n").join("");
}

// ---------------------------------------------------------------- backprop/stepcode.py
export function names(convention) {
  return convention === "rows" ? ROWS : COLUMNS;
}

function _name(convention, kind, layer) {
  if (kind === "a" && layer === 0) return names(convention).x;
  return kind === "delta" ? `delta${layer}` : `${names(convention)[kind]}${layer}`;
}

const transpose = (m) => m[0].map((_, j) => m.map((r) => r[j]));

export function oriented(convention, values) {  // a batch (N, k), or a bias (k,), as the convention holds it
  if (convention === "rows") return values;
  return Array.isArray(values[0]) ? transpose(values) : values.map((b) => [b]);
}

export function setup_code(network, x, y, learning_rate, convention, words) {
  const n = names(convention), lines = [HEADER,
    assignment(n.x, oriented(convention, x), `${shape(oriented(convention, x))}: ${words[n.place]}`),
    assignment(n.y, oriented(convention, y), shape(oriented(convention, y))),
    `N = ${n.n}  # ${words.samples}`];
  network.layers.forEach((layer, i) => {
    const l = i + 1, biases = oriented(convention, layer.biases);
    lines.push(assignment(`W${l}`, layer.weights, `${shape(layer.weights)}: ${words.weights}`),
               assignment(`b${l}`, biases, shape(biases)));
  });
  lines.push(`eta = ${py_repr(learning_rate)}  # ${words.rate}`);
  const used = new Set(network.layers.map((layer) => layer.activation));
  if (used.has("sigmoid")) {
    lines.push("", "", "def sigmoid(z):", `    e = np.exp(-np.abs(z))  # ${words.exp}`,
               "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))");
  }
  if (used.has("softmax")) {
    lines.push("", "", `def softmax(z):  # ${words.shifted}`, `    e = np.exp(z - z.max(axis=${n.axis}, keepdims=True))`,
               `    return e / e.sum(axis=${n.axis}, keepdims=True)`);
  }
  return lines.join("\n") + "\n";
}

const fill = (template, fields) => template.replace(/\{(\w+)\}/g, (_, key) => fields[key]);
export const ACTIVATE = {identity: "{z}", sigmoid: "sigmoid({z})", tanh: "np.tanh({z})", relu: "np.maximum({z}, 0.0)",
                         leaky_relu: "np.where({z} > 0, {z}, 0.01 * {z})", softmax: "softmax({z})"};
export const SLOPE = {identity: "{da}", sigmoid: "{da} * ({a} * (1 - {a}))", tanh: "{da} * (1 - {a} * {a})",
                      relu: "{da} * ({z} > 0)", leaky_relu: "{da} * np.where({z} > 0, 1.0, 0.01)",
                      softmax: "{a} * ({da} - np.sum({da} * {a}, axis={axis}, keepdims=True))"};
export const SHARES = {mse: "np.mean(({a} - {y}) ** 2, axis={axis})", half_sse: "0.5 * np.sum(({a} - {y}) ** 2, axis={axis})",
                       cross_entropy: `-np.sum({y} * np.log(np.clip({a}, ${FLOOR}, 1.0)), axis={axis})`,
                       binary_cross_entropy: "-np.mean({y} * np.log(P) + (1 - {y}) * np.log(1 - P), axis={axis})"};
export const GRAD = {mse: "2 * ({a} - {y}) / {a}.size", half_sse: "({a} - {y}) / {n}",
                     cross_entropy: `-{y} / (np.clip({a}, ${FLOOR}, 1.0) * {n})`,
                     binary_cross_entropy: "(P - {y}) / (P * (1 - P) * P.size)"};
export const FUSED = {cross_entropy: "({a} * {y}.sum(axis={axis}, keepdims=True) - {y}) / {n}",
                      binary_cross_entropy: "({a} - {y}) / {a}.size"};

function _forward(network, walk, layer, c, words) {
  const l = layer + 1, params = network.layers[layer], seen = walk.forward.layers[layer];
  const z = _name(c, "z", l), a = _name(c, "a", l), before = _name(c, "a", layer);
  const inputs = oriented(c, seen.inputs), weights = params.weights, bias = oriented(c, params.biases);
  const product = c === "rows" ? `${before} @ W${l}.T + b${l}  # ${shape(inputs)} @ ${shape(transpose(weights))}`
                               : `W${l} @ ${before} + b${l}  # ${shape(weights)} @ ${shape(inputs)}`;
  const note = params.activation === "identity" ? `  # ${words.identity}` : "";
  return [[`${z} = ${product} + ${shape(bias)} -> ${shape(oriented(c, seen.z))}`,
           `${a} = ${fill(ACTIVATE[params.activation], {z})}${note}`],
          [[z, oriented(c, seen.z)], [a, oriented(c, seen.a)]]];
}

function _loss(network, walk, y, c, words) {
  const n = names(c), out = _name(c, "a", network.layers.length);
  const lines = network.loss === "binary_cross_entropy" ? [`P = np.clip(${out}, ${FLOOR}, 1 - ${FLOOR})`] : [];
  const shares = fill(SHARES[network.loss], {a: out, y: n.y, axis: n.axis});
  lines.push(`shares = ${shares}  # ${words.share}, (${y.length},)`, `L = shares.mean()  # ${words.mean}`);
  return [lines, [["shares", per_sample(network.loss, walk.forward.output, y)],
                  ['f"L = {L:.6g}"', `L = ${format_g(walk.backward.loss, 6)}`]]];
}

function _backward(network, walk, layer, c, words) {
  const l = layer + 1, last = network.layers.length, n = names(c);
  const seen = walk.forward.layers[layer], grad = walk.backward.layers[layer];
  const z = _name(c, "z", l), a = _name(c, "a", l), da = _name(c, "da", l), delta = _name(c, "delta", l);
  const fields = {a, y: n.y, z, da, axis: n.axis, n: "N"};
  let lines;
  if (l === last) {
    lines = network.loss === "binary_cross_entropy" ? [`P = np.clip(${a}, ${FLOOR}, 1 - ${FLOOR})`] : [];
    lines.push(`${da} = ${fill(GRAD[network.loss], fields)}  # ∂L/∂ŷ, ${shape(oriented(c, grad.grad_a))}`);
  } else {
    const upper = network.layers[l].weights, delta_above = oriented(c, walk.backward.layers[l].delta);
    const product = c === "rows" ? `delta${l + 1} @ W${l + 1}  # ${shape(delta_above)} @ ${shape(upper)}`
                                 : `W${l + 1}.T @ delta${l + 1}  # ${shape(transpose(upper))} @ ${shape(delta_above)}`;
    lines = [`${da} = ${product} -> ${shape(oriented(c, grad.grad_a))}: ${words.back}`];
  }
  if (grad.fused) {
    lines.push(`${delta} = ${fill(FUSED[network.loss], fields)}  # ${words[network.loss]}`);
  } else {
    const activation = network.layers[layer].activation;
    const one = activation === "identity" ? `, ${words.slope_one}` : "";
    lines.push(`${delta} = ${fill(SLOPE[activation], fields)}  # δ = ∂L/∂a ⊙ f′(z)${one}`);
  }
  const before = _name(c, "a", layer), inputs = oriented(c, seen.inputs), delta_t = transpose(grad.delta);
  const weights_line = c === "rows" ? `dW${l} = ${delta}.T @ ${before}  # ${shape(delta_t)} @ ${shape(inputs)}`
                                    : `dW${l} = ${delta} @ ${before}.T  # ${shape(delta_t)} @ ${shape(transpose(inputs))}`;
  const bias = oriented(c, grad.grad_biases), sums = c === "rows" ? "axis=0" : "axis=1, keepdims=True";
  lines.push(`${weights_line} -> ${shape(grad.grad_weights)} = W${l}.shape`,
             `db${l} = ${delta}.sum(${sums})  # ${shape(bias)} = b${l}.shape`);
  return [lines, [[da, oriented(c, grad.grad_a)], [delta, oriented(c, grad.delta)], [`dW${l}`, grad.grad_weights],
                  [`db${l}`, bias]]];
}

function _update(network, walk, c, words) {
  const lines = [], shown = [];
  walk.update.network_after.layers.forEach((after, i) => {
    const l = i + 1;
    lines.push(`W${l} = W${l} - eta * dW${l}  # ${shape(after.weights)}`);
    shown.push([`W${l}`, after.weights]);
    if (network.train_biases) {
      lines.push(`b${l} = b${l} - eta * db${l}  # ${shape(oriented(c, after.biases))}`);
      shown.push([`b${l}`, oriented(c, after.biases)]);
    }
  });
  if (!network.train_biases) lines.push(`# ${words.frozen}`);
  return [lines, shown];
}

export function step_parts(network, walk, y, position, convention, words) {  // [lines, shown] of the step at position
  const last = network.layers.length;
  if (position <= last) return _forward(network, walk, position - 1, convention, words);
  if (position === last + 1) return _loss(network, walk, y, convention, words);
  if (position <= 2 * last + 1) return _backward(network, walk, 2 * last + 1 - position, convention, words);
  return _update(network, walk, convention, words);
}

export function step_code(network, walk, y, position, convention, words) {  // {source, printed} of the step at position
  const [lines, shown] = step_parts(network, walk, y, position, convention, words);
  const prints = shown.map(([name]) => `print(${name})`);
  const text = shown.map(([, value]) => (typeof value === "string" ? value + "\n" : printed([value], PRECISION))).join("");
  return {source: [...lines, ...prints].join("\n") + "\n", printed: text};
}

export function step_programs(network, walk, x, y, learning_rate, position, words) {  // both conventions, and their setup
  const programs = Object.fromEntries(CONVENTIONS.map((c) => [c, step_code(network, walk, y, position, c, words)]));
  return {...programs, setup: Object.fromEntries(CONVENTIONS.map((c) => [c, setup_code(network, x, y, learning_rate, c,
                                                                                       words)]))};
}
