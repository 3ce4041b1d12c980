"""Pure forward/backward pairs for the matrix product and the linear layer.

Shape convention, kept everywhere: samples are rows, weights are (n_out, n_in)
with row i holding the weights into neuron i, so a layer computes Z = X Wᵀ + b.
"""
from typing import NamedTuple

import numpy as np


class MatmulCache(NamedTuple):
    x: np.ndarray  # (n, m)
    w: np.ndarray  # (m, p)


def matmul_forward(x: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, MatmulCache]:
    """Y = X·W: x (n, m), w (m, p) -> y (n, p)."""
    return x @ w, MatmulCache(x, w)


def matmul_backward(grad_y: np.ndarray, cache: MatmulCache) -> tuple[np.ndarray, np.ndarray]:
    """grad_y (n, p) -> grad_x = G·Wᵀ (n, m), grad_w = Xᵀ·G (m, p).

    Each entry is a sum over the index the product contracted away: ∂L/∂x_ij = Σ_k g_ik w_jk.
    """
    return grad_y @ cache.w.T, cache.x.T @ grad_y


class LinearCache(NamedTuple):
    x: np.ndarray        # (n_samples, n_in)
    weights: np.ndarray  # (n_out, n_in)


def linear_forward(x: np.ndarray, weights: np.ndarray,
                   biases: np.ndarray) -> tuple[np.ndarray, LinearCache]:
    """Z = X Wᵀ + b: x (n_samples, n_in), weights (n_out, n_in), biases (n_out,) -> z (n_samples, n_out)."""
    return x @ weights.T + biases, LinearCache(x, weights)


def linear_backward(grad_z: np.ndarray, cache: LinearCache,
                    need_grad_x: bool = True) -> tuple[np.ndarray | None, np.ndarray, np.ndarray]:
    """grad_z (n_samples, n_out) -> grad_x (n_samples, n_in), grad_weights (n_out, n_in), grad_biases (n_out,).

    The matrix-product rule with W transposed: ∂L/∂W = Gᵀ X, ∂L/∂X = G W, ∂L/∂b = Σ_samples G.
    need_grad_x=False skips ∂L/∂X (returned as None), which nothing reads below the first layer in training.
    """
    grad_x = grad_z @ cache.weights if need_grad_x else None
    return grad_x, grad_z.T @ cache.x, grad_z.sum(axis=0)
