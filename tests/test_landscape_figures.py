"""The why-training figures and their words, as data: built without Streamlit, checked against the core."""
import numpy as np
import plotly.graph_objects as go
import pytest

from backprop import PRESETS, forward, train, walkthrough
from backprop.diagnostics import spread
from backprop.landscape import CURVE_POINTS, Parameter, loss_along, loss_surface, path
from backprop.network import Place
from helpers import numbers_in, shows
from ui.explorer.landscape_figures import gradient_norms_figure, loss_along_figure, loss_surface_figure, spread_figure
from ui.explorer.why import curve_caption, norms_caption, parameter_choices, picked_parameter, spread_caption


def trace(figure, starts: str):
    return next(t for t in figure.data if (t.name or "").startswith(starts))


@pytest.fixture
def seed():
    preset = PRESETS["seed"]()
    return preset, walkthrough(preset.network, preset.inputs, preset.targets, preset.learning_rate)


@pytest.mark.parametrize("parameter", [Parameter(0, 0, 1), Parameter(1, 2, None), Parameter(2, 0, 2)])
def test_the_drawn_tangent_has_the_gradients_slope_and_touches_the_curve_at_the_explorers_loss(seed, parameter):
    preset, walk = seed
    curve = loss_along(preset.network, preset.inputs, preset.targets, walk.backward, parameter, preset.learning_rate)
    figure = loss_along_figure(curve, "θ", "mse")
    tangent = trace(figure, "tangent")
    slope = (tangent.y[1] - tangent.y[0]) / (tangent.x[1] - tangent.x[0])
    assert abs(slope - curve.gradient) <= 1e-9 * max(1.0, abs(curve.gradient))
    plotted = trace(figure, "L as")
    assert plotted.x[CURVE_POINTS // 2] == curve.value
    assert plotted.y[CURVE_POINTS // 2] == pytest.approx(walk.backward.loss, rel=1e-12)
    now = trace(figure, "now")
    assert (now.x[0], now.y[0]) == (curve.value, curve.loss)
    assert np.mean(tangent.x) == pytest.approx(curve.value) and np.mean(tangent.y) == pytest.approx(curve.loss)
    step = trace(figure, "after one SGD step")
    assert step.x[0] == pytest.approx(curve.value - preset.learning_rate * curve.gradient, rel=1e-15)
    go.Figure(figure.to_dict())  # built lean; valid Plotly all the same


def test_the_map_shows_the_path_the_gradient_arrow_and_the_step(seed):
    preset, walk = seed
    chosen = (Parameter(0, 0, 1), Parameter(2, 0, None))
    surface = loss_surface(preset.network, preset.inputs, preset.targets, walk.backward, chosen, 0.005, points=15)
    result = train(preset.network, preset.inputs, preset.targets, 0.005, 6, keep_last=6)
    figure = loss_surface_figure(surface, ("a", "b"), "mse", path(result.networks, chosen))
    contour = next(t for t in figure.data if t.type == "contour")
    assert np.array_equal(np.asarray(contour.z), surface.losses)
    assert len(trace(figure, "where they were").x) == 6
    arrow = figure.layout.annotations[0]
    assert arrow.text == "−∇L"
    direction = np.array([arrow.x - arrow.ax, arrow.y - arrow.ay])
    gradient = np.array(surface.gradient)
    assert direction @ gradient / (np.linalg.norm(direction) * np.linalg.norm(gradient)) == pytest.approx(-1.0)
    go.Figure(figure.to_dict())


def test_norms_on_a_log_scale_break_at_an_exact_zero_and_say_so():
    figure = gradient_norms_figure([0, 1, 2], [(1.0, 2.0), (0.5, 0.0), (0.25, 1.0)], ["hidden layer 1", "output layer"])
    assert figure.layout.yaxis.type == "log"
    assert list(figure.data[1].y) == [2.0, None, 1.0]
    assert "output layer: gradient exactly 0" in figure.layout.annotations[0].text
    go.Figure(figure.to_dict())
    clean = gradient_norms_figure([0], [(1.0, 2.0)], ["hidden layer 1", "output layer"])
    assert not clean.layout.annotations


def test_the_spread_figure_has_z_and_a_for_every_layer_with_its_warning():
    preset = PRESETS["deep_large"]()
    result = train(preset.network, preset.inputs, preset.targets, preset.learning_rate, 50)
    spreads = spread(result.network, forward(result.network, preset.inputs))
    names = [result.network.layer_name(l) for l in range(5)]
    figure = spread_figure(spreads, names)
    assert len(figure.data) == 10
    assert sum(figure.data[0].y) == 100 * 8  # every sample's z of every unit of hidden layer 1
    notes = [a.text for a in figure.layout.annotations]
    assert notes[0].startswith("<b>hidden layer 1</b>: z · dead (never active): ")
    assert notes[-2].startswith("<b>output layer</b>: z · saturated (|z| > 4): ")
    go.Figure(figure.to_dict())
    assert "never switch on" in spread_caption(spreads, names)


def test_the_captions_carry_the_numbers_the_figures_show(seed):
    preset, walk = seed
    curve = loss_along(preset.network, preset.inputs, preset.targets, walk.backward, Parameter(0, 0, 1), 0.005)
    text = curve_caption(curve, "w: x₂ → h¹₁", 0.005)
    assert shows(text.split("∂L/∂θ = ")[1], curve.gradient) and shows(text, curve.step_value)
    assert "downhill" in text
    overshoot = loss_along(preset.network, preset.inputs, preset.targets, walk.backward, Parameter(0, 0, 1), 50.0)
    assert "overshot" in curve_caption(overshoot, "w", 50.0)
    assert "exactly 0" in norms_caption((0.0, 1.0), ["hidden layer 1", "output layer"])
    assert "100 times smaller than the output layer's" in norms_caption((0.01, 1.0), ["hidden layer 1", "output layer"])


def test_the_graphs_pick_chooses_the_parameter():
    network = PRESETS["seed"]().network
    assert picked_parameter(Place.edge(1, 2, 0)) == Parameter(1, 2, 0)
    assert picked_parameter(Place.neuron(2, 1)) == Parameter(1, 1, None)
    assert picked_parameter(Place.neuron(0, 1)) is None and picked_parameter(None) is None
    options, first = parameter_choices(network, Place.neuron(3, 0))
    assert options[first] == Parameter(2, 0, None)
    options, first = parameter_choices(network, None)
    assert options[first] == Parameter(2, 0, 0)
