"""The loss along one or two parameters: batched passes that agree with the plain core, tangents whose slope is
the backward pass's gradient, and gradient norms and spreads that match the traces they summarise."""
import numpy as np
import pytest

from backprop import PRESETS, backward, forward, loss_of, train, walkthrough
from backprop.diagnostics import gradient_norms, histogram, spread
from backprop.gradcheck import STEP
from backprop.landscape import (CURVE_POINTS, Parameter, every_parameter, gradient_of, loss_along, loss_surface,
                                losses_at, path, value_of)
from helpers import HIDDEN_ACTIVATIONS, LOSS_OUTPUTS, random_problem

DEFAULT_EPOCHS = 50  # the explorer's Epochs field starts here


def moved(network, parameter: Parameter, value: float):
    """The network with one parameter set, through the ordinary validated path."""
    layer = network.layers[parameter.layer]
    if parameter.is_bias:
        biases = layer.biases.copy()
        biases[parameter.neuron] = value
        return network.with_layer(parameter.layer, biases=biases)
    weights = layer.weights.copy()
    weights[parameter.neuron, parameter.source] = value
    return network.with_layer(parameter.layer, weights=weights)


@pytest.mark.parametrize("loss, output", LOSS_OUTPUTS)
def test_the_batched_pass_is_the_plain_loss_at_every_trial_value(loss, output):
    network, x, y = random_problem("tanh", loss, output, seed=4)
    chosen = [Parameter(0, 1, 2), Parameter(2, 0, None)]
    values = np.array([[-1.5, 0.3], [0.0, 0.0], [2.0, -4.0]])
    expected = [loss_of(moved(moved(network, chosen[0], a), chosen[1], b), x, y) for a, b in values]
    np.testing.assert_allclose(losses_at(network, x, y, chosen, values), expected, rtol=1e-12, atol=1e-14)


def test_two_parameters_of_one_layer_and_a_single_copy():
    network, x, y = random_problem("relu", "mse", "identity", seed=2)
    chosen = [Parameter(1, 0, 1), Parameter(1, 2, None)]
    expected = loss_of(moved(moved(network, chosen[0], 0.7), chosen[1], -0.2), x, y)
    assert losses_at(network, x, y, chosen, np.array([[0.7, -0.2]]))[0] == pytest.approx(expected, rel=1e-12)


def test_large_batches_are_computed_in_chunks_with_the_same_result(monkeypatch):
    import backprop.landscape as landscape
    network, x, y = random_problem("sigmoid", "half_sse", "identity", seed=5, n_samples=40)
    values = np.linspace(-3, 3, 101)[:, None]
    whole = losses_at(network, x, y, [Parameter(0, 0, 0)], values)
    monkeypatch.setattr(landscape, "ROWS_PER_CHUNK", 7 * len(x))
    np.testing.assert_array_equal(losses_at(network, x, y, [Parameter(0, 0, 0)], values), whole)


@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
@pytest.mark.parametrize("loss, output", LOSS_OUTPUTS)
def test_the_curve_is_centred_on_the_explorers_loss_and_its_slope_is_the_gradient(hidden, loss, output):
    network, x, y = random_problem(hidden, loss, output, seed=9)
    walk = walkthrough(network, x, y, 0.1)
    for parameter in (Parameter(0, 2, 1), Parameter(1, 1, None), Parameter(2, 1, 2)):
        curve = loss_along(network, x, y, walk.backward, parameter, 0.1)
        middle = CURVE_POINTS // 2
        assert curve.values[middle] == curve.value == value_of(network, parameter)
        assert curve.losses[middle] == pytest.approx(walk.backward.loss, rel=1e-12)  # the loss the page shows
        assert curve.gradient == gradient_of(walk.backward, parameter)
        # a central difference of the very function that draws the curve, at the current point
        around = losses_at(network, x, y, [parameter], np.array([[curve.value + STEP], [curve.value - STEP]]))
        slope = (around[0] - around[1]) / (2 * STEP)
        assert abs(slope - curve.gradient) <= 1e-6 * max(1.0, abs(curve.gradient))


def test_one_sgd_step_lands_where_the_update_puts_that_parameter():
    preset = PRESETS["seed"]()
    walk = walkthrough(preset.network, preset.inputs, preset.targets, preset.learning_rate)
    parameter = Parameter(0, 0, 1)
    curve = loss_along(preset.network, preset.inputs, preset.targets, walk.backward, parameter, preset.learning_rate)
    assert curve.step_value == pytest.approx(value_of(walk.update.network_after, parameter), rel=1e-15)
    assert curve.step_loss == pytest.approx(loss_of(moved(preset.network, parameter, curve.step_value),
                                                    preset.inputs, preset.targets), rel=1e-12)
    assert curve.values[0] <= curve.step_value <= curve.values[-1]


def test_the_range_widens_until_the_valley_shows():
    """On the seed network L is a parabola in every weight: its lowest point must lie inside the range."""
    preset = PRESETS["seed"]()
    walk = walkthrough(preset.network, preset.inputs, preset.targets, preset.learning_rate)
    curve = loss_along(preset.network, preset.inputs, preset.targets, walk.backward, Parameter(2, 0, 0), 0.005)
    lowest = int(np.argmin(curve.losses))
    assert 0 < lowest < CURVE_POINTS - 1
    assert curve.losses[lowest] < 0.05 * curve.loss
    # a parabola: central differences of the plotted points themselves give the tangent's slope
    middle, spacing = CURVE_POINTS // 2, curve.values[CURVE_POINTS // 2 + 1] - curve.values[CURVE_POINTS // 2]
    plotted_slope = (curve.losses[middle + 1] - curve.losses[middle - 1]) / (2 * spacing)
    assert plotted_slope == pytest.approx(curve.gradient, rel=1e-6)


def test_the_surface_matches_the_curve_along_each_axis():
    network, x, y = random_problem("tanh", "mse", "identity", seed=11)
    walk = walkthrough(network, x, y, 0.2)
    chosen = (Parameter(0, 0, 0), Parameter(1, 1, 2))
    surface = loss_surface(network, x, y, walk.backward, chosen, 0.2, points=21)
    assert surface.losses.shape == (21, 21)
    assert surface.value == (value_of(network, chosen[0]), value_of(network, chosen[1]))
    assert surface.gradient == (gradient_of(walk.backward, chosen[0]), gradient_of(walk.backward, chosen[1]))
    r, c = 7, 15  # losses[r, c] is at (first[c], second[r])
    expected = loss_of(moved(moved(network, chosen[0], surface.first[c]), chosen[1], surface.second[r]), x, y)
    assert surface.losses[r, c] == pytest.approx(expected, rel=1e-12)
    assert surface.step == pytest.approx((value_of(walk.update.network_after, chosen[0]),
                                          value_of(walk.update.network_after, chosen[1])), rel=1e-15)


def test_every_parameter_is_listed_once_in_layer_order():
    network = PRESETS["seed"]().network
    parameters = every_parameter(network)
    assert len(parameters) == len(set(parameters)) == sum(l.weights.size + l.biases.size for l in network.layers)
    assert parameters[:13] == [Parameter(0, i, j) for i in range(3) for j in range(4)] + [Parameter(0, 0, None)]
    assert [value_of(network, p) for p in parameters[:2]] == [0.2, 0.8]


def test_a_path_reads_the_two_parameters_from_each_network():
    preset = PRESETS["seed"]()
    result = train(preset.network, preset.inputs, preset.targets, 0.005, 5, keep_last=3)
    assert len(result.networks) == 3 and result.networks[-1] is result.network
    chosen = (Parameter(0, 0, 1), Parameter(2, 0, None))
    assert path(result.networks, chosen)[-1] == (value_of(result.network, chosen[0]), value_of(result.network, chosen[1]))


def test_the_norms_training_records_are_the_norms_of_the_traces_gradients():
    network, x, y = random_problem("sigmoid", "binary_cross_entropy", "sigmoid", seed=3)
    result = train(network, x, y, 0.5, 4, norms=True, keep_last=4)
    for trained, norms in zip(result.networks, result.gradient_norms):
        grads = backward(trained, forward(trained, x), y)
        assert norms == pytest.approx([np.sqrt(np.sum(l.grad_weights ** 2)) for l in grads.layers], rel=1e-12)
        assert norms == gradient_norms(grads)
    assert train(network, x, y, 0.5, 4).gradient_norms is None  # the digits page's epochs do not pay for them


def norms_after_default_training(name: str) -> tuple[float, ...]:
    preset = PRESETS[name]()
    result = train(preset.network, preset.inputs, preset.targets, preset.learning_rate, DEFAULT_EPOCHS, norms=True)
    assert result.diverged_at is None
    return result.gradient_norms[-1]


def test_deep_sigmoid_starves_its_first_layer_and_relu_with_he_weights_does_not():
    sigmoid = norms_after_default_training("deep_sigmoid")
    relu = norms_after_default_training("deep_relu")
    sigmoid_ratio, relu_ratio = sigmoid[-1] / sigmoid[0], relu[-1] / relu[0]
    assert sigmoid_ratio >= 100                            # the first layer's gradient is 100× smaller
    assert max(relu_ratio, 1 / relu_ratio) * 10 <= sigmoid_ratio  # at least 10 times closer to 1


def test_weights_too_large_make_every_gradient_explode_then_units_die():
    he, large = (PRESETS[name]() for name in ("deep_relu", "deep_large"))
    start = [gradient_norms(backward(p.network, forward(p.network, p.inputs), p.targets)) for p in (he, large)]
    assert all(big >= 30 * small for small, big in zip(*start))
    result = train(large.network, large.inputs, large.targets, large.learning_rate, DEFAULT_EPOCHS, norms=True)
    dead = [layer.dead for layer in spread(result.network, forward(result.network, large.inputs))[:-1]]
    assert max(dead) == 8 and result.gradient_norms[-1][0] == 0.0


def test_spread_counts_saturated_units_and_dead_relus():
    preset = PRESETS["seed"]()
    network = preset.network.with_layer(0, activation="relu").with_layer(1, activation="sigmoid")
    network = network.with_layer(0, biases=np.array([2.0, -50.0, 0.5]))  # h¹₂ is never active
    x = np.array([[1, 2, 3, 2.5], [0, 0, 0, 0], [-1, 0.5, 2, 0]], float)
    trace = forward(network, x)
    layers = spread(network, trace)
    assert layers[0].dead == 1 and layers[0].saturated is None
    assert layers[1].saturated == pytest.approx(np.mean(np.abs(trace.layers[1].z) > 4))
    assert layers[1].dead is None and layers[2].saturated is None and layers[2].dead is None
    assert layers[0].z.counts.sum() == 9 and layers[1].a.counts.sum() == 9


def test_a_histogram_of_equal_or_non_finite_values_still_has_a_bin():
    equal = histogram(np.array([3.0, 3.0]))
    assert equal.counts.max() == equal.counts.sum() == 2 and equal.edges[0] < 3.0 < equal.edges[-1]
    assert histogram(np.array([np.nan, np.inf])).counts.tolist() == [0]
