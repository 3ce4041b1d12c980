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


def confusion_matrix(labels: np.ndarray, predicted: np.ndarray, n_classes: int) -> np.ndarray:
    """counts[t, p]: how many samples of true class t were predicted as p."""
    counts = np.zeros((n_classes, n_classes), dtype=int)
    np.add.at(counts, (labels, predicted), 1)
    return counts


def mistakes_first(labels: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """Sample order for a gallery: wrong predictions first, most confident mistakes leading."""
    predicted = probabilities.argmax(axis=1)
    confidence = probabilities.max(axis=1)
    wrong = predicted != labels
    return np.lexsort((-confidence, ~wrong))


def circle(n_samples: int, noise: float = 0.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """TF Playground's circle, radius 1: half the points inside radius 0.5 (label 1), half in the ring from
    0.7 to 1 (label 0), each coordinate moved by N(0, noise²). Returns points (n, 2) and labels (n,)."""
    rng = np.random.default_rng(seed)
    inner = np.arange(n_samples) < n_samples // 2
    radius = np.where(inner, rng.uniform(0.0, 0.5, n_samples), rng.uniform(0.7, 1.0, n_samples))
    angle = rng.uniform(0.0, 2 * np.pi, n_samples)
    points = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return points + rng.normal(0.0, noise, points.shape), inner.astype(int)
