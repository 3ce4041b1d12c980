// The numpy core's pass, mirrored for the browser: backprop/activations.py, losses.py, layers.py and trace.py,
// function by function, with the same names and the same shapes. Samples are rows and weights are (n_out, n_in),
// so a layer computes Z = X Wᵀ + b. A matrix is an array of rows, a vector an array. It imports nothing.
// The core stays the reference: tests/test_engine.py runs this module under Node on random networks of every
// activation and loss, the presets and the caps, and fails on any number more than 1e-12 (relative) from the core's.

export const LEAKY_SLOPE = 0.01;
export const PROBABILITY_FLOOR = 1e-12;
export const MAX_ABS_PARAMETER = 1e6;

const sum = (values) => values.reduce((total, v) => total + v, 0);
const map = (matrix, f) => matrix.map((row, i) => row.map((v, j) => f(v, i, j)));
const transpose = (matrix) => matrix[0].map((_, j) => matrix.map((row) => row[j]));
const product = (a, b) => a.map((row) => {  // A·B, each entry summed in k order from 0, as sum would: loops, since
  const out = new Array(b[0].length);     // training multiplies thousands of times a frame
  for (let j = 0; j < out.length; j++) {
    let total = 0;
    for (let k = 0; k < b.length; k++) total += row[k] * b[k][j];
    out[j] = total;
  }
  return out;
});
const size = (matrix) => matrix.length * matrix[0].length;
const clip = (v, low, high) => Math.min(Math.max(v, low), high);

// ---------------------------------------------------------------- backprop/activations.py
export function sigmoid(z) {  // split by sign so exp never overflows
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function softmax(z) {  // each row: subtracting its max changes nothing but overflow
  return z.map((row) => {
    const top = Math.max(...row), exp_z = row.map((v) => Math.exp(v - top)), total = sum(exp_z);
    return exp_z.map((v) => v / total);
  });
}

export function softmax_backward(grad_s, s) {  // Jacobian-vector product row by row: s ⊙ (g − Σ g s)
  return s.map((row, n) => {
    const dot = sum(row.map((v, k) => grad_s[n][k] * v));
    return row.map((v, k) => v * (grad_s[n][k] - dot));
  });
}

const elementwise = (f, derivative) => ({forward: (z) => map(z, f), derivative});
export const ACTIVATIONS = {  // derivative(z, a): ∂a/∂z element-wise; none for softmax, whose is a Jacobian
  identity: elementwise((z) => z, () => 1),
  sigmoid: elementwise(sigmoid, (z, a) => a * (1 - a)),
  tanh: elementwise(Math.tanh, (z, a) => 1 - a * a),
  relu: elementwise((z) => Math.max(z, 0), (z) => (z > 0 ? 1 : 0)),
  leaky_relu: elementwise((z) => (z > 0 ? z : LEAKY_SLOPE * z), (z) => (z > 0 ? 1 : LEAKY_SLOPE)),
  softmax: {forward: softmax, derivative: null},
};

export function activation_backward(name, grad_a, z, a) {  // δ = ∂L/∂z from ∂L/∂a, all (n_samples, n_units)
  const activation = ACTIVATIONS[name];
  if (activation.derivative === null) return softmax_backward(grad_a, a);
  return map(grad_a, (g, i, j) => g * activation.derivative(z[i][j], a[i][j]));
}

// ---------------------------------------------------------------- backprop/losses.py
const SHARES = {  // each sample's share ℓₙ of the loss; every loss is the mean of its shares over the samples
  mse: (a, y) => a.map((row, n) => sum(row.map((v, k) => (v - y[n][k]) ** 2)) / row.length),
  half_sse: (a, y) => a.map((row, n) => 0.5 * sum(row.map((v, k) => (v - y[n][k]) ** 2))),
  cross_entropy: (p, y) => p.map((row, n) => -sum(row.map((v, k) => y[n][k] * Math.log(clip(v, PROBABILITY_FLOOR, 1))))),
  binary_cross_entropy: (p, y) => p.map((row, n) => -sum(row.map((v, k) => {
    const q = clip(v, PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR);
    return y[n][k] * Math.log(q) + (1 - y[n][k]) * Math.log(1 - q);
  })) / row.length),
};
const mean_of = (shares) => (a, y) => sum(shares(a, y)) / a.length;

export const LOSSES = {  // value, grad = ∂L/∂a, and fused = [output activation, δ = ∂L/∂z] where the pair simplifies
  mse: {value: mean_of(SHARES.mse), grad: (a, y) => map(a, (v, n, k) => 2 * (v - y[n][k]) / size(a)), fused: null},
  half_sse: {value: mean_of(SHARES.half_sse), grad: (a, y) => map(a, (v, n, k) => (v - y[n][k]) / a.length),
             fused: null},
  cross_entropy: {
    value: mean_of(SHARES.cross_entropy),
    grad: (p, y) => map(p, (v, n, k) => -y[n][k] / (clip(v, PROBABILITY_FLOOR, 1) * p.length)),
    // (p Σⱼyⱼ − y)/N for any targets: the familiar (p − y)/N when each row of y sums to 1
    fused: ["softmax", (p, y) => p.map((row, n) => {
      const total = sum(y[n]);
      return row.map((v, k) => (v * total - y[n][k]) / p.length);
    })],
  },
  binary_cross_entropy: {
    value: mean_of(SHARES.binary_cross_entropy),
    grad: (p, y) => map(p, (v, n, k) => {
      const q = clip(v, PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR);
      return (q - y[n][k]) / (q * (1 - q) * size(p));
    }),
    fused: ["sigmoid", (p, y) => map(p, (v, n, k) => (v - y[n][k]) / size(p))],
  },
};

export function per_sample(name, a, y) {
  return SHARES[name](a, y);
}

export function clipped(name, a, y) {  // whether the loss went through PROBABILITY_FLOOR (see losses.clipped)
  const low = (v, t) => v < PROBABILITY_FLOOR && t !== 0;
  if (name === "cross_entropy") return a.some((row, n) => row.some((v, k) => low(v, y[n][k])));
  if (name === "binary_cross_entropy") {
    return a.some((row, n) => row.some((v, k) => low(v, y[n][k]) || (v > 1 - PROBABILITY_FLOOR && y[n][k] !== 1)));
  }
  return false;
}

// ---------------------------------------------------------------- backprop/layers.py
export function linear_forward(x, weights, biases) {  // Z = X Wᵀ + b: x (n, n_in), weights (n_out, n_in)
  const z = product(x, transpose(weights)).map((row) => row.map((v, i) => v + biases[i]));
  return [z, {x, weights}];
}

export function linear_backward(grad_z, cache, need_grad_x = true) {  // -> [∂L/∂X = G W, ∂L/∂W = Gᵀ X, ∂L/∂b = Σ G]
  const grad_x = need_grad_x ? product(grad_z, cache.weights) : null;
  return [grad_x, product(transpose(grad_z), cache.x), transpose(grad_z).map(sum)];
}

// ---------------------------------------------------------------- backprop/trace.py
export function forward(network, x) {  // every layer's inputs, z and a; the output is the last a
  const layers = [];
  let a = x;
  for (const layer of network.layers) {
    const [z] = linear_forward(a, layer.weights, layer.biases);
    const out = ACTIVATIONS[layer.activation].forward(z);
    layers.push({inputs: a, z, a: out});
    a = out;
  }
  return {x, layers, output: a};
}

export function output_delta(network, last, y, full = true) {  // [∂L/∂a, δ, fused] for the output layer
  const loss = LOSSES[network.loss], activation = network.layers[network.layers.length - 1].activation;
  if (loss.fused !== null && loss.fused[0] === activation) {
    return [full ? loss.grad(last.a, y) : null, loss.fused[1](last.a, y), true];
  }
  const grad_a = loss.grad(last.a, y);
  return [grad_a, activation_backward(activation, grad_a, last.z, last.a), false];
}

export function backward(network, trace, y, full = true) {  // the chain rule back to the input, from forward's record
  let [grad_a, delta, fused] = output_delta(network, trace.layers[trace.layers.length - 1], y, full);
  const result = [];
  for (let index = network.layers.length - 1; index >= 0; index--) {
    const layer = network.layers[index], seen = trace.layers[index];
    if (index < network.layers.length - 1) {
      delta = activation_backward(layer.activation, grad_a, seen.z, seen.a);
      fused = false;
    }
    const [grad_inputs, grad_weights, grad_biases] = linear_backward(delta, {x: seen.inputs, weights: layer.weights},
                                                                     full || index > 0);
    result.unshift({grad_a, delta, grad_weights, grad_biases, fused});
    grad_a = grad_inputs;
  }
  return {loss: full ? LOSSES[network.loss].value(trace.output, y) : null, layers: result, grad_x: grad_a};
}

export function sgd_step(network, grads, learning_rate) {  // w ← w − η ∂L/∂w; a new network, nothing changed in place
  const delta_weights = grads.layers.map((g) => map(g.grad_weights, (v) => -learning_rate * v));
  const delta_biases = grads.layers.map((g) => g.grad_biases.map((v) => (network.train_biases ? -learning_rate * v : 0)));
  const layers = network.layers.map((layer, l) => ({
    weights: map(layer.weights, (w, i, j) => w + delta_weights[l][i][j]),
    biases: layer.biases.map((b, i) => b + delta_biases[l][i]),
    activation: layer.activation,
  }));
  return {learning_rate, delta_weights, delta_biases, network_after: {...network, layers}};
}

export function loss_of(network, x, y) {
  return LOSSES[network.loss].value(forward(network, x).output, y);
}
