// backprop/steps.py, mirrored: the walk-through's equations with their live numbers, byte for byte the core's LaTeX.
// The words come from the server in the session's language (backprop.steps.step_words): each step's title, summary
// and place in the pass depend on the network's shape, never on its numbers, so only the numbers are filled in here.
const v = new URL(import.meta.url).search;  // the modules of one version load together
const {chain, matrix, number, row} = await import(new URL("./latex.js" + v, import.meta.url));
const {ACTIVATIONS, backward, clipped, forward, loss_of, per_sample, sgd_step} = await import(new URL("./trace.js" + v, import.meta.url));

export const TARGET_SUM_TOLERANCE = 1e-9;

export function np_sum(values) {  // numpy's sum of a short vector, in its order: 8 running sums from 8 values on
  if (values.length < 8) return values.reduce((total, value) => total + value, -0);
  const r = values.slice(0, 8);
  let i = 8;
  for (; i + 8 <= values.length; i += 8) for (let k = 0; k < 8; k++) r[k] += values[i + k];
  let total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
  for (; i < values.length; i++) total += values[i];
  return total;
}

export function symbol(column, n_layers) {  // x for the input, ŷ for the output
  return column === 0 ? "x" : (column === n_layers ? "\\hat{y}" : `a^{(${column})}`);
}

export function transposed(column, sample = "") {
  const index = sample ? `_{${sample}}` : "";
  return column === 0 ? `x${index}^\\top` : `a^{(${column})\\top}${index}`;
}

const transpose = (m) => m[0].map((_, j) => m.map((r) => r[j]));
const step_of = (words, k, equations, values) => ({...words.steps[k], equations, values});

export function forward_step(network, fwd, layer, sample, digits, words) {
  const L = network.layers.length, l = layer + 1, params = network.layers[layer], seen = fwd.layers[layer];
  const z_line = chain(`z^{(${l})}`, `W^{(${l})} ${symbol(layer, L)} + b^{(${l})}`,
                       `${matrix(params.weights, digits)} ${matrix(seen.inputs[sample], digits)} + ` +
                       `${matrix(params.biases, digits)}`, matrix(seen.z[sample], digits));
  const a_line = `${symbol(l, L)} = f(z^{(${l})}),\\; f(z) = ${words.activations[params.activation][0]}` +
                 `\\;\\Rightarrow\\; ${symbol(l, L)} = ${matrix(seen.a[sample], digits)}`;
  return step_of(words, layer, [z_line, a_line], [["z", seen.z[sample]], ["a", seen.a[sample]]]);
}

export function loss_step(network, fwd, grads, y, sample, digits, words) {
  const out = fwd.output, n = y.length, shares = per_sample(network.loss, out, y);
  const lines = [words.loss[0], _sample_loss_line(network.loss, out[sample], y[sample], shares[sample], sample, digits)];
  if (n === 1) {
    lines.push(chain("L", "\\ell_{1}", number(grads.loss, digits + 2)));
  } else {
    const listed = n <= 6 ? shares.map((s) => number(s, digits)).join(" + ") : `\\ell_{1} + \\dots + \\ell_{${n}}`;
    lines.push(chain("L", `\\frac{1}{${n}}\\sum_{n=1}^{${n}} \\ell_n`, `\\frac{1}{${n}}\\big(${listed}\\big)`,
                     number(grads.loss, digits + 2)));
  }
  const step = step_of(words, network.layers.length, lines, [[words.values.output, out[sample]],
                                                             [words.values.target, y[sample]]]);
  if (clipped(network.loss, out, y)) step.summary += words.clipped;
  return step;
}

function _bracketed(value, digits) {  // a number, in brackets when negative, to follow a minus sign or a log
  const text = number(value, digits);
  return text.startsWith("-") ? `(${text})` : text;
}

function _sample_loss_line(name, a, y, share, sample, digits) {  // ℓₙ with its numbers (its terms for up to 4 outputs)
  const k = a.length, ell = `\\ell_{${sample + 1}}`;
  if (k > 4) return `${ell} = ${number(share, digits + 2)}`;
  const p = a.map((value) => _bracketed(value, digits)), t = y.map((value) => _bracketed(value, digits));
  let body;
  if (name === "mse" || name === "half_sse") {
    const scale = name === "mse" ? (k > 1 ? `\\frac{1}{${k}}` : "") : "\\tfrac12";
    body = scale + "\\big[" + p.map((pi, i) => `(${pi} - ${t[i]})^2`).join(" + ") + "\\big]";
  } else if (name === "cross_entropy") {
    body = "-\\big[" + p.map((pi, i) => `${t[i]} \\log ${pi}`).join(" + ") + "\\big]";
  } else {
    const scale = k > 1 ? `\\frac{1}{${k}}` : "";
    body = `-${scale}\\big[` + p.map((pi, i) => `${t[i]} \\log ${pi} + (1 - ${t[i]}) \\log(1 - ${pi})`).join(" + ") +
           "\\big]";
  }
  return chain(ell, body, number(share, digits + 2));
}

function _gradient_lines(l, seen, grad, n_samples, digits) {
  if (n_samples === 1) {
    return [chain(`\\frac{\\partial L}{\\partial W^{(${l})}}`, `\\delta^{(${l})} ${transposed(l - 1)}`,
                  `${matrix(grad.delta[0], digits)} ${row(seen.inputs[0], digits)}`, matrix(grad.grad_weights, digits)),
            `\\frac{\\partial L}{\\partial b^{(${l})}} = \\delta^{(${l})} = ${matrix(grad.grad_biases, digits)}`];
  }
  return [`\\frac{\\partial L}{\\partial W^{(${l})}} = \\sum_{n=1}^{${n_samples}} ` +
          `\\delta^{(${l})}_n ${transposed(l - 1, "n")} = ${matrix(grad.grad_weights, digits)}`,
          `\\frac{\\partial L}{\\partial b^{(${l})}} = \\sum_n \\delta^{(${l})}_n = ${matrix(grad.grad_biases, digits)}`];
}

function _loss_derivative(loss, da, out, target, shape, grad_a, digits, words) {  // ∂L/∂ŷ, its numbers where plain
  const parts = [da, words.loss[1]], [n, k] = shape;
  if (loss === "mse" || loss === "half_sse") {
    const scale = loss === "mse" ? `\\frac{2}{${n} \\cdot ${k}}` : `\\frac{1}{${n}}`;
    parts.push(`${scale}\\left(${matrix(out, digits)} - ${matrix(target, digits)}\\right)`);
  }
  return chain(...parts, matrix(grad_a, digits));
}

function _fused_delta_line(loss, l, p, t, y, delta, digits) {  // δ of a fused output, in the form used
  const n = y.length, k = y[0].length;
  const scale = loss === "cross_entropy" || k === 1 ? `\\frac{1}{${n}}` : `\\frac{1}{${n} \\cdot ${k}}`;
  let formula = loss === "cross_entropy" ? "\\frac{1}{N}(p - y)" : "\\frac{1}{N K}(p - y)";
  let numbers = `${scale}\\left(${matrix(p, digits)} - ${matrix(t, digits)}\\right)`;
  if (loss === "cross_entropy" && y.some((r) => Math.abs(np_sum(r) - 1) > TARGET_SUM_TOLERANCE)) {
    formula = "\\frac{1}{N}\\big(p \\textstyle\\sum_j y_j - y\\big)";
    numbers = `${scale}\\left(${matrix(p, digits)} \\cdot ${number(np_sum(t), digits)} - ${matrix(t, digits)}\\right)`;
  }
  return chain(`\\delta^{(${l})}`, formula, numbers, matrix(delta, digits));
}

export function backward_step(network, fwd, grads, y, layer, sample, digits, words) {
  const L = network.layers.length, l = layer + 1, seen = fwd.layers[layer], grad = grads.layers[layer];
  const activation = words.activations[network.layers[layer].activation];
  const da = `\\frac{\\partial L}{\\partial ${symbol(l, L)}}`;
  const first = layer === L - 1
    ? _loss_derivative(network.loss, da, seen.a[sample], y[sample], [y.length, y[0].length], grad.grad_a[sample],
                       digits, words)
    : chain(da, `W^{(${l + 1})\\top} \\delta^{(${l + 1})}`,
            `${matrix(transpose(network.layers[layer + 1].weights), digits)} ` +
            `${matrix(grads.layers[layer + 1].delta[sample], digits)}`, matrix(grad.grad_a[sample], digits));
  let delta;
  if (grad.fused) {
    delta = _fused_delta_line(network.loss, l, seen.a[sample], y[sample], y, grad.delta[sample], digits);
  } else {
    const name = network.layers[layer].activation;
    const slope = seen.z[sample].map((z, i) => activation_slope(name, z, seen.a[sample][i]));
    delta = chain(`\\delta^{(${l})}`, `${da} \\odot f'(z^{(${l})}),\\quad f' = ${activation[1]}`,
                  `${matrix(grad.grad_a[sample], digits)} \\odot ${matrix(slope, digits)}`,
                  matrix(grad.delta[sample], digits));
  }
  const lines = [first, delta, ..._gradient_lines(l, seen, grad, y.length, digits)];
  const values = [["∂L/∂a", grad.grad_a[sample]], ["δ", grad.delta[sample]], ["∂L/∂b", grad.grad_biases]];
  return step_of(words, 2 * L - layer, lines, values);
}

function activation_slope(name, z, a) {  // f′(z) of an element-wise activation, as the core's derivative gives it
  return ACTIVATIONS[name].derivative(z, a);
}

export function update_step(network, grads, update, loss_after, digits, words) {
  const lines = [], eta = number(update.learning_rate, digits);
  network.layers.forEach((layer, i) => {
    const grad = grads.layers[i], after = update.network_after.layers[i];
    lines.push(chain(`W^{(${i + 1})} \\leftarrow W^{(${i + 1})} - ${eta}\\,\\frac{\\partial L}{\\partial W^{(${i + 1})}}`,
                     `${matrix(layer.weights, digits)} - ${eta} ${matrix(grad.grad_weights, digits)}`,
                     matrix(after.weights, digits)));
    if (network.train_biases) {
      lines.push(chain(`b^{(${i + 1})} \\leftarrow ${matrix(layer.biases, digits)} - ${eta} ` +
                       `${matrix(grad.grad_biases, digits)}`, matrix(after.biases, digits)));
    }
  });
  if (!network.train_biases) lines.push("\\text{" + words.frozen + "}");
  lines.push(`L: ${number(grads.loss, digits + 2)} \\;\\rightarrow\\; ${number(loss_after, digits + 2)}`);
  return step_of(words, words.steps.length - 1, lines, [[words.values.loss_before, grads.loss],
                                                          [words.values.loss_after, loss_after]]);
}

export function walkthrough(network, x, y, learning_rate, sample, words, digits = 4) {
  // every step of one SGD iteration on (x, y), equations shown for row `sample` of x
  const fwd = forward(network, x), grads = backward(network, fwd, y);
  const update = sgd_step(network, grads, learning_rate), loss_after = loss_of(update.network_after, x, y);
  const L = network.layers.length, steps = [];
  for (let i = 0; i < L; i++) steps.push(forward_step(network, fwd, i, sample, digits, words));
  steps.push(loss_step(network, fwd, grads, y, sample, digits, words));
  for (let i = L - 1; i >= 0; i--) steps.push(backward_step(network, fwd, grads, y, i, sample, digits, words));
  steps.push(update_step(network, grads, update, loss_after, digits, words));
  return {forward: fwd, backward: grads, update, loss_after, steps};
}
