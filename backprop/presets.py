"""Ready-made networks with their data, and a seeded initialiser for any architecture."""
from dataclasses import dataclass

import numpy as np

from .activations import RECTIFIED
from .datasets import circle
from .i18n import N_, _
from .network import Network, make_network
from .validation import MAX_LAYERS, MAX_UNITS


@dataclass(frozen=True)
class Preset:
    name: str
    network: Network
    inputs: np.ndarray   # (n_samples, n_in)
    targets: np.ndarray  # (n_samples, n_out)
    learning_rate: float
    description: str


# The seed's 4-3-3-1 network, weights exactly as the seed writes them (rows = neurons).
SEED_LAYERS = [
    ([[0.2, 0.8, -0.5, 1], [0.5, -0.91, 0.26, -0.5], [-0.26, -0.27, 0.17, 0.87]], [2, 3, 0.5]),
    ([[0.1, -0.14, 0.5], [-0.5, 0.12, -0.33], [-0.44, 0.73, -0.13]], [-1, 2, -0.5]),
    ([[0.1, -0.14, 0.5]], [4]),
]
SEED_INPUT = [1, 2, 3, 2.5]
# The seed's np.sin(inputs) gives four "true outputs" for a one-output network, so it cannot be
# the target. 0.5 is a round number well away from the initial output 3.176794: the first pass
# shows a clear error (MSE 7.165), and a few SGD steps visibly bring it down.
SEED_TARGET = 0.5

MAZUR_LAYERS = [
    ([[0.15, 0.20], [0.25, 0.30]], [0.35, 0.35]),
    ([[0.40, 0.45], [0.50, 0.55]], [0.60, 0.60]),
]


def seed_preset() -> Preset:
    network = make_network([(w, b, "identity") for w, b in SEED_LAYERS], "mse")
    return Preset("seed", network, np.array([SEED_INPUT], float), np.array([[SEED_TARGET]]),
                  # 0.005: the loss falls steadily; from about 0.02 it oscillates, at 0.05 it diverges
                  0.005,
                  N_("The 4-3-3-1 network of the question: identity activations, MSE, one sample."))


def mazur_preset() -> Preset:
    # Mazur's post never updates the biases, so they are frozen here too.
    network = make_network([(w, b, "sigmoid") for w, b in MAZUR_LAYERS], "half_sse",
                           train_biases=False)
    return Preset("mazur", network, np.array([[0.05, 0.10]]), np.array([[0.01, 0.99]]), 0.5,
                  N_("Mazur's 2-2-2 example: logistic units, E = ½Σ(t − o)², η = 0.5, biases fixed."))


def xor_preset(seed: int = 0) -> Preset:
    network = initialise([2, 3, 1], ["tanh", "sigmoid"], "binary_cross_entropy", seed)
    inputs = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    return Preset("xor", network, inputs, np.array([[0], [1], [1], [0]], float), 1.0,
                  N_("XOR: four samples no straight line separates; one hidden layer of 3 tanh units."))


DEEP_SIZES = [2, 8, 8, 8, 8, 1]


def deep_preset(name: str, hidden: str, gain: float, learning_rate: float, description: str) -> Preset:
    """2-8-8-8-8-1 on TF Playground's circle (100 points): a network deep enough for its gradients to
    vanish or explode. Every deep preset draws with seed 0, so they differ only in what they name."""
    network = initialise(DEEP_SIZES, [hidden] * 4 + ["sigmoid"], "binary_cross_entropy", 0, gain=gain)
    points, labels = circle(100, noise=0.05, seed=0)
    return Preset(name, network, points, labels[:, None].astype(float), learning_rate, description)


def deep_sigmoid_preset() -> Preset:
    # η 0.05: the loss barely moves in 50 epochs, and the first layer's gradient stays about 700 times
    # smaller than the last's; at η ≥ 0.2 every layer's gradient fades as the output settles on ln 2
    return deep_preset("deep_sigmoid", "sigmoid", 1.0, 0.05,
                       N_("Four hidden layers of 8 sigmoid units (Xavier weights) on a circle: each layer back "
                          "scales the gradient by σ′ ≤ 0.25, so the first layer hardly learns."))


def deep_relu_preset() -> Preset:
    return deep_preset("deep_relu", "relu", 1.0, 0.3,
                       N_("The same network with ReLU hidden units and He weights: the gradient reaches the first "
                          "layer about as large as the last, and the circle is learned."))


def deep_large_preset() -> Preset:
    # gain 3: every layer's gradient starts about 100 times its He size; η 0.3 then takes steps of
    # about 10 per weight, which switch ReLUs off for good
    return deep_preset("deep_large", "relu", 3.0, 0.3,
                       N_("The ReLU network with weights 3 times too large: the gradients explode, the first step "
                          "overshoots, and units die."))


PRESETS = {"seed": seed_preset, "mazur": mazur_preset, "xor": xor_preset, "deep_sigmoid": deep_sigmoid_preset,
           "deep_relu": deep_relu_preset, "deep_large": deep_large_preset}


def initialise(sizes: list[int], activations: list[str], loss: str = "mse", seed: int = 0,
               train_biases: bool = True, gain: float = 1.0) -> Network:
    """Random weights for any architecture; the same seed gives the same weights.

    sizes: units per layer, input first; activations: one per layer after the input.
    He scaling √(2/n_in) for (leaky) ReLU, Xavier/Glorot √(2/(n_in+n_out)) otherwise, times `gain`; biases 0.
    """
    if len(activations) != len(sizes) - 1:
        raise ValueError(_("{layers} layers need {layers} activations, got {n}").format(layers=len(sizes) - 1,
                                                                                         n=len(activations)))
    if any(not isinstance(n, (int, np.integer)) or n < 1 for n in sizes):
        raise ValueError(_("layer sizes must be positive whole numbers, got {sizes}").format(sizes=sizes))
    # checked before allocating, so an absurd request costs nothing
    if len(sizes) - 1 > MAX_LAYERS or max(sizes) > MAX_UNITS:
        raise ValueError(_("at most {layers} layers of at most {units} units, got {sizes}").format(
            layers=MAX_LAYERS, units=MAX_UNITS, sizes=sizes))
    rng = np.random.default_rng(seed)
    layers = []
    for n_in, n_out, activation in zip(sizes[:-1], sizes[1:], activations):
        scale = np.sqrt(2.0 / n_in) if activation in RECTIFIED else np.sqrt(2.0 / (n_in + n_out))
        layers.append((rng.normal(0.0, gain * scale, (n_out, n_in)), np.zeros(n_out), activation))
    return make_network(layers, loss, train_biases)
