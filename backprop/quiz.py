"""Quiz questions from a walk-through: before a step is shown, ask for one number it computes.

Each question carries its expected value (read from the traces), its equation with the numbers filled in and a
blank for the answer (the hint), and the values that known mistakes give, so a wrong answer can be named.
Questions are asked of one sample, the one the equations show; a quantity summed over samples the learner has
not seen (the loss and ∂L/∂w of a batch) is asked only when the data is one sample.
"""
from typing import NamedTuple

import numpy as np

from .activations import ACTIVATIONS
from .i18n import N_
from .latex import matrix, number, row
from .network import Network, Place, make_network
from .steps import Walkthrough

KINDS = {"z": N_("forward z"), "a": N_("forward a"), "loss": N_("the loss L"), "grad_output": "∂L/∂ŷ", "delta": "δ",
         "grad_weight": "∂L/∂w", "new_weight": N_("the updated weight")}
RELATIVE, ABSOLUTE = 0.01, 0.005  # right within 1 %, or to 2 decimals for small numbers
BLANK = r"\;\boxed{?}"


class Question(NamedTuple):
    position: int      # the step (1-based, as the stepper counts) that computes the number
    kind: str          # a key of KINDS
    place: Place       # the neuron, edge or loss it asks about
    symbol: str        # LaTeX of the number asked, e.g. z^{(1)}_{2}
    expected: float
    hint: str          # LaTeX: the equation with its numbers and a blank where the answer goes
    answer: str        # the same equation with the value in place of the blank
    mistakes: tuple[tuple[str, float], ...]  # (what went wrong, untranslated: `_` it where shown; the value that gives)
    # every mistake, those the quiz's tolerance cannot tell from the answer too: a lesson judges within 1 % alone
    considered: tuple[tuple[str, float], ...] = ()


class Verdict(NamedTuple):
    right: bool
    mistake: str | None  # a known mistake the answer matches, if it is wrong


def close(answer: float, value: float) -> bool:
    return abs(answer - value) <= max(RELATIVE * abs(value), ABSOLUTE)


def check(question: Question, answer: float) -> Verdict:
    """Right within the tolerance; else the first known mistake the answer matches, if any."""
    if close(answer, question.expected):
        return Verdict(True, None)
    return Verdict(False, next((what for what, value in question.mistakes if close(answer, value)), None))


def _question(position, kind, place, symbol, expected, equation, mistakes=()) -> Question:
    """Mistakes that would pass as right are dropped: they could not be told apart from the answer."""
    expected = float(expected)
    considered = tuple((what, float(v)) for what, v in mistakes if np.isfinite(v))
    known = tuple((what, v) for what, v in considered if not close(v, expected))
    return Question(position, kind, place, symbol, expected, f"{symbol} = {equation} = {BLANK}",
                    f"{symbol} = {equation} = {number(expected)}", known, considered)


def bracketed(value) -> str:
    """A number as the equations write it, in brackets when negative so products read plainly."""
    text = number(value)
    return f"({text})" if float(value) < 0 else text


def _dot(left, right) -> str:
    """Σ left·right: each product written out for up to four terms, else a row times a column."""
    if len(left) <= 4:
        return " + ".join(rf"{bracketed(u)} \cdot {bracketed(v)}" for u, v in zip(left, right))
    return rf"{row(left)} {matrix(right)}"


def _terms(terms: list[str]) -> str:
    """A sum written out, its middle elided past four terms."""
    return " + ".join(terms if len(terms) <= 4 else terms[:2] + [r"\cdots"] + terms[-1:])


def _slope(activation: str, z: float, a: float) -> str:
    """f′(z) written from the numbers the forward pass showed: a(1 − a) for a sigmoid, 1 − a² for tanh."""
    if activation == "sigmoid":
        return rf"{number(a)}(1 - {number(a)})"
    if activation == "tanh":
        return rf"(1 - {bracketed(a)}^2)"
    if activation in ("relu", "leaky_relu"):
        return "1" if z > 0 else ("0" if activation == "relu" else "0.01")
    return "1"


def _forward(network, walk, layer, sample) -> list[Question]:
    position, l = layer + 1, layer + 1
    params, seen = network.layers[layer], walk.forward.layers[layer]
    inputs, z, a = seen.inputs[sample], seen.z[sample], seen.a[sample]
    questions = []
    for i in range(params.n_out):
        terms = _dot(params.weights[i], inputs)
        questions.append(_question(position, "z", Place.neuron(l, i), f"z^{{({l})}}_{{{i + 1}}}", z[i],
                                   f"{terms} + {bracketed(params.biases[i])}", [(N_("the bias b was left out"), z[i] - params.biases[i])]))
        if params.activation == "identity":
            continue  # a = z: nothing new to predict
        if params.activation == "softmax":
            equation = rf"\frac{{e^{{{bracketed(z[i])}}}}}{{" + _terms([f"e^{{{bracketed(v)}}}" for v in z]) + "}"
        else:
            equation = rf"f({number(z[i])}),\; f(z) = {ACTIVATIONS[params.activation].latex}"
        questions.append(_question(position, "a", Place.neuron(l, i), f"a^{{({l})}}_{{{i + 1}}}", a[i], equation,
                                   [(N_("f was not applied: that is z"), z[i])]))
    return questions


def _loss(network, walk, y, sample) -> list[Question]:
    if len(y) != 1:
        return []
    out, target, loss = walk.forward.output[sample], y[sample], walk.backward.loss
    k = len(out)
    pairs = [(number(o), number(t)) for o, t in zip(out, target)]
    if network.loss == "mse":
        equation = rf"\frac{{1}}{{{k}}}\big[" + _terms([f"({o} - {t})^2" for o, t in pairs]) + r"\big]"
        mistakes = [(N_("the mean over outputs (1/K) was left out"), loss * k)]
    elif network.loss == "half_sse":
        equation = r"\tfrac12\big[" + _terms([f"({t} - {o})^2" for o, t in pairs]) + r"\big]"
        mistakes = [(N_("the ½ was left out"), 2 * loss)]
    elif network.loss == "cross_entropy":
        equation = "-(" + _terms([rf"{t} \ln {o}" for o, t in pairs]) + ")"
        mistakes = []
    else:
        equation = (rf"-\frac{{1}}{{{k}}}\big[" + _terms([rf"{t} \ln {o} + (1 - {t}) \ln(1 - {o})" for o, t in pairs])
                    + r"\big]")
        mistakes = []
    return [_question(len(network.layers) + 1, "loss", Place("loss"), "L", loss, equation, mistakes)]


def _output_gradient(network, walk, y, sample, position) -> list[Question]:
    grads, seen = walk.backward.layers[-1], walk.forward.layers[-1]
    n, k = y.shape
    questions = []
    for i in range(k):
        o, t, value = seen.a[sample, i], y[sample, i], grads.grad_a[sample, i]
        if network.loss == "mse":
            equation = rf"\frac{{2}}{{{n} \cdot {k}}}({number(o)} - {bracketed(t)})"
            mistakes = [(N_("the factor 2 from the square was left out"), value / 2),
                        (N_("the 1/(N K) of the mean was left out"), value * n * k)]
        elif network.loss == "half_sse":
            equation, mistakes = rf"\frac{{1}}{{{n}}}({number(o)} - {bracketed(t)})", [(N_("the 1/N of the mean was left out"), value * n)]
        elif network.loss == "cross_entropy":
            equation, mistakes = rf"-\frac{{1}}{{{n}}} \cdot \frac{{{number(t)}}}{{{number(o)}}}", [(N_("the 1/N of the mean was left out"), value * n)]
        else:
            equation = rf"\frac{{1}}{{{n} \cdot {k}}} \cdot \frac{{{number(o)} - {bracketed(t)}}}{{{number(o)}(1 - {number(o)})}}"
            mistakes = [(N_("the 1/(N K) of the mean was left out"), value * n * k)]
        mistakes.append((N_("the sign is reversed: it is ŷ − y, not y − ŷ"), -value))
        questions.append(_question(position, "grad_output", Place.neuron(len(network.layers), i),
                                   rf"\frac{{\partial L}}{{\partial \hat{{y}}_{{{i + 1}}}}}", value, equation, mistakes))
    return questions


def _deltas(network, walk, y, layer, sample, position) -> list[Question]:
    L, l = len(network.layers), layer + 1
    grads, seen, activation = walk.backward.layers[layer], walk.forward.layers[layer], network.layers[layer].activation
    slopes = None if grads.fused else ACTIVATIONS[activation].derivative(seen.z[sample], seen.a[sample])
    questions = []
    for i in range(network.layers[layer].n_out):
        value, upstream = grads.delta[sample, i], grads.grad_a[sample, i]
        symbol = rf"\delta^{{({l})}}_{{{i + 1}}}"
        if grads.fused:  # (p − y)/N for cross-entropy (each row of y sums to 1), (p − y)/(N K) for binary
            n = y.size if network.loss == "binary_cross_entropy" else len(y)
            equation = rf"\frac{{1}}{{{n}}}({number(seen.a[sample, i])} - {bracketed(y[sample, i])})"
            questions.append(_question(position, "delta", Place.neuron(l, i), symbol, value, equation,
                                       [(N_("the 1/N of the mean was left out"), value * n)]))
            continue
        slope = slopes[i]
        slope_text = _slope(activation, seen.z[sample, i], seen.a[sample, i])
        mistakes = [(N_("f′(z) was left out: that is ∂L/∂a"), upstream)] if activation != "identity" else []
        if layer == L - 1:
            equation = rf"{bracketed(upstream)} \cdot {slope_text}"
        else:
            above, delta_above = network.layers[layer + 1].weights, walk.backward.layers[layer + 1].delta[sample]
            terms = _dot(above[:, i], delta_above)
            equation = rf"({terms}) \cdot {slope_text}"
            if above.shape[0] == above.shape[1]:  # W δ is defined only for a square W
                mistakes.append((N_("W was used instead of Wᵀ when δ went back a layer"), (above @ delta_above)[i] * slope))
        questions.append(_question(position, "delta", Place.neuron(l, i), symbol, value, equation, mistakes))
    return questions


def _weight_gradients(network, walk, layer, sample, position) -> list[Question]:
    grads, inputs = walk.backward.layers[layer], walk.forward.layers[layer].inputs
    if len(inputs) != 1:
        return []
    l, (n_out, n_in) = layer + 1, network.layers[layer].weights.shape
    return [_question(position, "grad_weight", Place.edge(layer, i, j),
                      rf"\frac{{\partial L}}{{\partial w^{{({l})}}_{{{i + 1}{j + 1}}}}}", grads.grad_weights[i, j],
                      rf"\delta^{{({l})}}_{{{i + 1}}} \cdot a_{{{j + 1}}} = {bracketed(grads.delta[sample, i])} \cdot "
                      rf"{bracketed(inputs[sample, j])}")
            for i in range(n_out) for j in range(n_in)]


def _updates(network, walk, position) -> list[Question]:
    eta, questions = walk.update.learning_rate, []
    for layer, (params, grads, after) in enumerate(zip(network.layers, walk.backward.layers,
                                                       walk.update.network_after.layers)):
        for i, j in np.ndindex(params.weights.shape):
            w, g = params.weights[i, j], grads.grad_weights[i, j]
            questions.append(_question(position, "new_weight", Place.edge(layer, i, j),
                                       rf"w^{{({layer + 1})}}_{{{i + 1}{j + 1}}}", after.weights[i, j],
                                       rf"{bracketed(w)} - {number(eta)} \cdot {bracketed(g)}",
                                       [(N_("the step went with the gradient, not against it"), w + eta * g)]))
    return questions


def candidates(network: Network, walk: Walkthrough, y: np.ndarray, sample: int = 0) -> list[Question]:
    """Every number the quiz can ask for, step by step."""
    L = len(network.layers)
    found = [q for layer in range(L) for q in _forward(network, walk, layer, sample)] + _loss(network, walk, y, sample)
    for layer in reversed(range(L)):
        position = 2 * L + 1 - layer
        if layer == L - 1:
            found += _output_gradient(network, walk, y, sample, position)
        found += _deltas(network, walk, y, layer, sample, position)
        found += _weight_gradients(network, walk, layer, sample, position)
    return found + _updates(network, walk, 2 * L + 2)


def questions(network: Network, walk: Walkthrough, y: np.ndarray, kinds, sample: int = 0,
              seed: int = 0) -> dict[int, Question]:
    """One question per step that computes a number of the chosen kinds, picked by (seed, position)."""
    by_step: dict[int, list[Question]] = {}
    for question in candidates(network, walk, y, sample):
        if question.kind in kinds:
            by_step.setdefault(question.position, []).append(question)
    return {p: found[np.random.default_rng([seed, p]).integers(len(found))] for p, found in sorted(by_step.items())}


def drawn_problem(sizes: list[int], activations: list[str], loss: str, train_biases: bool,
                  seed: int) -> tuple[Network, np.ndarray, np.ndarray]:
    """A network and one sample drawn from `seed`, in numbers a learner can work with by hand: weights,
    biases and inputs to one decimal, targets as the loss expects them (one-hot, 0/1, or to one decimal)."""
    rng = np.random.default_rng(seed)
    layers = [(np.round(rng.uniform(-1, 1, (n_out, n_in)), 1), np.round(rng.uniform(-1, 1, n_out), 1), act)
              for n_in, n_out, act in zip(sizes[:-1], sizes[1:], activations)]
    x = np.round(rng.uniform(-2, 2, (1, sizes[0])), 1)
    if loss == "cross_entropy":
        y = np.eye(sizes[-1])[[rng.integers(sizes[-1])]]
    elif loss == "binary_cross_entropy":
        y = rng.integers(0, 2, (1, sizes[-1])).astype(float)
    else:
        y = np.round(rng.uniform(-1, 1, (1, sizes[-1])), 1)
    return make_network(layers, loss, train_biases), x, y
