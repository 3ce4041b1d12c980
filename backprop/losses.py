"""Losses over a batch: outputs ``a`` and targets ``y`` are both (n_samples, n_outputs).

What is summed and what is averaged is part of each loss's name and formula:
every loss is a mean over samples; ``mse`` and ``binary_cross_entropy`` also
average over outputs, ``half_sse`` and ``cross_entropy`` sum over them.
"""
from typing import Callable, NamedTuple

import numpy as np

from .i18n import N_, _

# keeps log() finite when a probability underflows to exactly 0 or 1
PROBABILITY_FLOOR = 1e-12
# how far a row of cross-entropy targets may sum from 1: a typed 0.1, 0.2, 0.7 sums to 0.9999999999999999
TARGET_SUM_TOLERANCE = 1e-9


class Loss(NamedTuple):
    name: str
    value: Callable[[np.ndarray, np.ndarray], float]
    grad: Callable[[np.ndarray, np.ndarray], np.ndarray]  # ∂L/∂a, shape of a
    # (output activation, δ = ∂L/∂z) when the pair simplifies, e.g. sigmoid + binary cross-entropy -> (p - y)/(N K)
    fused: tuple[str, Callable[[np.ndarray, np.ndarray], np.ndarray]] | None
    latex: str
    required_activation: str | None  # the output activation this loss is defined for
    title: str = ""                  # its plain name, for menus
    grad_latex: str = ""             # ∂L/∂ŷ for one sample's output vector, N samples of K outputs


# each sample's share ℓₙ of the loss, (n_samples,); every loss is the mean of its shares over the samples
def _mse_shares(a, y):
    return np.mean((a - y) ** 2, axis=1)


def _half_sse_shares(a, y):
    return 0.5 * np.sum((a - y) ** 2, axis=1)


def _cross_entropy_shares(p, y):
    return -np.sum(y * np.log(np.clip(p, PROBABILITY_FLOOR, 1.0)), axis=1)


def _binary_cross_entropy_shares(p, y):
    p = np.clip(p, PROBABILITY_FLOOR, 1.0 - PROBABILITY_FLOOR)
    return -np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p), axis=1)


SHARES = {"mse": _mse_shares, "half_sse": _half_sse_shares, "cross_entropy": _cross_entropy_shares,
          "binary_cross_entropy": _binary_cross_entropy_shares}


def _mean_of(shares):
    return lambda a, y: float(np.mean(shares(a, y)))


def _softmax_cross_entropy_delta(p, y):
    """δ = ∂L/∂z of cross-entropy through a softmax: (p Σⱼyⱼ − y)/N for any targets. It is the familiar
    (p − y)/N only when each row of y sums to 1, which is what the app's targets are held to."""
    return (p * np.sum(y, axis=1, keepdims=True) - y) / p.shape[0]


def _bce_grad(p, y):
    p = np.clip(p, PROBABILITY_FLOOR, 1.0 - PROBABILITY_FLOOR)
    return (p - y) / (p * (1.0 - p) * p.size)


LOSSES: dict[str, Loss] = {
    "mse": Loss(
        "mse", _mean_of(_mse_shares), lambda a, y: 2.0 * (a - y) / a.size, None,
        r"L = \frac{1}{N K}\sum_{n=1}^{N}\sum_{k=1}^{K} (a_{nk} - y_{nk})^2", None,
        N_("Mean squared error"), r"\frac{2}{N K}\left(\hat{y} - y\right)"),
    "half_sse": Loss(
        "half_sse", _mean_of(_half_sse_shares), lambda a, y: (a - y) / a.shape[0], None,
        r"L = \frac{1}{N}\sum_{n=1}^{N} \tfrac12 \sum_{k=1}^{K} (y_{nk} - a_{nk})^2", None,
        N_("Half sum of squared errors (Mazur's E)"), r"\frac{1}{N}\left(\hat{y} - y\right)"),
    "cross_entropy": Loss(
        "cross_entropy", _mean_of(_cross_entropy_shares),
        lambda p, y: -y / (np.clip(p, PROBABILITY_FLOOR, 1.0) * p.shape[0]),
        ("softmax", _softmax_cross_entropy_delta),
        r"L = -\frac{1}{N}\sum_{n=1}^{N}\sum_{k=1}^{K} y_{nk} \log p_{nk}", "softmax",
        N_("Cross-entropy (softmax outputs)"), r"-\frac{1}{N}\,\frac{y}{\hat{y}}"),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy", _mean_of(_binary_cross_entropy_shares), _bce_grad,
        ("sigmoid", lambda p, y: (p - y) / p.size),  # for any y: σ′ = p(1 − p) cancels the denominator
        r"L = -\frac{1}{N K}\sum_{n,k} \big[y_{nk}\log p_{nk} + (1-y_{nk})\log(1-p_{nk})\big]",
        "sigmoid", N_("Binary cross-entropy (sigmoid outputs)"),
        r"\frac{1}{N K}\,\frac{\hat{y} - y}{\hat{y}\,(1 - \hat{y})}"),
}


def cross_entropy(p: np.ndarray, y: np.ndarray) -> float:
    """−(1/N) Σ y log p for probabilities p and targets y, both (n_samples, n_classes)."""
    return LOSSES["cross_entropy"].value(p, y)


def per_sample(name: str, a: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Each sample's share ℓₙ of the loss, (n_samples,): L is their mean for every loss here."""
    return SHARES[name](a, y)


# said wherever a loss went through the log's clip
CLIPPED = N_("The loss is clipped: a probability the target needs fell below 10⁻¹², so its log was taken at 10⁻¹² "
             "instead. L is then smaller than the true loss and flat there, while the gradients stay the true ones. A "
             "smaller η keeps the outputs out of this corner.")


def clipped(name: str, a: np.ndarray, y: np.ndarray) -> bool:
    """Whether the loss went through PROBABILITY_FLOOR: a log taken of a probability that a target weighs
    rounded below 10⁻¹², so L is capped (at most −ln 10⁻¹² ≈ 27.6 a term) and flat there."""
    if name == "cross_entropy":
        return bool(np.any((a < PROBABILITY_FLOOR) & (y != 0)))
    if name == "binary_cross_entropy":
        return bool(np.any(((a < PROBABILITY_FLOOR) & (y != 0)) | ((a > 1.0 - PROBABILITY_FLOOR) & (y != 1))))
    return False


def targets_problem(name: str, y: np.ndarray) -> str | None:
    """Why targets y (n_samples, n_outputs) do not suit the loss, in one sentence, or None when they do."""
    if name == "cross_entropy":
        sums = np.sum(y, axis=1)
        if np.any(y < 0) or np.any(np.abs(sums - 1.0) > TARGET_SUM_TOLERANCE):
            n = int(np.argmax((np.abs(sums - 1.0) > TARGET_SUM_TOLERANCE) | np.any(y < 0, axis=1)))
            return _("cross-entropy compares two distributions, so each sample's targets must be 0 or more and add "
                     "up to 1 (one-hot, such as 0, 1, 0); sample {k} adds up to {total}").format(
                k=n + 1, total=f"{sums[n]:.6g}")
    if name == "binary_cross_entropy" and np.any((y < 0) | (y > 1)):
        n, k = (int(i) for i in np.argwhere((y < 0) | (y > 1))[0])
        return _("binary cross-entropy reads each target as a probability, from 0 to 1; sample {k}, output {j} is "
                 "{value}").format(k=n + 1, j=k + 1, value=f"{y[n, k]:.6g}")
    return None


def fitted_targets(name: str, y: np.ndarray) -> np.ndarray:
    """Targets that suit the loss: unchanged if they do; else one-hot at each row's largest for cross-entropy,
    and clipped into [0, 1] for binary cross-entropy."""
    if targets_problem(name, y) is None:
        return y
    if name == "cross_entropy":
        return np.eye(y.shape[1])[np.argmax(y, axis=1)]
    return np.clip(y, 0.0, 1.0)
