"""What tells a training run that works from one that fails: how large each layer's gradient is, and
how the pre-activations z and activations a spread over the data (saturated units, dead ReLUs)."""
from typing import NamedTuple

import numpy as np

from .activations import RECTIFIED
from .network import Network
from .trace import BackwardTrace, ForwardTrace

SATURATED_Z = 4.0  # |z| past this: sigmoid′ < 0.018 and tanh′ < 0.0014, so almost no gradient passes
SATURATING = ("sigmoid", "tanh")
BINS = 30


def gradient_norms(grads: BackwardTrace) -> tuple[float, ...]:
    """‖∂L/∂W⁽ˡ⁾‖ (the Frobenius norm: the root of the sum of squares) for every layer, input side first."""
    return tuple(float(np.linalg.norm(layer.grad_weights)) for layer in grads.layers)


class Histogram(NamedTuple):
    edges: np.ndarray   # (BINS + 1,) bin edges
    counts: np.ndarray  # (BINS,) how many (sample, unit) values fall in each


class LayerSpread(NamedTuple):
    z: Histogram                   # pre-activations over every sample and unit of the layer
    a: Histogram                   # activations, likewise
    saturated: float | None        # share of (sample, unit) pairs with |z| > SATURATED_Z; sigmoid and tanh only
    dead: int | None               # units with z ≤ 0 on every sample (never active); ReLU and leaky ReLU only
    units: int                     # units in the layer


def histogram(values: np.ndarray, bins: int = BINS) -> Histogram:
    """Counts over the finite values; a layer whose values are all equal gets one bin around them."""
    values = values[np.isfinite(values)]
    if values.size == 0:
        return Histogram(np.array([0.0, 1.0]), np.array([0]))
    low, high = float(values.min()), float(values.max())
    if low == high:
        low, high = low - 0.5, high + 0.5
    counts, edges = np.histogram(values, bins=bins, range=(low, high))
    return Histogram(edges, counts)


def spread(network: Network, trace: ForwardTrace) -> tuple[LayerSpread, ...]:
    """Per layer, how z and a are spread over the data that `trace` ran on."""
    result = []
    for layer, seen in zip(network.layers, trace.layers):
        saturated = float(np.mean(np.abs(seen.z) > SATURATED_Z)) if layer.activation in SATURATING else None
        dead = int(np.sum(np.all(seen.z <= 0, axis=0))) if layer.activation in RECTIFIED else None
        result.append(LayerSpread(histogram(seen.z), histogram(seen.a), saturated, dead, layer.n_out))
    return tuple(result)
