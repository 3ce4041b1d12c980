"""Checks on anything a user can hand the core, with messages that name the layer and the problem.

Caps keep a shared server safe: a learner's network can be big enough to learn digits,
never big enough to stall the machine for the rest of the class.
"""
import numpy as np

from .activations import ACTIVATIONS
from .losses import LOSSES

MAX_LAYERS = 10
MAX_UNITS = 1024
MAX_ABS_PARAMETER = 1e6  # a weight or bias beyond this is a typo, not an experiment


def layer_name(index: int, n_layers: int) -> str:
    """0-based layer index -> 'hidden layer 1' ... 'output layer'."""
    return "output layer" if index == n_layers - 1 else f"hidden layer {index + 1}"


def as_finite_array(values, what: str, ndim: int | tuple[int, ...],
                    limit: float | None = None) -> np.ndarray:
    """values -> float array with ndim (or one of several) dimensions, or ValueError naming `what`."""
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if isinstance(values, (str, bytes)):
        raise ValueError(f"{what}: expected numbers, got text")
    try:
        array = np.array(values, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{what}: every entry must be a number, in rows of equal length") from None
    if array.ndim not in allowed:
        raise ValueError(f"{what}: expected {'a list' if allowed == (1,) else 'rows'} of numbers, "
                         f"got {array.ndim} dimension(s)")
    if array.size == 0:
        raise ValueError(f"{what}: is empty")
    bad = np.argwhere(~np.isfinite(array))
    if bad.size:
        position = ", ".join(str(i + 1) for i in bad[0])
        raise ValueError(f"{what}: entry ({position}) is {array[tuple(bad[0])]}, not a finite number")
    if limit is not None and np.max(np.abs(array)) > limit:
        raise ValueError(f"{what}: magnitudes above {limit:g} are not allowed")
    return array


def validate_network(layers, loss: str) -> None:
    """Raise ValueError for the first problem in (weights, biases, activation) triples and loss."""
    if not isinstance(loss, str) or loss not in LOSSES:
        raise ValueError(f"unknown loss {repr(loss)[:40]}; choose one of {', '.join(LOSSES)}")
    if not 1 <= len(layers) <= MAX_LAYERS:
        raise ValueError(f"a network needs 1 to {MAX_LAYERS} layers, got {len(layers)}")
    previous_out = None
    for index, (weights, biases, activation) in enumerate(layers):
        name = f"layer {index + 1} ({layer_name(index, len(layers))})"
        w = as_finite_array(weights, f"{name} weights", 2, MAX_ABS_PARAMETER)
        b = as_finite_array(biases, f"{name} biases", 1, MAX_ABS_PARAMETER)
        if max(w.shape) > MAX_UNITS:
            raise ValueError(f"{name}: {w.shape[0]}×{w.shape[1]} weights exceed the cap of "
                             f"{MAX_UNITS} units a layer")
        if b.shape[0] != w.shape[0]:
            raise ValueError(f"{name}: {w.shape[0]} rows of weights (one per neuron) but "
                             f"{b.shape[0]} biases")
        if previous_out is not None and w.shape[1] != previous_out:
            raise ValueError(f"{name}: weights take {w.shape[1]} inputs but the layer before "
                             f"has {previous_out} neurons")
        if not isinstance(activation, str) or activation not in ACTIVATIONS:
            raise ValueError(f"{name}: unknown activation {repr(activation)[:40]}; choose one of "
                             f"{', '.join(ACTIVATIONS)}")
        if activation == "softmax" and index != len(layers) - 1:
            raise ValueError(f"{name}: softmax is only supported on the output layer")
        previous_out = w.shape[0]
    _check_output_fits_loss(layers[-1][2], loss, previous_out)


def _check_output_fits_loss(output_activation: str, loss: str, n_out: int) -> None:
    required = LOSSES[loss].required_activation
    if required is not None and output_activation != required:
        raise ValueError(f"output layer: {loss} needs a {required} output, not {output_activation}")
    if output_activation == "softmax" and loss != "cross_entropy":
        raise ValueError(f"output layer: a softmax output needs the cross_entropy loss, not {loss}")
    if output_activation == "softmax" and n_out < 2:
        raise ValueError("output layer: a softmax over one output is always 1, so cross-entropy would be 0 "
                         "whatever the weights. Give it 2 or more outputs, or use binary_cross_entropy")


def validate_batch(values, n_columns: int, what: str) -> np.ndarray:
    """Inputs or targets -> (n_samples, n_columns) float array; a flat list is one sample."""
    array = np.atleast_2d(as_finite_array(values, what, (1, 2)))
    if array.shape[1] != n_columns:
        raise ValueError(f"{what}: expected {n_columns} value(s) per sample, got {array.shape[1]}")
    return array
