"""Checks on anything a user can hand the core, with messages that name the layer and the problem.

Caps keep a shared server safe: a learner's network can be big enough to learn digits,
never big enough to stall the machine for the rest of the class.
"""
import numpy as np

from .activations import ACTIVATIONS
from .i18n import _
from .losses import LOSSES, targets_problem

MAX_LAYERS = 10
MAX_UNITS = 1024
MAX_ABS_PARAMETER = 1e6  # a weight or bias beyond this is a typo, not an experiment


def layer_name(index: int, n_layers: int) -> str:
    """0-based layer index -> 'hidden layer 1' ... 'output layer'."""
    return _("output layer") if index == n_layers - 1 else _("hidden layer {k}").format(k=index + 1)


def as_finite_array(values, what: str, ndim: int | tuple[int, ...],
                    limit: float | None = None) -> np.ndarray:
    """values -> float array with ndim (or one of several) dimensions, or ValueError naming `what`."""
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if isinstance(values, (str, bytes)):
        raise ValueError(_("{what}: expected numbers, got text").format(what=what))
    try:
        array = np.array(values, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(_("{what}: every entry must be a number, in rows of equal length").format(what=what)) from None
    if array.ndim not in allowed:
        expected = (_("{what}: expected a list of numbers, got {n} dimension(s)") if allowed == (1,) else
                    _("{what}: expected rows of numbers, got {n} dimension(s)"))
        raise ValueError(expected.format(what=what, n=array.ndim))
    if array.size == 0:
        raise ValueError(_("{what}: is empty").format(what=what))
    bad = np.argwhere(~np.isfinite(array))
    if bad.size:
        position = ", ".join(str(i + 1) for i in bad[0])
        raise ValueError(_("{what}: entry ({position}) is {value}, not a finite number").format(
            what=what, position=position, value=array[tuple(bad[0])]))
    if limit is not None and np.max(np.abs(array)) > limit:
        raise ValueError(_("{what}: magnitudes above {limit} are not allowed").format(what=what, limit=f"{limit:g}"))
    return array


def validate_network(layers, loss: str) -> None:
    """Raise ValueError for the first problem in (weights, biases, activation) triples and loss."""
    if not isinstance(loss, str) or loss not in LOSSES:
        raise ValueError(_("unknown loss {name}; choose one of {names}").format(name=repr(loss)[:40],
                                                                                names=", ".join(LOSSES)))
    if not 1 <= len(layers) <= MAX_LAYERS:
        raise ValueError(_("a network needs 1 to {limit} layers, got {n}").format(limit=MAX_LAYERS, n=len(layers)))
    previous_out = None
    for index, (weights, biases, activation) in enumerate(layers):
        name = _("layer {k} ({name})").format(k=index + 1, name=layer_name(index, len(layers)))
        w = as_finite_array(weights, _("{layer} weights").format(layer=name), 2, MAX_ABS_PARAMETER)
        b = as_finite_array(biases, _("{layer} biases").format(layer=name), 1, MAX_ABS_PARAMETER)
        if max(w.shape) > MAX_UNITS:
            raise ValueError(_("{layer}: {rows}×{columns} weights exceed the cap of {limit} units a layer").format(
                layer=name, rows=w.shape[0], columns=w.shape[1], limit=MAX_UNITS))
        if b.shape[0] != w.shape[0]:
            raise ValueError(_("{layer}: {rows} rows of weights (one per neuron) but {n} biases").format(
                layer=name, rows=w.shape[0], n=b.shape[0]))
        if previous_out is not None and w.shape[1] != previous_out:
            raise ValueError(_("{layer}: weights take {inputs} inputs but the layer before has {n} neurons").format(
                layer=name, inputs=w.shape[1], n=previous_out))
        if not isinstance(activation, str) or activation not in ACTIVATIONS:
            raise ValueError(_("{layer}: unknown activation {name}; choose one of {names}").format(
                layer=name, name=repr(activation)[:40], names=", ".join(ACTIVATIONS)))
        if activation == "softmax" and index != len(layers) - 1:
            raise ValueError(_("{layer}: softmax is only supported on the output layer").format(layer=name))
        previous_out = w.shape[0]
    _check_output_fits_loss(layers[-1][2], loss, previous_out)


def _check_output_fits_loss(output_activation: str, loss: str, n_out: int) -> None:
    required = LOSSES[loss].required_activation
    if required is not None and output_activation != required:
        raise ValueError(_("output layer: {loss} needs a {required} output, not {activation}").format(
            loss=loss, required=required, activation=output_activation))
    if output_activation == "softmax" and loss != "cross_entropy":
        raise ValueError(_("output layer: a softmax output needs the cross_entropy loss, not {loss}").format(loss=loss))
    if output_activation == "softmax" and n_out < 2:
        raise ValueError(_("output layer: a softmax over one output is always 1, so cross-entropy would be 0 "
                           "whatever the weights. Give it 2 or more outputs, or use binary_cross_entropy"))


def validate_targets(targets: np.ndarray, loss: str) -> np.ndarray:
    """targets (n_samples, n_outputs) unchanged if they suit the loss, else ValueError saying why."""
    if (problem := targets_problem(loss, targets)) is not None:
        raise ValueError(problem)
    return targets


def validate_batch(values, n_columns: int, what: str) -> np.ndarray:
    """Inputs or targets -> (n_samples, n_columns) float array; a flat list is one sample."""
    array = np.atleast_2d(as_finite_array(values, what, (1, 2)))
    if array.shape[1] != n_columns:
        raise ValueError(_("{what}: expected {n} value(s) per sample, got {got}").format(
            what=what, n=n_columns, got=array.shape[1]))
    return array
