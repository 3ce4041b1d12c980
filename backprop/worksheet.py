"""Quiz worksheets to print: N versions, each its own network and sample drawn in numbers a learner can work by hand,
one question per step of its pass, and an answer key with each answer's equation. Plain Python over the core."""
from typing import NamedTuple

import numpy as np

from .latex import matrix
from .network import Network
from .quiz import Question, drawn_problem, questions
from .steps import walkthrough

MAX_VERSIONS = 40
LEARNING_RATE = 0.1  # a worksheet's η: a round number for the updated weights


class Version(NamedTuple):
    seed: int                        # what drew it: the same seed draws the same version
    network: Network
    x: np.ndarray                    # (1, n_in)
    y: np.ndarray                    # (1, n_out)
    questions: tuple[Question, ...]  # one per step that computes a number of the chosen kinds, in the pass's order


def worksheet(sizes: list[int], activations: list[str], loss: str, kinds, versions: int,
              first_seed: int = 0) -> list[Version]:
    """`versions` versions drawn from first_seed, first_seed + 1, …; each asks what the quiz would ask of its pass."""
    drawn = []
    for seed in range(first_seed, first_seed + versions):
        network, x, y = drawn_problem(sizes, activations, loss, True, seed)
        walk = walkthrough(network, x, y, LEARNING_RATE)
        drawn.append(Version(seed, network, x, y, tuple(questions(network, walk, y, kinds, seed=seed).values())))
    return drawn


def given(version: Version) -> list[str]:
    """What a learner starts from, as LaTeX: the sample, its target, and each layer's weights and biases."""
    lines = [rf"x = {matrix(version.x[0])}, \quad y = {matrix(version.y[0])}, \quad \eta = {LEARNING_RATE:g}"]
    for l, layer in enumerate(version.network.layers, start=1):
        lines.append(rf"W^{{({l})}} = {matrix(layer.weights)}, \quad b^{{({l})}} = {matrix(layer.biases)}")
    return lines
