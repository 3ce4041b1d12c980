"""Plain-numpy helpers for datasets: one-hot targets and a seeded train/test split."""
import numpy as np


def one_hot(labels: np.ndarray, n_classes: int) -> np.ndarray:
    """labels (n,) of ints in [0, n_classes) -> (n, n_classes) rows of 0s with a single 1."""
    return np.eye(n_classes)[np.asarray(labels, dtype=int)]


def split(n_samples: int, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(train indices, test indices); the same seed always gives the same split."""
    order = np.random.default_rng(seed).permutation(n_samples)
    n_test = int(round(n_samples * test_fraction))
    return np.sort(order[n_test:]), np.sort(order[:n_test])
