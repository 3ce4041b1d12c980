"""The explorer's "why training works or fails" panels under AppTest: each draws the core's numbers for the
network on the page, follows the graph's pick, and costs nothing until it is asked for."""
import numpy as np
import pytest

from apptest_helpers import button, chart_specs, decode
from backprop import PRESETS
from backprop.landscape import CURVE_POINTS
from backprop.network import Place
from helpers import numbers_in, shows
from test_app_explorer import at, preset_menu, state  # noqa: F401 (at is the explorer's fixture)


def figure(at, name: str) -> dict:
    return next(spec for spec in chart_specs(at) if spec["layout"].get("meta", {}).get("figure") == name)


def chooser(at, label: str):
    return next(box for box in at.selectbox if box.label == label)


def show(at, panel: str):
    at.segmented_control(key="why_panel_en").set_value(panel).run()
    assert not at.exception, at.exception


def load(at, preset: str):
    preset_menu(at).set_value(preset)
    button(at, "Load preset").click().run()


def test_no_panel_is_computed_until_one_is_chosen(at):
    assert at.segmented_control(key="why_panel_en").value is None
    names = [spec["layout"].get("meta", {}).get("figure") for spec in chart_specs(at)]
    assert not {"loss_along", "loss_surface", "gradient_norms", "spread"} & set(names)


def test_the_loss_along_the_picked_weight_is_centred_on_the_loss_the_page_shows(at):
    state(at).pick = Place.edge(0, 0, 1)
    show(at, "curve")
    assert chooser(at, "Parameter θ").value == (0, 0, 1)  # the graph's pick is the parameter
    curve = figure(at, "loss_along")
    plotted = next(t for t in curve["data"] if t.get("name", "").startswith("L as w: x₂ → h¹₁"))
    middle = CURVE_POINTS // 2
    assert decode(plotted["x"])[middle] == 0.8
    assert decode(plotted["y"])[middle] == pytest.approx(state(at).walk.backward.loss, rel=1e-12)
    gradient = state(at).walk.backward.layers[0].grad_weights[0, 1]
    caption = next(c.value for c in at.caption if c.value.startswith("Every other weight"))
    assert shows(caption.split("∂L/∂θ = ")[1], gradient)


def test_choosing_another_parameter_redraws_the_curve(at):
    show(at, "curve")
    chooser(at, "Parameter θ").set_value((1, 2, None)).run()
    curve = figure(at, "loss_along")
    assert curve["layout"]["xaxis"]["title"]["text"] == "θ = b of h²₃"


def test_the_map_draws_two_parameters_and_the_path_training_took(at):
    button(at, "Train").click().run()
    show(at, "surface")
    first, second = chooser(at, "Parameter θ₁"), chooser(at, "Parameter θ₂")
    assert first.value != second.value
    surface = figure(at, "loss_surface")
    contour = next(t for t in surface["data"] if t["type"] == "contour")
    assert np.asarray(decode(contour["z"])).shape == (41, 41)
    trail = next(t for t in surface["data"] if t.get("name", "").startswith("where they were"))
    assert len(decode(trail["x"])) == 50  # the last 50 of the 51 points on the loss curve
    second.set_value(first.value).run()
    assert any("two different parameters" in i.value for i in at.info)


def test_gradient_norms_follow_the_loss_curve_and_show_the_vanishing_first_layer(at):
    load(at, "deep_sigmoid")
    button(at, "Train").click().run()
    show(at, "norms")
    norms = figure(at, "gradient_norms")
    assert len(norms["data"]) == 5 and norms["layout"]["yaxis"]["type"] == "log"
    history = state(at).history
    assert len(decode(norms["data"][0]["x"])) == len(history) == 51
    first, last = history[-1].norms[0], history[-1].norms[-1]
    assert last / first >= 100
    caption = next(c.value for c in at.caption if c.value.startswith("Now the hidden layer 1"))
    assert numbers_in(caption.split(" times smaller")[0])[-1] == pytest.approx(last / first, rel=5e-3)


def test_the_spread_shows_dead_units_after_weights_too_large(at):
    load(at, "deep_large")
    button(at, "Train").click().run()
    show(at, "spread")
    spread = figure(at, "spread")
    assert len(spread["data"]) == 10
    caption = next(c.value for c in at.caption if c.value.startswith("Histograms"))
    assert "8 of the hidden layer" in caption and "never switch on" in caption


def test_every_panel_draws_for_every_preset(at):
    for name in PRESETS:
        load(at, name)
        for panel in ("curve", "surface", "norms", "spread"):
            show(at, panel)
            assert chart_specs(at), (name, panel)
