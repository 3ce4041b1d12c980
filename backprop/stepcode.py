"""Each step of the walk-through as the numpy that computes it, for the network and data on screen, and what those
lines print. Two conventions:

- "rows": a batch as rows, as the core computes it: Z1 = X @ W1.T + b1, with X (N, n_in) and b1 (n_out,);
- "columns": a sample as a column, as the first seed writes it: z1 = W1 @ x + b1, with x (n_in, N) and b1 (n_out, 1).

setup_code defines the arrays; each step's lines then run in order after it. Every line computes what the core
computes, in the core's order of operations, so a program's arrays are the core's; each line's shapes are written
beside it. What a step prints is numpy's print of the core's own arrays, and static/engine/code.js writes the same
text in the page.
"""
from typing import TYPE_CHECKING

import numpy as np

from .code import Code, assignment, printed, shape
from .i18n import N_, _
from .losses import PROBABILITY_FLOOR, per_sample
from .network import Network

if TYPE_CHECKING:  # steps.py imports this module for its words
    from .steps import Walkthrough

CONVENTIONS = ("rows", "columns")
PRECISION = 6  # the decimals a step's print shows: the seed's network prints its output as 3.176794
HEADER = f"import numpy as np\n\nnp.set_printoptions(precision={PRECISION}, suppress=True)\n"
FLOOR = repr(PROBABILITY_FLOOR)
ROWS = {"x": "X", "y": "Y", "z": "Z", "a": "A", "da": "dA", "axis": "1", "n": "len(X)", "place": "rows"}
COLUMNS = {"x": "x", "y": "y", "z": "z", "a": "a", "da": "da", "axis": "0", "n": "x.shape[1]", "place": "columns"}
# the programs' comments that are words, by key; the page's mirror receives them translated (code_words)
WORDS = {
    "rows": N_("a sample to a row"), "columns": N_("a sample to a column"), "samples": N_("samples in the batch"),
    "weights": N_("row i holds the weights into neuron i"), "rate": N_("the learning rate η"),
    "exp": N_("exp of a number ≤ 0 cannot overflow"), "shifted": N_("shifted by its max, so that exp cannot overflow"),
    "identity": N_("identity: f(z) = z"), "share": N_("each sample's share ℓₙ of the loss"),
    "mean": N_("the mean over the N samples"), "back": N_("δ comes back through the same weights"),
    "slope_one": N_("f′(z) = 1"),
    "cross_entropy": N_("fused with the softmax: (p Σy − y)/N, which is (p − y)/N when each sample's targets sum to 1"),
    "binary_cross_entropy": N_("fused with the sigmoid: its slope p(1 − p) cancels ∂L/∂ŷ's denominator"),
    "frozen": N_("biases are frozen: they keep their values"),
}


def word(key: str) -> str:
    """WORDS[key] in the session's language. (A key written inside _() would be taken for a text by older extractors.)"""
    return _(WORDS[key])


def code_words() -> dict[str, str]:
    """WORDS in the session's language, for static/engine/code.js."""
    return {key: word(key) for key in WORDS}


def names(convention: str) -> dict[str, str]:
    """What the programs call the input, the target and each layer's arrays, and the axis a sample's values lie on."""
    return ROWS if convention == "rows" else COLUMNS


def _name(convention: str, kind: str, layer: int) -> str:
    """A layer's array by kind ("z", "a", "da", "delta"), layer from 1; layer 0's activation is the input."""
    if kind == "a" and layer == 0:
        return names(convention)["x"]
    return f"delta{layer}" if kind == "delta" else f"{names(convention)[kind]}{layer}"


def oriented(convention: str, values: np.ndarray) -> np.ndarray:
    """A batch (N, k), or a bias (k,), as the convention holds it: as it is for rows; for columns, the batch
    transposed and the bias a column."""
    values = np.asarray(values)
    if convention == "rows":
        return values
    return values.reshape(-1, 1) if values.ndim == 1 else values.T


def setup_code(network: Network, x: np.ndarray, y: np.ndarray, learning_rate: float, convention: str) -> str:
    """The data and the network as numpy arrays, η, and the activations that need a definition."""
    n = names(convention)
    lines = [HEADER, assignment(n["x"], oriented(convention, x), f"{shape(oriented(convention, x))}: " + word(n["place"])),
             assignment(n["y"], oriented(convention, y), shape(oriented(convention, y))),
             f"N = {n['n']}  # " + word("samples")]
    for l, layer in enumerate(network.layers, 1):
        lines += [assignment(f"W{l}", layer.weights, f"{shape(layer.weights)}: " + word("weights")),
                  assignment(f"b{l}", oriented(convention, layer.biases), shape(oriented(convention, layer.biases)))]
    lines.append(f"eta = {float(learning_rate)!r}  # " + word("rate"))
    used = {layer.activation for layer in network.layers}
    if "sigmoid" in used:
        lines += ["", "", "def sigmoid(z):", "    e = np.exp(-np.abs(z))  # " + word("exp"),
                  "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))"]
    if "softmax" in used:
        lines += ["", "", "def softmax(z):  # " + word("shifted"),
                  f"    e = np.exp(z - z.max(axis={n['axis']}, keepdims=True))",
                  f"    return e / e.sum(axis={n['axis']}, keepdims=True)"]
    return "\n".join(lines) + "\n"


ACTIVATE = {"identity": "{z}", "sigmoid": "sigmoid({z})", "tanh": "np.tanh({z})", "relu": "np.maximum({z}, 0.0)",
            "leaky_relu": "np.where({z} > 0, {z}, 0.01 * {z})", "softmax": "softmax({z})"}
SLOPE = {"identity": "{da}", "sigmoid": "{da} * ({a} * (1 - {a}))", "tanh": "{da} * (1 - {a} * {a})",
         "relu": "{da} * ({z} > 0)", "leaky_relu": "{da} * np.where({z} > 0, 1.0, 0.01)",
         "softmax": "{a} * ({da} - np.sum({da} * {a}, axis={axis}, keepdims=True))"}
SHARES = {"mse": "np.mean(({a} - {y}) ** 2, axis={axis})", "half_sse": "0.5 * np.sum(({a} - {y}) ** 2, axis={axis})",
          "cross_entropy": "-np.sum({y} * np.log(np.clip({a}, " + FLOOR + ", 1.0)), axis={axis})",
          "binary_cross_entropy": "-np.mean({y} * np.log(P) + (1 - {y}) * np.log(1 - P), axis={axis})"}
# {n}: the samples the gradient averages over, N for the pass (a training loop's batch is len(i))
GRAD = {"mse": "2 * ({a} - {y}) / {a}.size", "half_sse": "({a} - {y}) / {n}",
        "cross_entropy": "-{y} / (np.clip({a}, " + FLOOR + ", 1.0) * {n})",
        "binary_cross_entropy": "(P - {y}) / (P * (1 - P) * P.size)"}
FUSED = {"cross_entropy": "({a} * {y}.sum(axis={axis}, keepdims=True) - {y}) / {n}",
         "binary_cross_entropy": "({a} - {y}) / {a}.size"}


def _forward(network, walk, layer, c):
    l, params, seen = layer + 1, network.layers[layer], walk.forward.layers[layer]
    z, a, before = _name(c, "z", l), _name(c, "a", l), _name(c, "a", layer)
    inputs, weights, bias = oriented(c, seen.inputs), params.weights, oriented(c, params.biases)
    product = (f"{before} @ W{l}.T + b{l}  # {shape(inputs)} @ {shape(weights.T)}" if c == "rows" else
               f"W{l} @ {before} + b{l}  # {shape(weights)} @ {shape(inputs)}")
    note = "  # " + word("identity") if params.activation == "identity" else ""
    return ([f"{z} = {product} + {shape(bias)} -> {shape(oriented(c, seen.z))}",
             f"{a} = {ACTIVATE[params.activation].format(z=z)}{note}"],
            [(z, oriented(c, seen.z)), (a, oriented(c, seen.a))])


def _loss(network, walk, y, c):
    n, out = names(c), _name(c, "a", len(network.layers))
    lines = [f"P = np.clip({out}, {FLOOR}, 1 - {FLOOR})"] if network.loss == "binary_cross_entropy" else []
    shares = SHARES[network.loss].format(a=out, y=n["y"], axis=n["axis"])
    lines += [f"shares = {shares}  # " + word("share") + f", ({len(y)},)",
              "L = shares.mean()  # " + word("mean")]
    return lines, [("shares", per_sample(network.loss, walk.forward.output, y)),
                   ('f"L = {L:.6g}"', f"L = {walk.backward.loss:.6g}")]


def _backward(network, walk, layer, c):
    l, last, n = layer + 1, len(network.layers), names(c)
    seen, grad = walk.forward.layers[layer], walk.backward.layers[layer]
    z, a, da, delta = _name(c, "z", l), _name(c, "a", l), _name(c, "da", l), _name(c, "delta", l)
    fields = {"a": a, "y": n["y"], "z": z, "da": da, "axis": n["axis"], "n": "N"}
    if l == last:
        lines = [f"P = np.clip({a}, {FLOOR}, 1 - {FLOOR})"] if network.loss == "binary_cross_entropy" else []
        lines.append(f"{da} = {GRAD[network.loss].format(**fields)}  # ∂L/∂ŷ, {shape(oriented(c, grad.grad_a))}")
    else:
        upper, delta_above = network.layers[l].weights, oriented(c, walk.backward.layers[l].delta)
        product = (f"delta{l + 1} @ W{l + 1}  # {shape(delta_above)} @ {shape(upper)}" if c == "rows" else
                   f"W{l + 1}.T @ delta{l + 1}  # {shape(upper.T)} @ {shape(delta_above)}")
        lines = [f"{da} = {product} -> {shape(oriented(c, grad.grad_a))}: " + word("back")]
    if grad.fused:
        lines.append(f"{delta} = {FUSED[network.loss].format(**fields)}  # " + word(network.loss))
    else:
        activation = network.layers[layer].activation
        one = ", " + word("slope_one") if activation == "identity" else ""
        lines.append(f"{delta} = {SLOPE[activation].format(**fields)}  # δ = ∂L/∂a ⊙ f′(z){one}")
    before, inputs = _name(c, "a", layer), oriented(c, seen.inputs)
    weights_line = (f"dW{l} = {delta}.T @ {before}  # {shape(grad.delta.T)} @ {shape(inputs)}" if c == "rows" else
                    f"dW{l} = {delta} @ {before}.T  # {shape(grad.delta.T)} @ {shape(inputs.T)}")
    bias = oriented(c, grad.grad_biases)
    sums = "axis=0" if c == "rows" else "axis=1, keepdims=True"
    lines += [f"{weights_line} -> {shape(grad.grad_weights)} = W{l}.shape",
              f"db{l} = {delta}.sum({sums})  # {shape(bias)} = b{l}.shape"]
    return lines, [(da, oriented(c, grad.grad_a)), (delta, oriented(c, grad.delta)), (f"dW{l}", grad.grad_weights),
                   (f"db{l}", bias)]


def _update(network, walk, c):
    lines, shown = [], []
    for l, after in enumerate(walk.update.network_after.layers, 1):
        lines.append(f"W{l} = W{l} - eta * dW{l}  # {shape(after.weights)}")
        shown.append((f"W{l}", after.weights))
        if network.train_biases:
            lines.append(f"b{l} = b{l} - eta * db{l}  # {shape(oriented(c, after.biases))}")
            shown.append((f"b{l}", oriented(c, after.biases)))
    if not network.train_biases:
        lines.append("# " + word("frozen"))
    return lines, shown


def step_parts(network: Network, walk: "Walkthrough", y: np.ndarray, position: int, convention: str) -> tuple:
    """(lines, shown) of the step at `position`: its lines of numpy, and what it prints, [(name, array)], the loss as
    [(its print's f-string, the text)]."""
    last = len(network.layers)
    if position <= last:
        return _forward(network, walk, position - 1, convention)
    if position == last + 1:
        return _loss(network, walk, y, convention)
    if position <= 2 * last + 1:
        return _backward(network, walk, 2 * last + 1 - position, convention)
    return _update(network, walk, convention)


def step_code(network: Network, walk: "Walkthrough", y: np.ndarray, position: int, convention: str) -> Code:
    """The numpy of the walk-through's step at `position` (1-based, as the stepper counts), run after setup_code and
    the steps before it, and what it prints: each array with numpy's print options of HEADER, the loss as the
    stepper writes it."""
    lines, shown = step_parts(network, walk, y, position, convention)
    prints = [f"print({name})" for name, _value in shown]
    text = "".join(value + "\n" if isinstance(value, str) else printed(value, precision=PRECISION)
                   for _name, value in shown)
    return Code("\n".join(lines + prints) + "\n", text)


def step_programs(network: Network, walk: "Walkthrough", x: np.ndarray, y: np.ndarray, learning_rate: float,
                  position: int) -> dict:
    """The step at `position` in both conventions, and the setup each runs after, as the explorer's page shows them:
    {"rows": {"source", "printed"}, "columns": {...}, "setup": {"rows", "columns"}}."""
    programs = {c: step_code(network, walk, y, position, c)._asdict() for c in CONVENTIONS}
    return {**programs, "setup": {c: setup_code(network, x, y, learning_rate, c) for c in CONVENTIONS}}
