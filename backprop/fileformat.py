"""The network file: plain JSON, read with json.loads and validated, never executed or unpickled.

{"format": "backprop-explorer/network", "version": 1, "loss": "mse", "train_biases": true,
 "layers": [{"activation": "identity", "weights": [[...], ...], "biases": [...]}, ...]}
"""
import json

from .network import Network, make_network
from .validation import validate_batch

FORMAT = "backprop-explorer/network"
VERSION = 1
MAX_FILE_BYTES = 5_000_000  # 10 layers of 1024×1024 numbers would not fit anyway


def to_dict(network: Network) -> dict:
    return {"format": FORMAT, "version": VERSION, "loss": network.loss,
            "train_biases": network.train_biases,
            "layers": [{"activation": layer.activation, "weights": layer.weights.tolist(),
                        "biases": layer.biases.tolist()} for layer in network.layers]}


def dumps(network: Network) -> str:
    return json.dumps(to_dict(network), indent=1)


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a finite number")


def parse_json(text: str | bytes, what: str = "file") -> object:
    """json.loads with a size cap, NaN/Infinity refused and every failure as one ValueError."""
    if len(text) > MAX_FILE_BYTES:
        raise ValueError(f"the {what} is {len(text):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError(f"the {what} is not UTF-8 text") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ValueError(f"the {what} is not valid JSON: {error.msg} at line {error.lineno}") from None
    except ValueError as error:  # NaN/Infinity, or an integer of thousands of digits
        raise ValueError(f"the {what} holds a value that is not allowed: {error}") from None
    except RecursionError:
        raise ValueError(f"the {what} is nested too deeply") from None


def _numbers_only(values, what: str, depth: int = 2):
    """Lists of numbers at most `depth` deep. JSON true/false would pass as 1/0 in numpy: refuse them."""
    if isinstance(values, list):
        if depth == 0:
            raise ValueError(f"{what}: lists are nested deeper than rows of numbers")
        for item in values:
            _numbers_only(item, what, depth - 1)
    elif isinstance(values, bool) or not isinstance(values, (int, float)):
        raise ValueError(f"{what}: expected numbers, got {type(values).__name__}")


def from_dict(data) -> Network:
    if not isinstance(data, dict):
        raise ValueError("a network file holds one JSON object {...}")
    if data.get("format") != FORMAT:
        raise ValueError(f'not a network file: "format" must be "{FORMAT}"')
    if data.get("version") != VERSION:
        raise ValueError(f"unsupported version {data.get('version')!r}; this reader knows version {VERSION}")
    layers = data.get("layers")
    if not isinstance(layers, list) or not layers:
        raise ValueError('"layers" must be a non-empty list')
    triples = []
    for index, layer in enumerate(layers):
        name = f"layer {index + 1}"
        if not isinstance(layer, dict) or not {"activation", "weights", "biases"} <= layer.keys():
            raise ValueError(f'{name}: needs "activation", "weights" and "biases"')
        _numbers_only(layer["weights"], f"{name} weights")
        _numbers_only(layer["biases"], f"{name} biases", depth=1)
        triples.append((layer["weights"], layer["biases"], layer["activation"]))
    train_biases = data.get("train_biases", True)
    if not isinstance(train_biases, bool):
        raise ValueError('"train_biases" must be true or false')
    loss = data.get("loss", "mse")
    if not isinstance(loss, str):
        raise ValueError('"loss" must be a name such as "mse"')
    return make_network(triples, loss, train_biases)


def loads(text: str | bytes) -> Network:
    """Parse and validate a network file; ValueError with one clear sentence on any problem."""
    return from_dict(parse_json(text, "network file"))


def load_data(text: str | bytes, n_in: int, n_out: int):
    """A data file {"inputs": [[...]], "targets": [[...]]} -> (inputs, targets) arrays."""
    data = parse_json(text, "data file")
    if not isinstance(data, dict) or not {"inputs", "targets"} <= data.keys():
        raise ValueError('a data file holds {"inputs": [[...]], "targets": [[...]]}')
    _numbers_only(data["inputs"], "inputs")
    _numbers_only(data["targets"], "targets")
    inputs = validate_batch(data["inputs"], n_in, "inputs")
    targets = validate_batch(data["targets"], n_out, "targets")
    if len(inputs) != len(targets):
        raise ValueError(f"{len(inputs)} input rows but {len(targets)} target rows")
    return inputs, targets
