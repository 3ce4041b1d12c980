"""Random networks and data for tests, seeded so every run sees the same numbers; the numbers in a text."""
import math
import re

import numpy as np

from backprop import initialise, make_network

HIDDEN_ACTIVATIONS = ["identity", "sigmoid", "tanh", "relu", "leaky_relu"]
# every loss with every output activation it allows
LOSS_OUTPUTS = ([("mse", act) for act in HIDDEN_ACTIVATIONS]
                + [("half_sse", act) for act in HIDDEN_ACTIVATIONS]
                + [("cross_entropy", "softmax"), ("binary_cross_entropy", "sigmoid")])


def targets_for(loss: str, n_samples: int, n_out: int, rng) -> np.ndarray:
    if loss == "cross_entropy":
        return np.eye(n_out)[rng.integers(0, n_out, n_samples)]
    if loss == "binary_cross_entropy":
        return rng.integers(0, 2, (n_samples, n_out)).astype(float)
    return rng.normal(size=(n_samples, n_out))


def random_problem(hidden: str, loss: str, output: str, seed: int = 0, sizes=(3, 4, 3, 2), n_samples=5):
    rng = np.random.default_rng(seed)
    network = initialise(list(sizes), [hidden] * (len(sizes) - 2) + [output], loss, seed)
    # non-zero biases so every term of the gradient is exercised
    layers = [(l.weights, rng.normal(0, 0.5, l.biases.shape), l.activation) for l in network.layers]
    network = make_network(layers, loss)
    x = rng.normal(size=(n_samples, sizes[0]))
    return network, x, targets_for(loss, n_samples, sizes[-1], rng)


# a number as the app writes one: 7.16523, -0.5, 2.4e+12, and LaTeX's 1.5 \times 10^{-3}; − is a minus
NUMBER = re.compile(r"[-−]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[-+]?[0-9]+| \\times 10\^\{-?[0-9]+\})?")


def numbers_in(text: str) -> list[float]:
    """Every number a text shows, parsed: tests compare these with the values, never a formatted float as a
    substring (a loss of exactly 0 formats as 0, which 'Trained 50 epochs.' contains)."""
    found = []
    for match in NUMBER.findall(text):
        mantissa, _, exponent = match.replace("−", "-").partition(r" \times 10^{")
        found.append(float(mantissa) * 10.0 ** int(exponent.rstrip("}")) if exponent else float(mantissa))
    return found


def shows(text: str, value: float, rel: float = 1e-5) -> bool:
    """Whether the text shows `value` to the 6 significant digits the app writes."""
    return any(math.isclose(n, value, rel_tol=rel, abs_tol=1e-12) for n in numbers_in(text))
