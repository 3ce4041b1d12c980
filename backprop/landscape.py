"""The loss as a function of one or two parameters with every other one held fixed: the curve whose
slope is the gradient the backward pass reports, and the contour map a step of SGD moves across.

Each curve is one batched forward pass, not a loop of passes: the trial values are P copies of the data's
pass stacked on a leading axis. A layer computes Z = X Wᵀ + b once, and where a copy's parameter differs by
Δ, only the column it feeds moves, by Δ times the input it multiplies (Δ alone for a bias).
"""
from typing import NamedTuple

import numpy as np

from .activations import ACTIVATIONS
from .losses import LOSSES
from .network import Network
from .trace import BackwardTrace

CURVE_POINTS = 201   # odd, so the current value is the middle point exactly
SURFACE_POINTS = 41  # per axis
WIDENINGS = 3        # a curve's range doubles at most this often to bring its lowest point inside
COARSE_POINTS = 41   # the sweep that finds how far to widen
ROWS_PER_CHUNK = 60_000  # copies × samples per batched pass: bounds the memory at the explorer's cap


class Parameter(NamedTuple):
    layer: int           # 0-based layer
    neuron: int          # i: the neuron it feeds (row i of W, entry i of b)
    source: int | None   # j: the input it multiplies (column j of W); None for the bias

    @property
    def is_bias(self) -> bool:
        return self.source is None


def value_of(network: Network, parameter: Parameter) -> float:
    layer = network.layers[parameter.layer]
    if parameter.is_bias:
        return float(layer.biases[parameter.neuron])
    return float(layer.weights[parameter.neuron, parameter.source])


def gradient_of(grads: BackwardTrace, parameter: Parameter) -> float:
    """∂L/∂θ for one parameter, read from a backward trace."""
    layer = grads.layers[parameter.layer]
    if parameter.is_bias:
        return float(layer.grad_biases[parameter.neuron])
    return float(layer.grad_weights[parameter.neuron, parameter.source])


def losses_at(network: Network, x: np.ndarray, y: np.ndarray, parameters: list[Parameter],
              values: np.ndarray) -> np.ndarray:
    """L with `parameters` set to each row of values (P, len(parameters)), all else as in network: (P,)."""
    values = np.atleast_2d(np.asarray(values, float))
    chunk = max(1, ROWS_PER_CHUNK // len(x))
    with np.errstate(all="ignore"):
        return np.concatenate([_losses(network, x, y, parameters, values[start:start + chunk])
                               for start in range(0, len(values), chunk)])


def _losses(network, x, y, parameters, values) -> np.ndarray:
    a = x  # (n_samples, n_in) while every copy agrees; (P, n_samples, n) from the first layer a parameter is in
    for index, layer in enumerate(network.layers):
        z = (a.reshape(-1, layer.n_in) @ layer.weights.T).reshape(a.shape[:-1] + (layer.n_out,)) + layer.biases
        touched = [(k, p) for k, p in enumerate(parameters) if p.layer == index]
        if touched:  # z moves by (θ − θ_now) times what the parameter multiplies: 1 for a bias, its input for a weight
            z = np.repeat(z[None], len(values), axis=0) if z.ndim == 2 else z
            for k, p in touched:
                shift = values[:, k] - value_of(network, p)
                z[..., p.neuron] += shift[:, None] * (1.0 if p.is_bias else a[..., p.source])
        a = ACTIVATIONS[layer.activation].forward(z)
    loss = LOSSES[network.loss].value
    return np.array([loss(output, y) for output in np.broadcast_to(a, (len(values),) + a.shape[-2:])])


def span(value: float, gradient: float, learning_rate: float) -> float:
    """Half the width of the range shown around a value: at least 1 and |value|, and wide enough that
    one SGD step (η·|∂L/∂θ|) lands inside, with room to see past it."""
    return max(1.0, abs(value), 1.25 * learning_rate * abs(gradient))


class LossCurve(NamedTuple):
    parameter: Parameter
    values: np.ndarray    # (CURVE_POINTS,) the parameter's trial values; the middle one is the current value
    losses: np.ndarray    # (CURVE_POINTS,) L at each, every other parameter fixed
    value: float          # the current value θ
    loss: float           # L(θ), the loss the walk-through shows
    gradient: float       # ∂L/∂θ from the backward pass: the tangent's slope
    step_value: float     # θ − η ∂L/∂θ, where one SGD step takes this parameter
    step_loss: float      # L there, this parameter moved alone


def loss_along(network: Network, x: np.ndarray, y: np.ndarray, grads: BackwardTrace, parameter: Parameter,
               learning_rate: float, points: int = CURVE_POINTS) -> LossCurve:
    """L(θ) around the current θ for one parameter; x (n_samples, n_in), y (n_samples, n_out)."""
    value, gradient = value_of(network, parameter), gradient_of(grads, parameter)
    step_value = value - learning_rate * gradient
    values = value + np.linspace(-1.0, 1.0, points) * valley_span(network, x, y, parameter, value,
                                                                    span(value, gradient, learning_rate))
    values[points // 2] = value
    losses = losses_at(network, x, y, [parameter], np.append(values, step_value)[:, None])
    return LossCurve(parameter, values, losses[:-1], value, float(losses[points // 2]), gradient,
                     step_value, float(losses[-1]))


def valley_span(network, x, y, parameter: Parameter, value: float, half: float) -> float:
    """The narrowest of half, 2·half, 4·half, … (WIDENINGS doublings) that holds the lowest loss a coarse
    sweep of the widest finds, so the valley shows; the widest if the loss only falls towards its edge."""
    widest = half * 2 ** WIDENINGS
    offsets = np.linspace(-1.0, 1.0, COARSE_POINTS) * widest
    losses = losses_at(network, x, y, [parameter], (value + offsets)[:, None])
    if not np.isfinite(losses).any():
        return half
    lowest = abs(offsets[np.nanargmin(np.where(np.isfinite(losses), losses, np.nan))])
    return next((half * 2 ** k for k in range(WIDENINGS + 1) if lowest < 0.9 * half * 2 ** k), widest)


class LossSurface(NamedTuple):
    parameters: tuple[Parameter, Parameter]
    first: np.ndarray      # (SURFACE_POINTS,) trial values of the first parameter (the x axis)
    second: np.ndarray     # (SURFACE_POINTS,) of the second (the y axis)
    losses: np.ndarray     # (SURFACE_POINTS, SURFACE_POINTS): losses[r, c] at second[r], first[c]
    value: tuple[float, float]     # the current point
    gradient: tuple[float, float]  # (∂L/∂θ₁, ∂L/∂θ₂)
    step: tuple[float, float]      # where one SGD step of η takes the two


def loss_surface(network: Network, x: np.ndarray, y: np.ndarray, grads: BackwardTrace,
                 parameters: tuple[Parameter, Parameter], learning_rate: float,
                 points: int = SURFACE_POINTS) -> LossSurface:
    """L over a grid of two parameters around their current values, every other one fixed."""
    value = tuple(value_of(network, p) for p in parameters)
    gradient = tuple(gradient_of(grads, p) for p in parameters)
    axes = [v + np.linspace(-1.0, 1.0, points) * span(v, g, learning_rate) for v, g in zip(value, gradient)]
    first, second = np.meshgrid(*axes)
    losses = losses_at(network, x, y, list(parameters), np.column_stack([first.ravel(), second.ravel()]))
    step = tuple(v - learning_rate * g for v, g in zip(value, gradient))
    return LossSurface(tuple(parameters), axes[0], axes[1], losses.reshape(points, points), value, gradient, step)


def every_parameter(network: Network) -> list[Parameter]:
    """Layer by layer: each neuron's weights in input order, then the layer's biases."""
    return [parameter for l, layer in enumerate(network.layers)
            for parameter in [Parameter(l, i, j) for i, j in np.ndindex(layer.weights.shape)]
            + [Parameter(l, i, None) for i in range(layer.n_out)]]


def path(networks, parameters: tuple[Parameter, ...]) -> list[tuple[float, ...]]:
    """Where `parameters` were in each of `networks` (oldest first): the path training took through them."""
    return [tuple(value_of(network, p) for p in parameters) for network in networks]
