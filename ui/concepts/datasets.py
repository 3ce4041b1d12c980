"""scikit-learn's bundled 8×8 digits (no download), scaled to [0, 1] and split with a seed."""
from dataclasses import dataclass

import numpy as np
from sklearn.datasets import load_digits

from backprop.datasets import one_hot, split


@dataclass(frozen=True)
class Digits:
    x_train: np.ndarray  # (n_train, 64), pixel intensities in [0, 1]
    y_train: np.ndarray  # (n_train, 10), one-hot
    x_test: np.ndarray
    y_test: np.ndarray
    labels_test: np.ndarray  # (n_test,) ints, for the gallery and confusion matrix


TEST_FRACTION, SPLIT_SEED = 0.25, 0  # the digits page's split: a quarter held out, the same quarter every time


def digits(test_fraction: float = TEST_FRACTION, seed: int = SPLIT_SEED) -> Digits:
    data = load_digits()
    x, labels = data.data / 16.0, data.target
    train, test = split(len(x), test_fraction, seed)
    targets = one_hot(labels, 10)
    return Digits(x[train], targets[train], x[test], targets[test], labels[test])
