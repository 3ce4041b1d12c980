"""Gradient checking by centred finite differences: (f(θ + h) − f(θ − h)) / 2h."""
from dataclasses import dataclass
from typing import Callable

import numpy as np

from .losses import clipped
from .network import Network, network_from_arrays
from .trace import backward, forward, loss_of

STEP = 1e-5
TOLERANCE = 1e-7  # on the norm relative error; see relative_error


def relative_error(analytic, numeric) -> float:
    """‖a − b‖ / (‖a‖ + ‖b‖), 0 when both are zero. Element-wise forms are noisier near zero."""
    analytic, numeric = np.asarray(analytic, float), np.asarray(numeric, float)
    scale = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return 0.0 if scale == 0 else float(np.linalg.norm(analytic - numeric) / scale)


def numerical_gradient(f: Callable[[np.ndarray], float], x: np.ndarray, h: float = STEP) -> np.ndarray:
    """∂f/∂x by centred differences, one entry at a time, on a copy of x (x is not touched)."""
    x = np.array(x, dtype=float)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        saved = x[index]
        x[index] = saved + h
        plus = f(x)
        x[index] = saved - h
        minus = f(x)
        x[index] = saved
        grad[index] = (plus - minus) / (2 * h)
    return grad


def numerical_gradient_upstream(forward_fn: Callable[[np.ndarray], np.ndarray], x: np.ndarray,
                                upstream: np.ndarray, h: float = STEP) -> np.ndarray:
    """∂(Σ upstream ⊙ forward_fn(x))/∂x: checks an op's backward with no loss in sight."""
    return numerical_gradient(lambda v: float(np.sum(forward_fn(v) * upstream)), x, h)


@dataclass(frozen=True)
class ParameterCheck:
    layer: int            # 0-based
    kind: str             # "weight" or "bias"
    index: tuple[int, ...]  # (neuron, input) for a weight, (neuron,) for a bias
    analytic: float
    numeric: float


@dataclass(frozen=True)
class GradientCheck:
    parameters: tuple[ParameterCheck, ...]
    relative_error: float  # over all parameters at once
    loss: float            # at the unperturbed parameters
    step: float = STEP     # h
    clipped: bool = False  # the loss went through the log's clip: flat there, so the differences see 0

    @property
    def passed(self) -> bool:
        return self.relative_error < TOLERANCE

    @property
    def rounding_noise(self) -> float:
        """About how wrong one difference quotient is from rounding alone: |L| ε / h."""
        return abs(self.loss) * np.finfo(float).eps / self.step if np.isfinite(self.loss) else np.inf

    @property
    def measurable(self) -> bool:
        """Whether the differences can decide at all: with a loss this large, rounding swamps them."""
        analytic = np.linalg.norm([p.analytic for p in self.parameters])
        return bool(self.rounding_noise * np.sqrt(len(self.parameters)) <= TOLERANCE * analytic)


def _replaced(network: Network, layer: int, kind: str, values: np.ndarray) -> Network:
    triples = [(l.weights, l.biases, l.activation) for l in network.layers]
    w, b, act = triples[layer]
    values = values.copy()  # the caller keeps perturbing its own array
    triples[layer] = (values, b, act) if kind == "weight" else (w, values, act)
    return network_from_arrays(triples, network.loss, network.train_biases)


def gradient_check(network: Network, x: np.ndarray, y: np.ndarray, h: float = STEP) -> GradientCheck:
    """Analytic ∂L/∂θ from backward against centred differences, for every weight and bias."""
    trace = forward(network, x)
    grads = backward(network, trace, y)
    checks, analytic_all, numeric_all = [], [], []
    for i, (layer, grad) in enumerate(zip(network.layers, grads.layers)):
        for kind, values, analytic in (("weight", layer.weights, grad.grad_weights),
                                       ("bias", layer.biases, grad.grad_biases)):
            numeric = numerical_gradient(
                lambda v: loss_of(_replaced(network, i, kind, v), x, y), values, h)
            checks += [ParameterCheck(i, kind, idx, float(analytic[idx]), float(numeric[idx]))
                       for idx in np.ndindex(values.shape)]
            analytic_all.append(analytic.ravel())
            numeric_all.append(numeric.ravel())
    error = relative_error(np.concatenate(analytic_all), np.concatenate(numeric_all))
    return GradientCheck(tuple(checks), error, grads.loss, h, clipped(network.loss, trace.output, y))
