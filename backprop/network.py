"""The network: a stack of dense layers, a loss, and whether biases train.

Weights are (n_out, n_in), row i holding the weights into neuron i; biases are (n_out,).
Arrays are stored read-only, so a network is a value: an update makes a new one.
"""
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .validation import layer_name, validate_network


@dataclass(frozen=True)
class Layer:
    weights: np.ndarray   # (n_out, n_in)
    biases: np.ndarray    # (n_out,)
    activation: str

    @property
    def n_in(self) -> int:
        return self.weights.shape[1]

    @property
    def n_out(self) -> int:
        return self.weights.shape[0]


@dataclass(frozen=True)
class Network:
    layers: tuple[Layer, ...]
    loss: str = "mse"
    train_biases: bool = True

    @property
    def sizes(self) -> list[int]:
        """Units per layer, input first: the seed network is [4, 3, 3, 1]."""
        return [self.layers[0].n_in] + [layer.n_out for layer in self.layers]

    def layer_name(self, index: int) -> str:
        """0-based layer index -> 'hidden layer 1' ... 'output layer'."""
        return layer_name(index, len(self.layers))

    @property
    def largest_parameter(self) -> float:
        """max |θ| over every weight and bias; NaN if any is NaN (np.max keeps it, where Python's max may not)."""
        return float(np.max([np.max(np.abs(l.weights)) for l in self.layers] + [np.max(np.abs(l.biases)) for l in self.layers]))

    def with_layer(self, index: int, weights=None, biases=None, activation=None) -> "Network":
        """A copy with one layer's parameters or activation replaced, validated."""
        old = self.layers[index]
        layers = [(l.weights, l.biases, l.activation) for l in self.layers]
        layers[index] = (old.weights if weights is None else weights,
                         old.biases if biases is None else biases,
                         old.activation if activation is None else activation)
        return make_network(layers, self.loss, self.train_biases)


class Place(NamedTuple):
    """A spot on the drawn network: a neuron, an edge (its weight) or the loss. A learner picks one on the graph;
    a quiz asks about one."""
    kind: str                 # "neuron", "edge" or "loss"
    layer: int | None = None  # a neuron's column (0 = the inputs), or an edge's layer (0 = inputs → first hidden)
    i: int | None = None      # the neuron, or the neuron the edge leads into (row i of W)
    j: int | None = None      # an edge's input (column j of W)

    @classmethod
    def neuron(cls, column: int, i: int) -> "Place":
        return cls("neuron", column, i)

    @classmethod
    def edge(cls, layer: int, i: int, j: int) -> "Place":
        return cls("edge", layer, i, j)


def _frozen(values, copy: bool = True) -> np.ndarray:
    array = np.array(values, dtype=float) if copy else values
    array.flags.writeable = False
    return array


def make_network(layers, loss: str = "mse", train_biases: bool = True) -> Network:
    """Build and validate a network from (weights, biases, activation) triples.

    weights: n_out rows of n_in numbers; biases: n_out numbers. Raises ValueError naming
    the layer and the problem for ragged or mismatched shapes, non-finite numbers, unknown
    activations or losses, caps exceeded, or an output activation the loss does not fit.
    """
    validate_network(layers, loss)
    built = tuple(Layer(_frozen(w), _frozen(b), act) for w, b, act in layers)
    return Network(built, loss, bool(train_biases))


def network_from_arrays(layers: list[tuple[np.ndarray, np.ndarray, str]], loss: str,
                        train_biases: bool) -> Network:
    """Trusted fast path for arrays the core computed itself (no re-validation)."""
    # the arrays are fresh results of arithmetic, so freezing them in place is safe and copy-free
    built = tuple(Layer(_frozen(w, copy=False), _frozen(b, copy=False), a) for w, b, a in layers)
    return Network(built, loss, train_biases)
