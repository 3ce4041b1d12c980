"""Forward pass, backward pass and SGD step, each keeping every intermediate number by name.

Shapes: x (n_samples, n_in); per layer z, a, grad_a, delta (n_samples, n_out);
grad_weights (n_out, n_in); grad_biases (n_out,). Gradients are of the batch loss as
the loss defines it (a mean over samples), so the 1/N lives in the output delta.
"""
from typing import NamedTuple

import numpy as np

from .activations import ACTIVATIONS, activation_backward
from .layers import LinearCache, linear_backward, linear_forward
from .losses import LOSSES
from .network import Network, network_from_arrays


# Immutable records, built for every training batch: a NamedTuple is made in half the time of a
# frozen dataclass, which was about 5% of an epoch.
class ForwardLayer(NamedTuple):
    inputs: np.ndarray  # a of the layer before (x for the first layer)
    z: np.ndarray       # pre-activation, the neuron's total input
    a: np.ndarray       # activation, the neuron's output


class ForwardTrace(NamedTuple):
    x: np.ndarray
    layers: tuple[ForwardLayer, ...]

    @property
    def output(self) -> np.ndarray:
        return self.layers[-1].a


class BackwardLayer(NamedTuple):
    grad_a: np.ndarray | None  # ∂L/∂a: error derivative with respect to the neuron's output
    delta: np.ndarray          # δ = ∂L/∂z: error derivative with respect to the neuron's total input
    grad_weights: np.ndarray   # ∂L/∂W = δᵀ a_prev summed over samples
    grad_biases: np.ndarray    # ∂L/∂b = δ summed over samples
    fused: bool                # δ came from the simplified loss+activation pair (p − y)


class BackwardTrace(NamedTuple):
    loss: float | None                 # None when backward ran lean (training)
    layers: tuple[BackwardLayer, ...]  # in layer order, input side first
    grad_x: np.ndarray | None          # ∂L/∂x, for display and gradient checks; None when lean


class Update(NamedTuple):
    learning_rate: float
    delta_weights: tuple[np.ndarray, ...]  # Δw = −η ∂L/∂w per layer
    delta_biases: tuple[np.ndarray, ...]   # zeros when biases are frozen
    network_after: Network


def forward(network: Network, x: np.ndarray) -> ForwardTrace:
    """Run x (n_samples, n_in) through every layer, keeping z and a."""
    layers, a = [], x
    for layer in network.layers:
        z, _ = linear_forward(a, layer.weights, layer.biases)
        out = ACTIVATIONS[layer.activation].forward(z)
        layers.append(ForwardLayer(a, z, out))
        a = out
    return ForwardTrace(x, tuple(layers))


def output_delta(network: Network, last: ForwardLayer, y: np.ndarray,
                 full: bool = True) -> tuple[np.ndarray | None, np.ndarray, bool]:
    """(∂L/∂a, δ, fused) for the output layer; ∂L/∂a is None for a fused pair when not full."""
    loss = LOSSES[network.loss]
    activation = network.layers[-1].activation
    if loss.fused is not None and loss.fused[0] == activation:
        return (loss.grad(last.a, y) if full else None), loss.fused[1](last.a, y), True
    grad_a = loss.grad(last.a, y)
    return grad_a, activation_backward(activation, grad_a, last.z, last.a), False


def backward(network: Network, trace: ForwardTrace, y: np.ndarray, full: bool = True) -> BackwardTrace:
    """Chain rule from the loss back to the input, reading only what forward kept.

    full=False is the training path: it skips what only a reader needs (the loss value, ∂L/∂a at
    a fused output, ∂L/∂x); every gradient SGD uses is the same number either way.
    """
    grad_a, delta, fused = output_delta(network, trace.layers[-1], y, full)
    result = []
    for index in reversed(range(len(network.layers))):
        layer, seen = network.layers[index], trace.layers[index]
        if index < len(network.layers) - 1:
            delta, fused = activation_backward(layer.activation, grad_a, seen.z, seen.a), False
        grad_inputs, grad_weights, grad_biases = linear_backward(
            delta, LinearCache(seen.inputs, layer.weights), need_grad_x=full or index > 0)
        result.append(BackwardLayer(grad_a, delta, grad_weights, grad_biases, fused))
        grad_a = grad_inputs
    loss = LOSSES[network.loss].value(trace.output, y) if full else None
    return BackwardTrace(loss, tuple(reversed(result)), grad_a)


def l2_penalty(network: Network, l2: float) -> float:
    """(λ/2) Σ w² over every weight (biases are not penalised): what an L2 term adds to the loss."""
    return 0.5 * l2 * sum(float(np.sum(layer.weights ** 2)) for layer in network.layers)


def with_l2(network: Network, grads: BackwardTrace, l2: float) -> BackwardTrace:
    """The gradients of loss + l2_penalty: ∂/∂W gains λW, biases are unchanged."""
    if not l2:
        return grads
    layers = tuple(g._replace(grad_weights=g.grad_weights + l2 * layer.weights)
                   for g, layer in zip(grads.layers, network.layers))
    loss = None if grads.loss is None else grads.loss + l2_penalty(network, l2)
    return grads._replace(loss=loss, layers=layers)


def sgd_step(network: Network, grads: BackwardTrace, learning_rate: float) -> Update:
    """w ← w − η ∂L/∂w for every layer; returns the new network and every Δ. Mutates nothing."""
    delta_weights = tuple(-learning_rate * g.grad_weights for g in grads.layers)
    delta_biases = tuple(-learning_rate * g.grad_biases if network.train_biases
                         else np.zeros_like(g.grad_biases) for g in grads.layers)
    layers = [(layer.weights + dw, layer.biases + db, layer.activation)
              for layer, dw, db in zip(network.layers, delta_weights, delta_biases)]
    after = network_from_arrays(layers, network.loss, network.train_biases)
    return Update(learning_rate, delta_weights, delta_biases, after)


def loss_of(network: Network, x: np.ndarray, y: np.ndarray) -> float:
    """The loss of network on (x, y) as the network's loss defines it."""
    return LOSSES[network.loss].value(forward(network, x).output, y)
