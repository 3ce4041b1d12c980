"""Losses over a batch: outputs ``a`` and targets ``y`` are both (n_samples, n_outputs).

What is summed and what is averaged is part of each loss's name and formula:
every loss is a mean over samples; ``mse`` and ``binary_cross_entropy`` also
average over outputs, ``half_sse`` and ``cross_entropy`` sum over them.
"""
from typing import Callable, NamedTuple

import numpy as np

from .i18n import N_

# keeps log() finite when a probability underflows to exactly 0 or 1
PROBABILITY_FLOOR = 1e-12


class Loss(NamedTuple):
    name: str
    value: Callable[[np.ndarray, np.ndarray], float]
    grad: Callable[[np.ndarray, np.ndarray], np.ndarray]  # ∂L/∂a, shape of a
    # (output activation, δ = ∂L/∂z) when the pair simplifies, e.g. softmax + cross-entropy -> (p - y)/n
    fused: tuple[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] | None
    latex: str
    required_activation: str | None  # the output activation this loss is defined for
    title: str = ""                  # its plain name, for menus
    grad_latex: str = ""             # ∂L/∂ŷ for one sample's output vector, N samples of K outputs


def _mse(a, y):
    return float(np.mean((a - y) ** 2))


def _half_sse(a, y):
    return float(0.5 * np.sum((a - y) ** 2) / a.shape[0])


def _cross_entropy(p, y):
    return float(-np.sum(y * np.log(np.clip(p, PROBABILITY_FLOOR, 1.0))) / p.shape[0])


def _binary_cross_entropy(p, y):
    p = np.clip(p, PROBABILITY_FLOOR, 1.0 - PROBABILITY_FLOOR)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def _bce_grad(p, y):
    p = np.clip(p, PROBABILITY_FLOOR, 1.0 - PROBABILITY_FLOOR)
    return (p - y) / (p * (1.0 - p) * p.size)


LOSSES: dict[str, Loss] = {
    "mse": Loss(
        "mse", _mse, lambda a, y: 2.0 * (a - y) / a.size, None,
        r"L = \frac{1}{N K}\sum_{n=1}^{N}\sum_{k=1}^{K} (a_{nk} - y_{nk})^2", None,
        N_("Mean squared error"), r"\frac{2}{N K}\left(\hat{y} - y\right)"),
    "half_sse": Loss(
        "half_sse", _half_sse, lambda a, y: (a - y) / a.shape[0], None,
        r"L = \frac{1}{N}\sum_{n=1}^{N} \tfrac12 \sum_{k=1}^{K} (y_{nk} - a_{nk})^2", None,
        N_("Half sum of squared errors (Mazur's E)"), r"\frac{1}{N}\left(\hat{y} - y\right)"),
    "cross_entropy": Loss(
        "cross_entropy", _cross_entropy,
        lambda p, y: -y / (np.clip(p, PROBABILITY_FLOOR, 1.0) * p.shape[0]),
        ("softmax", lambda p, y: (p - y) / p.shape[0]),
        r"L = -\frac{1}{N}\sum_{n=1}^{N}\sum_{k=1}^{K} y_{nk} \log p_{nk}", "softmax",
        N_("Cross-entropy (softmax outputs)"), r"-\frac{1}{N}\,\frac{y}{\hat{y}}"),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy", _binary_cross_entropy, _bce_grad,
        ("sigmoid", lambda p, y: (p - y) / p.size),
        r"L = -\frac{1}{N K}\sum_{n,k} \big[y_{nk}\log p_{nk} + (1-y_{nk})\log(1-p_{nk})\big]",
        "sigmoid", N_("Binary cross-entropy (sigmoid outputs)"),
        r"\frac{1}{N K}\,\frac{\hat{y} - y}{\hat{y}\,(1 - \hat{y})}"),
}


def cross_entropy(p: np.ndarray, y: np.ndarray) -> float:
    """−(1/N) Σ y log p for probabilities p and targets y, both (n_samples, n_classes)."""
    return _cross_entropy(p, y)
