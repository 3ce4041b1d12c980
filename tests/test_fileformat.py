"""The network file: a round trip, and every kind of bad or hostile file refused with one sentence."""
import json
import pickle

import numpy as np
import pytest

from backprop import PRESETS
from backprop.fileformat import FORMAT, MAX_FILE_BYTES, dumps, load_data, loads, read, to_dict


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_round_trip_keeps_every_number(name):
    network = PRESETS[name]().network
    again = loads(dumps(network))
    assert again.loss == network.loss and again.train_biases == network.train_biases
    for a, b in zip(network.layers, again.layers):
        assert np.array_equal(a.weights, b.weights) and np.array_equal(a.biases, b.biases)
        assert a.activation == b.activation


def seed_file(**changes):
    data = to_dict(PRESETS["seed"]().network)
    data.update(changes)
    return json.dumps(data)


def seed_layer_file(**changes):
    data = to_dict(PRESETS["seed"]().network)
    data["layers"][1].update(changes)
    return json.dumps(data)


@pytest.mark.parametrize("text, message", [
    ("", "not valid JSON"),
    ("{", "not valid JSON"),
    (b"\xff\xfe", "not UTF-8 text"),
    ("[1, 2]", "one JSON object"),
    ('{"format": "something-else"}', 'must be "backprop-explorer/network"'),
    (seed_file(version=3), "unsupported version 3"),
    (seed_file(layers=[]), '"layers" must be a non-empty list'),
    (seed_file(layers="x"), '"layers" must be a non-empty list'),
    (seed_file(train_biases="yes"), '"train_biases" must be true or false'),
    (seed_file(loss=["mse"]), '"loss" must be a name'),
    (seed_file(loss="__import__('os')"), "unknown loss"),
    (seed_layer_file(weights=[[1, 2, True]] * 3), "layer 2 weights: expected numbers, got bool"),
    (seed_layer_file(weights=[["1", 2, 3]] * 3), "layer 2 weights: expected numbers, got str"),
    (seed_layer_file(biases=[[1], [2], [3]]), "layer 2 biases: lists are nested deeper"),
    (seed_layer_file(weights=[[[[1]]]]), "lists are nested deeper"),
    (seed_layer_file(activation="os.system"), "unknown activation 'os.system'"),
    (seed_layer_file(weights=[[1, 2]] * 3), "weights take 2 inputs but the layer before has 3"),
    (seed_file().replace("0.2", "NaN", 1), "NaN is not a finite number"),
    (seed_file().replace("0.2", "Infinity", 1), "Infinity is not a finite number"),
    (seed_file().replace("0.2", "1e999", 1), "is inf, not a finite number"),
    (seed_file().replace("0.2", "9" * 5000, 1), "not allowed"),
    ('{"format": "backprop-explorer/network", "version": 1, "layers": [{"activation": "identity"}]}', 'needs "activation", "weights" and "biases"'),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    (" " * (MAX_FILE_BYTES + 1), "the limit is 5,000,000"),
])
def test_bad_files_are_refused(text, message):
    with pytest.raises(ValueError) as error:
        loads(text)
    assert message in str(error.value)


def test_a_pickle_is_data_not_code():
    payload = pickle.dumps(PRESETS["seed"]().network)
    with pytest.raises(ValueError, match="not UTF-8 text|not valid JSON"):
        loads(payload)


def test_data_file():
    inputs, targets = load_data('{"inputs": [[0, 1], [1, 0]], "targets": [[1], [1]]}', 2, 1)
    assert inputs.shape == (2, 2) and targets.shape == (2, 1)
    with pytest.raises(ValueError, match="2 input rows but 1 target rows"):
        load_data('{"inputs": [[0, 1], [1, 0]], "targets": [[1]]}', 2, 1)
    with pytest.raises(ValueError, match='holds {"inputs"'):
        load_data('{"inputs": [[0, 1]]}', 2, 1)
    with pytest.raises(ValueError, match="inputs: expected 2 value"):
        load_data('{"inputs": [[0, 1, 2]], "targets": [[1]]}', 2, 1)


def test_format_tag():
    assert json.loads(dumps(PRESETS["xor"]().network))["format"] == FORMAT


def test_version_2_carries_the_lesson_and_version_1_still_loads():
    preset = PRESETS["xor"]()
    text = dumps(preset.network, inputs=preset.inputs, targets=preset.targets, learning_rate=0.25, batch_size=2,
                 position=5)
    file = read(text)
    assert json.loads(text)["version"] == 2
    assert np.array_equal(file.inputs, preset.inputs) and np.array_equal(file.targets, preset.targets)
    assert (file.learning_rate, file.batch_size, file.position) == (0.25, 2, 5)
    old = to_dict(preset.network) | {"version": 1}
    assert read(json.dumps(old)).inputs is None and read(json.dumps(old)).position == 0
    assert loads(json.dumps(old)).sizes == [2, 3, 1]


@pytest.mark.parametrize("changes, words", [
    ({"learning_rate": "fast"}, "learning_rate"), ({"learning_rate": -1}, "learning_rate"),
    ({"learning_rate": True}, "learning_rate"), ({"batch_size": 0}, "batch_size"), ({"batch_size": 1.5}, "batch_size"),
    ({"position": -1}, "position"), ({"position": 99}, "position"), ({"data": [[1, 2, 3, 4]]}, '"data" holds'),
    ({"data": {"inputs": [[1, 2]], "targets": [[1]]}}, "expected 4 value"),
    ({"data": {"inputs": [[1, 2, 3, 4]], "targets": [[1], [2]]}}, "1 input rows but 2 target rows"),
    ({"data": {"inputs": [["1", 2, 3, 4]], "targets": [[1]]}}, "expected numbers"), ({"version": 3}, "version"),
    ({"version": True}, "version"),
])
def test_a_bad_lesson_in_a_version_2_file_is_refused_in_one_sentence(changes, words):
    with pytest.raises(ValueError, match=words):
        read(seed_file(**changes))
