"""The published numbers of ../shared/oracles.md, each asserted to the digits printed there."""
import numpy as np
import pytest

from backprop import PRESETS, backward, forward, loss_of, naive_softmax, sgd_step, softmax, softmax_jacobian


def assert_printed(value: float, printed: str) -> None:
    """value rounds to exactly what was printed, to as many decimals as were printed."""
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    assert round(float(value), decimals) == float(printed), f"{value!r} does not print as {printed}"


@pytest.fixture
def seed():
    preset = PRESETS["seed"]()
    return preset, forward(preset.network, preset.inputs)


@pytest.mark.parametrize("layer, printed", [
    (0, ["4.8", "1.21", "2.385"]),
    (1, ["0.5031", "-1.04185", "-2.03875"]),
    (2, ["3.176794"]),
])
def test_seed_forward(seed, layer, printed):
    _, trace = seed
    assert trace.layers[layer].a.shape == (1, len(printed))
    for value, text in zip(trace.layers[layer].a[0], printed):
        assert_printed(value, text)


def test_seed_preset_is_the_seed_network(seed):
    preset, _ = seed
    assert preset.network.sizes == [4, 3, 3, 1]
    assert preset.network.layers[0].weights[1].tolist() == [0.5, -0.91, 0.26, -0.5]
    assert preset.network.layers[2].biases.tolist() == [4.0]
    assert all(layer.activation == "identity" for layer in preset.network.layers)


@pytest.fixture(scope="module")
def mazur():
    preset = PRESETS["mazur"]()
    trace = forward(preset.network, preset.inputs)
    grads = backward(preset.network, trace, preset.targets)
    update = sgd_step(preset.network, grads, preset.learning_rate)
    return preset, trace, grads, update


def test_mazur_forward(mazur):
    _, trace, grads, _ = mazur
    hidden, output = trace.layers[0].a[0], trace.layers[1].a[0]
    assert_printed(hidden[0], "0.593269992")
    assert_printed(hidden[1], "0.596884378")
    assert_printed(output[0], "0.75136507")
    assert_printed(output[1], "0.772928465")
    assert_printed(grads.loss, "0.298371109")


# Mazur's w1..w8 as (layer, neuron, input): w1, w2 feed h1; w5, w6 feed o1.
MAZUR_WEIGHTS = {"w1": (0, 0, 0), "w2": (0, 0, 1), "w3": (0, 1, 0), "w4": (0, 1, 1),
                 "w5": (1, 0, 0), "w6": (1, 0, 1), "w7": (1, 1, 0), "w8": (1, 1, 1)}


@pytest.mark.parametrize("name, printed", [
    ("w5", "0.082167041"), ("w6", "0.082667628"), ("w7", "-0.022602540"), ("w8", "-0.022740242"),
    ("w1", "0.000438568"),
])
def test_mazur_gradients(mazur, name, printed):
    layer, neuron, source = MAZUR_WEIGHTS[name]
    assert_printed(mazur[2].layers[layer].grad_weights[neuron, source], printed)


@pytest.mark.parametrize("name, printed", [
    ("w1", "0.149780716"), ("w2", "0.19956143"), ("w3", "0.24975114"), ("w4", "0.29950229"),
    ("w5", "0.35891648"), ("w6", "0.408666186"), ("w7", "0.511301270"), ("w8", "0.561370121"),
])
def test_mazur_weights_after_one_step(mazur, name, printed):
    layer, neuron, source = MAZUR_WEIGHTS[name]
    assert_printed(mazur[3].network_after.layers[layer].weights[neuron, source], printed)


def test_mazur_loss_after_one_step_and_frozen_biases(mazur):
    preset, _, _, update = mazur
    assert_printed(loss_of(update.network_after, preset.inputs, preset.targets), "0.291027774")
    for before, after in zip(preset.network.layers, update.network_after.layers):
        assert after.biases.tolist() == before.biases.tolist() == [before.biases[0]] * 2


def test_softmax_values_and_jacobian():
    s = softmax(np.array([1.0, 2.0, 3.0]))
    for value, text in zip(s, ["0.09003057", "0.24472847", "0.66524096"]):
        assert_printed(value, text)
    jacobian = softmax_jacobian(s)
    for i, text in enumerate(["0.08192507", "0.18483645", "0.22269543"]):
        assert_printed(jacobian[i, i], text)
    assert_printed(jacobian[0, 1], "-0.02203304")
    assert_printed(jacobian[0, 2], "-0.05989202")
    assert_printed(jacobian[1, 2], "-0.1628034")
    assert np.allclose(jacobian, jacobian.T)


def test_stable_softmax_cures_the_overflow():
    large = np.array([1000.0, 1001.0, 1002.0])
    assert np.isnan(naive_softmax(large)).all()
    assert np.allclose(softmax(large), softmax(np.array([1.0, 2.0, 3.0])), rtol=0, atol=1e-15)
