"""Plain-numpy helpers for datasets: one-hot targets and a seeded train/test split."""
import numpy as np


def one_hot(labels: np.ndarray, n_classes: int) -> np.ndarray:
    """labels (n,) of ints in [0, n_classes) -> (n, n_classes) rows of 0s with a single 1."""
    return np.eye(n_classes)[np.asarray(labels, dtype=int)]


def split(n_samples: int, test_fraction: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(train indices, test indices); the same seed always gives the same split. From 2 samples on,
    each side keeps at least one (a test set of none has no accuracy)."""
    order = np.random.default_rng(seed).permutation(n_samples)
    n_test = int(round(n_samples * test_fraction))
    if n_samples >= 2 and 0 < test_fraction < 1:
        n_test = min(max(n_test, 1), n_samples - 1)
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


def xor(n_samples: int, noise: float = 0.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """TF Playground's XOR: points uniform in [-1, 1]², label 1 where x₁x₂ > 0 (the first and third
    quadrants); points kept 0.05 off each axis, then moved by N(0, noise²)."""
    rng = np.random.default_rng(seed)
    points = rng.uniform(-1.0, 1.0, (n_samples, 2))
    points += np.where(points >= 0, 0.05, -0.05)  # a margin along both axes
    labels = (points[:, 0] * points[:, 1] > 0).astype(int)
    return points + rng.normal(0.0, noise, points.shape), labels


def gaussians(n_samples: int, noise: float = 0.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two blobs centred on (0.5, 0.5) (label 1) and (−0.5, −0.5) (label 0), each of spread 0.15 + noise."""
    rng = np.random.default_rng(seed)
    labels = (np.arange(n_samples) < n_samples // 2).astype(int)
    centres = np.where(labels[:, None] == 1, 0.5, -0.5)
    return centres + rng.normal(0.0, 0.15 + noise, (n_samples, 2)), labels


def spiral(n_samples: int, noise: float = 0.0, seed: int = 0, classes: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """`classes` interleaved arms, each turning 1.75 times from the centre out to radius 1; label k is
    arm k. Each coordinate moved by N(0, noise²)."""
    rng = np.random.default_rng(seed)
    labels = np.arange(n_samples) % classes
    t = rng.uniform(0.0, 1.0, n_samples)
    angle = 1.75 * 2 * np.pi * t + 2 * np.pi * labels / classes
    points = np.column_stack([t * np.sin(angle), t * np.cos(angle)])
    return points + rng.normal(0.0, noise, points.shape), labels


# each (n_samples, noise, seed) -> points (n, 2) in about [-1, 1]², labels (n,) ints from 0
PLANE = {"circle": circle, "xor": xor, "gaussians": gaussians, "spiral": spiral,
         "spiral3": lambda n, noise=0.0, seed=0: spiral(n, noise, seed, classes=3)}


# TF Playground's input features, each of the two coordinates (x₁, x₂) of every point
FEATURES = {"x1": lambda p: p[:, 0], "x2": lambda p: p[:, 1], "x1^2": lambda p: p[:, 0] ** 2,
            "x2^2": lambda p: p[:, 1] ** 2, "x1x2": lambda p: p[:, 0] * p[:, 1],
            "sin_x1": lambda p: np.sin(p[:, 0]), "sin_x2": lambda p: np.sin(p[:, 1])}


def features(points: np.ndarray, names) -> np.ndarray:
    """points (n, 2) -> the network's inputs (n, len(names)), one column per feature in FEATURES."""
    return np.column_stack([FEATURES[name](points) for name in names])


def targets(labels: np.ndarray, n_classes: int) -> np.ndarray:
    """What a classifier is trained on: (n, 1) of 0/1 for two classes (one sigmoid output, binary
    cross-entropy), one-hot (n, n_classes) for more (softmax, cross-entropy)."""
    labels = np.asarray(labels, dtype=int)
    return labels[:, None].astype(float) if n_classes == 2 else one_hot(labels, n_classes)


def grid(extent: float, resolution: int) -> np.ndarray:
    """(resolution², 2) points on a square grid over [-extent, extent]², row by row from the bottom
    (y), each row left to right (x): reshaped to (resolution, resolution) it is a heatmap's z."""
    axis = np.linspace(-extent, extent, resolution)
    xs, ys = np.meshgrid(axis, axis)
    return np.column_stack([xs.ravel(), ys.ravel()])
