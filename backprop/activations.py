"""Activation functions, each with the local derivative stated beside it.

Every activation maps pre-activations ``z`` of shape (n_samples, n_units) to
activations ``a`` of the same shape. ``backward(grad_a, z, a)`` turns ∂L/∂a into
δ = ∂L/∂z, reading only what forward produced.
"""
from typing import Callable, NamedTuple

import numpy as np

LEAKY_SLOPE = 0.01
RECTIFIED = ("relu", "leaky_relu")  # zero below 0 (or nearly): their units can die, and they take He's scaling


class Activation(NamedTuple):
    name: str
    forward: Callable[[np.ndarray], np.ndarray]
    # ∂a/∂z element-wise, from z and a; None for softmax, whose derivative is a Jacobian
    derivative: Callable[[np.ndarray, np.ndarray], np.ndarray] | None
    latex: str            # f(z) as LaTeX
    derivative_latex: str  # f'(z) as LaTeX


def sigmoid(z: np.ndarray) -> np.ndarray:
    # split by sign so exp never overflows
    out = np.empty_like(z, dtype=float)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    exp_z = np.exp(z[~positive])
    out[~positive] = exp_z / (1.0 + exp_z)
    return out


def softmax(z: np.ndarray) -> np.ndarray:
    """Stable softmax over the last axis: subtracting the row max changes nothing but overflow."""
    exp_z = np.exp(z - z.max(axis=-1, keepdims=True))
    exp_z /= exp_z.sum(axis=-1, keepdims=True)
    return exp_z


def naive_softmax(z: np.ndarray) -> np.ndarray:
    """Softmax as first written, exp(z)/Σexp(z): overflows to inf/inf = NaN for large z."""
    with np.errstate(over="ignore", invalid="ignore"):
        exp_z = np.exp(z)
        return exp_z / np.sum(exp_z, axis=-1, keepdims=True)


def softmax_jacobian(s: np.ndarray) -> np.ndarray:
    """∂s_i/∂z_j = s_i (δ_ij − s_j), i.e. diag(s) − s sᵀ, for one softmax output s of shape (k,)."""
    return np.diag(s) - np.outer(s, s)


def softmax_backward(grad_s: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Jacobian-vector product row by row, (n, k) -> (n, k), without building the k×k Jacobian."""
    return s * (grad_s - np.sum(grad_s * s, axis=-1, keepdims=True))


ACTIVATIONS: dict[str, Activation] = {
    "identity": Activation("identity", lambda z: z.copy(), lambda z, a: np.ones_like(z),
                           "z", "1"),
    "sigmoid": Activation("sigmoid", sigmoid, lambda z, a: a * (1.0 - a),
                          r"\frac{1}{1+e^{-z}}", r"a\,(1-a)"),
    "tanh": Activation("tanh", np.tanh, lambda z, a: 1.0 - a * a,
                       r"\tanh z", r"1-a^2"),
    # a boolean mask multiplies like 0/1 and saves a float copy on every backward pass
    "relu": Activation("relu", lambda z: np.maximum(z, 0.0), lambda z, a: z > 0,
                       r"\max(0, z)", r"[z>0]"),
    "leaky_relu": Activation("leaky_relu", lambda z: np.where(z > 0, z, LEAKY_SLOPE * z),
                             lambda z, a: np.where(z > 0, 1.0, LEAKY_SLOPE),
                             r"\max(0.01z,\,z)", r"\begin{cases} 1 & z>0 \\ 0.01 & z \le 0 \end{cases}"),
    "softmax": Activation("softmax", softmax, None,
                          r"\frac{e^{z_i}}{\sum_j e^{z_j}}", r"\operatorname{diag}(s) - s s^\top"),
}


def activation_backward(name: str, grad_a: np.ndarray, z: np.ndarray, a: np.ndarray) -> np.ndarray:
    """δ = ∂L/∂z from ∂L/∂a; all arrays (n_samples, n_units)."""
    activation = ACTIVATIONS[name]
    if activation.derivative is None:
        return softmax_backward(grad_a, a)
    return grad_a * activation.derivative(z, a)
