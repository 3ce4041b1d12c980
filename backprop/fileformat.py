"""The network file: plain JSON, read with json.loads and validated, never executed or unpickled.

{"format": "backprop-explorer/network", "version": 2, "loss": "mse", "train_biases": true,
 "layers": [{"activation": "identity", "weights": [[...], ...], "biases": [...]}, ...],
 "data": {"inputs": [[...]], "targets": [[...]]}, "learning_rate": 0.005, "batch_size": null, "position": 0}

Version 2 adds the optional lesson around the network: the data, η, the batch size (null: all samples) and
the position in the pass. Version 1 files, the network alone, still load.
"""
import json
from typing import NamedTuple

import numpy as np

from .i18n import N_, _
from .network import Network, make_network
from .validation import validate_batch, validate_targets

FORMAT = "backprop-explorer/network"
VERSION = 2
READS = (1, 2)
MAX_FILE_BYTES = 5_000_000  # 10 layers of 1024×1024 numbers would not fit anyway


class NetworkFile(NamedTuple):
    network: Network
    inputs: np.ndarray | None = None     # (n_samples, n_in); None: the file has no data
    targets: np.ndarray | None = None    # (n_samples, n_out)
    learning_rate: float | None = None
    batch_size: int | None = None        # None: all samples at once
    position: int = 0                    # steps of the pass already taken


def to_dict(network: Network, inputs=None, targets=None, learning_rate: float | None = None,
            batch_size: int | None = None, position: int = 0) -> dict:
    data = {"format": FORMAT, "version": VERSION, "loss": network.loss, "train_biases": network.train_biases,
            "layers": [{"activation": layer.activation, "weights": layer.weights.tolist(),
                        "biases": layer.biases.tolist()} for layer in network.layers]}
    if inputs is not None:
        data["data"] = {"inputs": np.asarray(inputs).tolist(), "targets": np.asarray(targets).tolist()}
    if learning_rate is not None:
        data.update(learning_rate=float(learning_rate), batch_size=batch_size, position=int(position))
    return data


def dumps(network: Network, **lesson) -> str:
    """The network, and optionally its lesson: inputs, targets, learning_rate, batch_size, position."""
    return json.dumps(to_dict(network, **lesson), indent=1)


def _reject_constant(name: str):
    raise ValueError(_("{name} is not a finite number").format(name=name))


def parse_json(text: str | bytes, what: str = N_("file")) -> object:
    """json.loads with a size cap, NaN/Infinity refused and every failure as one ValueError."""
    what = _(what)
    if len(text) > MAX_FILE_BYTES:
        raise ValueError(_("the {what} is {size} bytes; the limit is {limit}").format(
            what=what, size=f"{len(text):,}", limit=f"{MAX_FILE_BYTES:,}"))
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError(_("the {what} is not UTF-8 text").format(what=what)) from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ValueError(_("the {what} is not valid JSON: {error} at line {line}").format(
            what=what, error=error.msg, line=error.lineno)) from None
    except ValueError as error:  # NaN/Infinity, or an integer of thousands of digits
        raise ValueError(_("the {what} holds a value that is not allowed: {error}").format(what=what, error=error)) from None
    except RecursionError:
        raise ValueError(_("the {what} is nested too deeply").format(what=what)) from None


def _numbers_only(values, what: str, depth: int = 2):
    """Lists of numbers at most `depth` deep. JSON true/false would pass as 1/0 in numpy: refuse them."""
    if isinstance(values, list):
        if depth == 0:
            raise ValueError(_("{what}: lists are nested deeper than rows of numbers").format(what=what))
        for item in values:
            _numbers_only(item, what, depth - 1)
    elif isinstance(values, bool) or not isinstance(values, (int, float)):
        raise ValueError(_("{what}: expected numbers, got {type}").format(what=what, type=type(values).__name__))


def from_dict(data) -> Network:
    if not isinstance(data, dict):
        raise ValueError(_("a network file holds one JSON object {...}"))
    if data.get("format") != FORMAT:
        raise ValueError(_('not a network file: "format" must be "{format}"').format(format=FORMAT))
    if data.get("version") not in READS or isinstance(data.get("version"), bool):
        raise ValueError(_("unsupported version {version}; this reader knows versions {versions}").format(
            version=repr(data.get("version"))[:20], versions=(" " + _("and") + " ").join(map(str, READS))))
    layers = data.get("layers")
    if not isinstance(layers, list) or not layers:
        raise ValueError(_('"layers" must be a non-empty list'))
    triples = []
    for index, layer in enumerate(layers):
        name = _("layer {k}").format(k=index + 1)
        if not isinstance(layer, dict) or not {"activation", "weights", "biases"} <= layer.keys():
            raise ValueError(_('{layer}: needs "activation", "weights" and "biases"').format(layer=name))
        _numbers_only(layer["weights"], _("{layer} weights").format(layer=name))
        _numbers_only(layer["biases"], _("{layer} biases").format(layer=name), depth=1)
        triples.append((layer["weights"], layer["biases"], layer["activation"]))
    train_biases = data.get("train_biases", True)
    if not isinstance(train_biases, bool):
        raise ValueError(_('"train_biases" must be true or false'))
    loss = data.get("loss", "mse")
    if not isinstance(loss, str):
        raise ValueError(_('"loss" must be a name such as "mse"'))
    return make_network(triples, loss, train_biases)


def loads(text: str | bytes) -> Network:
    """Parse and validate a network file; ValueError with one clear sentence on any problem."""
    return read(text).network


def read(text: str | bytes) -> NetworkFile:
    """A network file of either version with whatever lesson it carries, all validated."""
    data = parse_json(text, N_("network file"))
    network = from_dict(data)
    sizes = network.sizes
    inputs = targets = None
    if "data" in data:
        inputs, targets = _data(data["data"], sizes[0], sizes[-1])
        validate_targets(targets, network.loss)
    rate = data.get("learning_rate")
    if rate is not None and (isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 < rate < 1e6):
        raise ValueError(_('"learning_rate" must be a positive number'))
    batch = data.get("batch_size")
    if batch is not None and (isinstance(batch, bool) or not isinstance(batch, int) or batch < 1):
        raise ValueError(_('"batch_size" must be a whole number from 1, or null for all samples'))
    position = data.get("position", 0)
    if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position <= 2 * len(sizes):
        raise ValueError(_('"position" must be a step of the pass, from 0 to {last}').format(last=2 * len(sizes)))
    return NetworkFile(network, inputs, targets, None if rate is None else float(rate), batch, position)


def _data(data, n_in: int, n_out: int):
    if not isinstance(data, dict) or not {"inputs", "targets"} <= data.keys():
        raise ValueError(_('"data" holds {"inputs": [[...]], "targets": [[...]]}'))
    _numbers_only(data["inputs"], _("inputs"))
    _numbers_only(data["targets"], _("targets"))
    inputs = validate_batch(data["inputs"], n_in, _("inputs"))
    targets = validate_batch(data["targets"], n_out, _("targets"))
    if len(inputs) != len(targets):
        raise ValueError(_("{inputs} input rows but {targets} target rows").format(inputs=len(inputs),
                                                                                   targets=len(targets)))
    return inputs, targets


def load_data(text: str | bytes, n_in: int, n_out: int):
    """A data file {"inputs": [[...]], "targets": [[...]]} -> (inputs, targets) arrays."""
    return _data(parse_json(text, N_("data file")), n_in, n_out)
