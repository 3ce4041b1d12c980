"""The walk-through a learner steps along: forward layer by layer, the loss, backward layer by
layer, the update. Every step carries its equations with the live numbers of one sample.

Equations are written per sample with column vectors, z = W a + b, which is the code's
Z = X Wᵀ + b read one row at a time. Gradients of the weights are sums over the batch.
"""
from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS
from .i18n import N_, _
from .latex import chain, matrix, number, row
from .losses import CLIPPED, LOSSES, TARGET_SUM_TOLERANCE, clipped, per_sample
from .network import Network
from .stepcode import code_words
from .trace import BackwardTrace, ForwardTrace, Update, backward, forward, loss_of, sgd_step

PHASES = ("forward", "loss", "backward", "update")
PHASE_TITLES = {"forward": N_("Forward {k} of {n}"), "loss": N_("Loss {k} of {n}"), "backward": N_("Backward {k} of {n}"),
                "update": N_("Update {k} of {n}")}


@dataclass(frozen=True)
class Step:
    phase: str                      # one of PHASES
    number: int                     # 1-based position within its phase
    of: int                         # steps in that phase
    title: str
    equations: tuple[str, ...]      # LaTeX, numbers filled in
    values: dict[str, np.ndarray]   # what the step produced, by name, for a table
    layer: int | None               # 0-based layer the step is about
    neurons: tuple[tuple[int, int], ...]    # (column, neuron); column 0 is the input
    edges: tuple[tuple[int, int, int], ...]  # (layer, neuron, input) of the weights involved
    summary: str = ""               # what the step does, in one plain sentence

    @property
    def position(self) -> str:
        """e.g. 'Backward 2 of 3: δ of hidden layer 2'."""
        return _("{where}: {title}").format(where=_(PHASE_TITLES[self.phase]).format(k=self.number, n=self.of),
                                            title=self.title)


@dataclass(frozen=True)
class Walkthrough:
    forward: ForwardTrace
    backward: BackwardTrace
    update: Update
    loss_after: float
    steps: tuple[Step, ...]


def symbol(column: int, n_layers: int) -> str:
    """LaTeX name of a layer's activation vector: x for the input, ŷ for the output."""
    return "x" if column == 0 else (r"\hat{y}" if column == n_layers else f"a^{{({column})}}")


def transposed(column: int, sample: str = "") -> str:
    """The activation vector feeding layer `column + 1`, transposed, with an optional sample index:
    one superscript group (a^{(2)\top}), since KaTeX rejects a^{(2)}^\top as a double superscript."""
    index = f"_{{{sample}}}" if sample else ""
    return rf"x{index}^\top" if column == 0 else rf"a^{{({column})\top}}{index}"


def _all_edges(network: Network, layer: int) -> tuple[tuple[int, int, int], ...]:
    n_out, n_in = network.layers[layer].weights.shape
    return tuple((layer, i, j) for i in range(n_out) for j in range(n_in))


def _column(network: Network, column: int) -> tuple[tuple[int, int], ...]:
    return tuple((column, i) for i in range(network.sizes[column]))


def forward_step(network, fwd, layer, sample, digits) -> Step:
    L, l = len(network.layers), layer + 1
    params, seen = network.layers[layer], fwd.layers[layer]
    activation = ACTIVATIONS[params.activation]
    z_line = chain(f"z^{{({l})}}", rf"W^{{({l})}} {symbol(layer, L)} + b^{{({l})}}",
                   rf"{matrix(params.weights, digits)} {matrix(seen.inputs[sample], digits)} + "
                   rf"{matrix(params.biases, digits)}", matrix(seen.z[sample], digits))
    a_line = (rf"{symbol(l, L)} = f(z^{{({l})}}),\; f(z) = {activation.latex}"
              rf"\;\Rightarrow\; {symbol(l, L)} = {matrix(seen.a[sample], digits)}")
    then = (_("passes z on unchanged (identity)") if params.activation == "identity"
            else _("applies {activation} to z to get its output a").format(activation=params.activation))
    summary = _("Each neuron of the {layer} adds up its inputs times their weights, plus its bias, giving z; it then "
                "{then}.").format(layer=network.layer_name(layer), then=then)
    return Step("forward", l, L, network.layer_name(layer), (z_line, a_line),
                {"z": seen.z[sample], "a": seen.a[sample]}, layer,
                _column(network, layer) + _column(network, l), _all_edges(network, layer), summary)


def loss_step(network, fwd, grads, y, sample, digits) -> Step:
    loss, out, n = LOSSES[network.loss], fwd.output, len(y)
    shares = per_sample(network.loss, out, y)
    lines = [loss.latex, _sample_loss_line(network.loss, out[sample], y[sample], shares[sample], sample, digits)]
    if n == 1:
        lines.append(chain("L", r"\ell_{1}", number(grads.loss, digits + 2)))
    else:
        listed = " + ".join(number(v, digits) for v in shares) if n <= 6 else r"\ell_{1} + \dots + \ell_{" + str(n) + "}"
        lines.append(chain("L", rf"\frac{{1}}{{{n}}}\sum_{{n=1}}^{{{n}}} \ell_n", rf"\frac{{1}}{{{n}}}\big({listed}\big)",
                           number(grads.loss, digits + 2)))
    summary = _("The {loss} compares the output ŷ with the target y: one number, L, for how far off the network is. "
                "Backpropagation finds how each weight moves it.").format(loss=_(loss.title).lower())
    if clipped(network.loss, out, y):
        summary += " " + _(CLIPPED)
    return Step("loss", 1, 1, _(loss.title), tuple(lines),
                {_("output"): out[sample], _("target"): y[sample]}, len(network.layers) - 1,
                _column(network, len(network.layers)), (), summary)


def _bracketed(value: float, digits: int) -> str:
    """A number, in brackets when negative, to follow a minus sign or a log."""
    text = number(value, digits)
    return f"({text})" if text.startswith("-") else text


def _sample_loss_line(name: str, a: np.ndarray, y: np.ndarray, share: float, sample: int, digits: int) -> str:
    """ℓₙ, the shown sample's share of the loss, with its numbers (its terms for up to 4 outputs)."""
    k, ell = len(a), rf"\ell_{{{sample + 1}}}"
    if k > 4:
        return rf"{ell} = {number(share, digits + 2)}"
    p = [_bracketed(v, digits) for v in a]
    t = [_bracketed(v, digits) for v in y]
    if name in ("mse", "half_sse"):
        scale = (rf"\frac{{1}}{{{k}}}" if k > 1 else "") if name == "mse" else r"\tfrac12"
        body = scale + r"\big[" + " + ".join(rf"({pi} - {ti})^2" for pi, ti in zip(p, t)) + r"\big]"
    elif name == "cross_entropy":
        body = r"-\big[" + " + ".join(rf"{ti} \log {pi}" for pi, ti in zip(p, t)) + r"\big]"
    else:
        scale = rf"\frac{{1}}{{{k}}}" if k > 1 else ""
        body = rf"-{scale}\big[" + " + ".join(rf"{ti} \log {pi} + (1 - {ti}) \log(1 - {pi})"
                                             for pi, ti in zip(p, t)) + r"\big]"
    return chain(ell, body, number(share, digits + 2))


def _gradient_lines(l, seen, grad, n_samples, sample, digits):
    if n_samples == 1:
        w_line = chain(rf"\frac{{\partial L}}{{\partial W^{{({l})}}}}", rf"\delta^{{({l})}} {transposed(l - 1)}",
                       rf"{matrix(grad.delta[0], digits)} {row(seen.inputs[0], digits)}",
                       matrix(grad.grad_weights, digits))
        b_line = rf"\frac{{\partial L}}{{\partial b^{{({l})}}}} = \delta^{{({l})}} = {matrix(grad.grad_biases, digits)}"
    else:
        w_line = (rf"\frac{{\partial L}}{{\partial W^{{({l})}}}} = \sum_{{n=1}}^{{{n_samples}}} "
                  rf"\delta^{{({l})}}_n {transposed(l - 1, 'n')} = {matrix(grad.grad_weights, digits)}")
        b_line = (rf"\frac{{\partial L}}{{\partial b^{{({l})}}}} = \sum_n \delta^{{({l})}}_n = "
                  rf"{matrix(grad.grad_biases, digits)}")
    return w_line, b_line


def _loss_derivative(loss, da, out, target, shape, grad_a, digits) -> str:
    """∂L/∂ŷ: the loss's formula, its numbers where they read plainly (squared errors), then the result."""
    parts = [da, LOSSES[loss].grad_latex]
    n, k = shape
    if loss in ("mse", "half_sse"):
        scale = rf"\frac{{2}}{{{n} \cdot {k}}}" if loss == "mse" else rf"\frac{{1}}{{{n}}}"
        parts.append(rf"{scale}\left({matrix(out, digits)} - {matrix(target, digits)}\right)")
    return chain(*parts, matrix(grad_a, digits))


def _backward_summary(network: Network, layer: int, fused: bool) -> str:
    blame = _("Each weight's gradient is then the δ of the neuron it feeds times the input it carries (δ aᵀ).")
    if layer < len(network.layers) - 1:
        return _("The deltas of the layer above flow back through the same weights (Wᵀδ) and are scaled by the slope "
                 "f′(z): that is δ for {layer}, each neuron's share of the error.").format(
            layer=network.layer_name(layer)) + " " + blame
    if fused and network.loss == "cross_entropy":
        return _("Backward starts at the loss. With softmax and cross-entropy, ∂L/∂ŷ and the softmax's Jacobian cancel "
                 "to δ = (p − y)/N, the output's error, because each sample's targets add up to 1.") + " " + blame
    if fused:
        return _("Backward starts at the loss. With a sigmoid and binary cross-entropy, ∂L/∂ŷ and f′(z) = p(1 − p) "
                 "cancel to δ = (p − y)/(N K), the output's error.") + " " + blame
    return _("Backward starts at the loss: ∂L/∂ŷ says how L changes as each output moves; times the slope f′(z) it "
             "gives δ = ∂L/∂z, the output's error.") + " " + blame


def _fused_delta_line(loss, l, p, t, y, delta, digits) -> str:
    """δ of a fused output, in the form used: (p − y)/N for cross-entropy (each row of y sums to 1; in general
    (p Σⱼyⱼ − y)/N), and (p − y)/(N K) for binary cross-entropy."""
    n, k = y.shape
    scale = rf"\frac{{1}}{{{n}}}" if loss == "cross_entropy" or k == 1 else rf"\frac{{1}}{{{n} \cdot {k}}}"
    formula = r"\frac{1}{N}(p - y)" if loss == "cross_entropy" else r"\frac{1}{N K}(p - y)"
    numbers = rf"{scale}\left({matrix(p, digits)} - {matrix(t, digits)}\right)"
    if loss == "cross_entropy" and np.any(np.abs(np.sum(y, axis=1) - 1.0) > TARGET_SUM_TOLERANCE):
        formula = r"\frac{1}{N}\big(p \textstyle\sum_j y_j - y\big)"
        numbers = rf"{scale}\left({matrix(p, digits)} \cdot {number(np.sum(t), digits)} - {matrix(t, digits)}\right)"
    return chain(rf"\delta^{{({l})}}", formula, numbers, matrix(delta, digits))


def backward_step(network, fwd, grads, y, layer, sample, digits) -> Step:
    L, l = len(network.layers), layer + 1
    seen, grad = fwd.layers[layer], grads.layers[layer]
    activation = ACTIVATIONS[network.layers[layer].activation]
    da = rf"\frac{{\partial L}}{{\partial {symbol(l, L)}}}"
    if layer == L - 1:
        first = _loss_derivative(network.loss, da, seen.a[sample], y[sample], y.shape, grad.grad_a[sample], digits)
        neurons, edges = _column(network, l), _all_edges(network, layer)
    else:
        first = chain(da, rf"W^{{({l + 1})\top}} \delta^{{({l + 1})}}",
                      rf"{matrix(network.layers[layer + 1].weights.T, digits)} "
                      rf"{matrix(grads.layers[layer + 1].delta[sample], digits)}", matrix(grad.grad_a[sample], digits))
        neurons = _column(network, l) + _column(network, l + 1)
        edges = _all_edges(network, layer + 1) + _all_edges(network, layer)
    if grad.fused:
        delta = _fused_delta_line(network.loss, l, seen.a[sample], y[sample], y, grad.delta[sample], digits)
    else:
        slope = activation.derivative(seen.z[sample], seen.a[sample])
        delta = chain(rf"\delta^{{({l})}}", rf"{da} \odot f'(z^{{({l})}}),\quad f' = {activation.derivative_latex}",
                      rf"{matrix(grad.grad_a[sample], digits)} \odot {matrix(slope, digits)}",
                      matrix(grad.delta[sample], digits))
    lines = (first, delta) + _gradient_lines(l, seen, grad, len(y), sample, digits)
    values = {"∂L/∂a": grad.grad_a[sample], "δ": grad.delta[sample], "∂L/∂b": grad.grad_biases}
    title = _("δ of the output layer") if layer == L - 1 else _("δ of {layer}").format(layer=network.layer_name(layer))
    return Step("backward", L - layer, L, title, lines, values,
                layer, neurons, edges, _backward_summary(network, layer, grad.fused))


def update_step(network, grads, update, loss_after, digits) -> Step:
    lines, eta = [], number(update.learning_rate, digits)
    for i, (layer, grad, after) in enumerate(zip(network.layers, grads.layers, update.network_after.layers)):
        lines.append(chain(rf"W^{{({i + 1})}} \leftarrow W^{{({i + 1})}} - {eta}\,\frac{{\partial L}}{{\partial W^{{({i + 1})}}}}",
                           rf"{matrix(layer.weights, digits)} - {eta} {matrix(grad.grad_weights, digits)}",
                           matrix(after.weights, digits)))
        if network.train_biases:
            lines.append(chain(rf"b^{{({i + 1})}} \leftarrow {matrix(layer.biases, digits)} - {eta} "
                               rf"{matrix(grad.grad_biases, digits)}", matrix(after.biases, digits)))
    if not network.train_biases:
        lines.append(r"\text{" + _("biases are frozen: they keep their values") + "}")
    lines.append(rf"L: {number(grads.loss, digits + 2)} \;\rightarrow\; {number(loss_after, digits + 2)}")
    every = tuple(e for i in range(len(network.layers)) for e in _all_edges(network, i))
    neurons = tuple(n for c in range(1, len(network.sizes)) for n in _column(network, c))
    summary = (_("Every weight and bias takes a step of η = {rate} against its gradient, downhill on L; the next "
                 "pass uses the new values.") if network.train_biases else
               _("Every weight (the biases stay fixed) takes a step of η = {rate} against its gradient, downhill on L; "
                 "the next pass uses the new values.")).format(rate=f"{update.learning_rate:g}")
    return Step("update", 1, 1, "w ← w − η ∂L/∂w", tuple(lines),
                {_("loss before"): np.array(grads.loss), _("loss after"): np.array(loss_after)},
                None, neurons, every, summary)


def step_words(network: Network, walk: Walkthrough) -> dict:
    """The walk-through's words without its numbers, for the browser's mirror (static/engine/steps.js) to fill in,
    and the words of each step's numpy (static/engine/code.js).
    A step's title, summary and place depend on the network's shape, never on its numbers, except the clipped
    loss's sentence, which the mirror adds where its own numbers are clipped."""
    clipped_text = " " + _(CLIPPED)
    steps = [{"phase": s.phase, "number": s.number, "of": s.of, "title": s.title, "position": s.position,
              "summary": s.summary.removesuffix(clipped_text) if s.phase == "loss" else s.summary,
              "layer": s.layer, "neurons": s.neurons, "edges": s.edges} for s in walk.steps]
    loss = LOSSES[network.loss]
    return {"steps": steps, "clipped": clipped_text, "loss": [loss.latex, loss.grad_latex],
            "activations": {layer.activation: [ACTIVATIONS[layer.activation].latex,
                                               ACTIVATIONS[layer.activation].derivative_latex] for layer in network.layers},
            "frozen": _("biases are frozen: they keep their values"),
            "values": {"output": _("output"), "target": _("target"), "loss_before": _("loss before"),
                       "loss_after": _("loss after")},
            "code": code_words()}


def walkthrough(network: Network, x: np.ndarray, y: np.ndarray, learning_rate: float,
                sample: int = 0, digits: int = 4) -> Walkthrough:
    """Every step of one SGD iteration on (x, y), equations shown for row `sample` of x."""
    if not 0 <= sample < len(x):
        raise ValueError(_("sample {k} does not exist: the data has {n} sample(s)").format(k=sample + 1, n=len(x)))
    with np.errstate(all="ignore"):
        fwd = forward(network, x)
        grads = backward(network, fwd, y)
        update = sgd_step(network, grads, learning_rate)
        loss_after = loss_of(update.network_after, x, y)
    L = len(network.layers)
    steps = [forward_step(network, fwd, i, sample, digits) for i in range(L)]
    steps.append(loss_step(network, fwd, grads, y, sample, digits))
    steps += [backward_step(network, fwd, grads, y, i, sample, digits) for i in reversed(range(L))]
    steps.append(update_step(network, grads, update, loss_after, digits))
    return Walkthrough(fwd, grads, update, loss_after, tuple(steps))
