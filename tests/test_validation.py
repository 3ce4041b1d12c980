"""Every validation error, and that its message names the layer and the problem."""
import numpy as np
import pytest

from backprop import MAX_LAYERS, MAX_UNITS, initialise, make_network, walkthrough
from backprop.validation import validate_batch

GOOD = [([[1.0, 2.0], [3.0, 4.0]], [0.0, 0.0], "sigmoid"), ([[1.0, -1.0]], [0.5], "identity")]


def with_layer(index, **changes):
    layers = [list(layer) for layer in GOOD]
    for key, value in changes.items():
        layers[index][{"weights": 0, "biases": 1, "activation": 2}[key]] = value
    return layers


@pytest.mark.parametrize("layers, loss, message", [
    (with_layer(0, weights=[[1.0, 2.0], [3.0]]), "mse", "layer 1 (hidden layer 1) weights: every entry must be a number"),
    (with_layer(0, weights=[[1.0, float("nan")], [3.0, 4.0]]), "mse", "layer 1 (hidden layer 1) weights: entry (1, 2) is nan"),
    (with_layer(1, biases=[float("inf")]), "mse", "layer 2 (output layer) biases: entry (1) is inf"),
    (with_layer(1, weights=[["a", 1.0]]), "mse", "layer 2 (output layer) weights: every entry must be a number"),
    (with_layer(0, weights="1,2"), "mse", "layer 1 (hidden layer 1) weights: expected numbers, got text"),
    (with_layer(0, weights=[]), "mse", "layer 1 (hidden layer 1) weights: expected rows of numbers"),
    (with_layer(0, weights=[[1e7, 0.0], [0.0, 0.0]]), "mse", "magnitudes above 1e+06"),
    (with_layer(0, biases=[0.0]), "mse", "layer 1 (hidden layer 1): 2 rows of weights (one per neuron) but 1 biases"),
    (with_layer(1, weights=[[1.0, 2.0, 3.0]]), "mse", "layer 2 (output layer): weights take 3 inputs but the layer before has 2"),
    (with_layer(0, activation="swish"), "mse", "layer 1 (hidden layer 1): unknown activation 'swish'"),
    (with_layer(0, activation="softmax"), "mse", "layer 1 (hidden layer 1): softmax is only supported on the output layer"),
    (with_layer(1, activation="softmax"), "mse", "output layer: a softmax output needs the cross_entropy loss, not mse"),
    (GOOD, "cross_entropy", "output layer: cross_entropy needs a softmax output, not identity"),
    (GOOD, "binary_cross_entropy", "output layer: binary_cross_entropy needs a sigmoid output"),
    (GOOD, "hinge", "unknown loss 'hinge'"),
    ([], "mse", "a network needs 1 to 10 layers, got 0"),
    ([([[1.0]], [0.0], "identity")] * (MAX_LAYERS + 1), "mse", "a network needs 1 to 10 layers, got 11"),
    ([(np.zeros((MAX_UNITS + 1, 1)), np.zeros(MAX_UNITS + 1), "relu")], "mse", "exceed the cap of 1024 units"),
])
def test_bad_networks_are_refused_with_a_clear_message(layers, loss, message):
    with pytest.raises(ValueError) as error:
        make_network(layers, loss)
    assert message in str(error.value)


def test_a_good_network_is_accepted_and_read_only():
    network = make_network(GOOD)
    assert network.sizes == [2, 2, 1]
    with pytest.raises(ValueError):
        network.layers[0].weights[0, 0] = 5.0


@pytest.mark.parametrize("sizes, activations, message", [
    ([2, 3], ["relu", "relu"], "1 layers need 1 activations, got 2"),
    ([2, 0, 1], ["relu", "identity"], "positive whole numbers"),
    ([2, 100_000, 1], ["relu", "identity"], "at most 10 layers of at most 1024 units"),
    ([1] * 12, ["identity"] * 11, "at most 10 layers"),
])
def test_initialise_refuses_impossible_architectures(sizes, activations, message):
    with pytest.raises(ValueError, match=message):
        initialise(sizes, activations)


def test_initialise_is_seeded():
    first, again, other = (initialise([4, 3, 1], ["tanh", "identity"], seed=s) for s in (5, 5, 6))
    assert np.array_equal(first.layers[0].weights, again.layers[0].weights)
    assert not np.array_equal(first.layers[0].weights, other.layers[0].weights)


@pytest.mark.parametrize("values, message", [
    ([1.0, 2.0, 3.0], "expected 2 value(s) per sample, got 3"),
    ([[1.0, float("nan")]], "entry (1, 2) is nan"),
    ([[[1.0, 2.0]]], "got 3 dimension(s)"),
    ([], "is empty"),
])
def test_bad_data_is_refused(values, message):
    with pytest.raises(ValueError) as error:
        validate_batch(values, 2, "inputs")
    assert message in str(error.value)


def test_walkthrough_refuses_a_missing_sample():
    network = make_network(GOOD)
    with pytest.raises(ValueError, match="sample 3 does not exist: the data has 1 sample"):
        walkthrough(network, np.ones((1, 2)), np.ones((1, 1)), 0.1, sample=2)
