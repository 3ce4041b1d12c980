"""The figures as data: built without Streamlit, checked trace by trace."""
import numpy as np
import pytest

from backprop import PRESETS, initialise, walkthrough
from ui.colours import BLUE, ORANGE, contrast, over_white, rgb
from backprop.network import Place
from ui.explorer.figures import (NEGATIVE, NODE_SIZE, POSITIVE, PROJECTOR, ROW_HEIGHT, SCREEN, diverging,
                        loss_curve, network_figure, network_figure_dict)
from ui.explorer.views import graph_view


def seed_figure(position=0, show="a", pick=None):
    preset = PRESETS["seed"]()
    walk = walkthrough(preset.network, preset.inputs, preset.targets, preset.learning_rate)
    view = graph_view(preset.network, walk, position, show, 0, pick)
    return network_figure(view, ["identity"] * 3), walk


def traces(figure, name):
    return [t for t in figure.data if t.name == name][0]


def test_nodes_labels_and_values_fill_in_as_the_pass_goes():
    figure, _ = seed_figure(0)
    nodes = traces(figure, "neurons")
    assert len(nodes.x) == 11
    assert nodes.text[0] == "<b>x₁</b><br>1" and nodes.text[4] == "<b>h¹₁</b><br>" and nodes.text[-1] == "<b>ŷ</b><br>"
    figure, _ = seed_figure(3)
    texts = traces(figure, "neurons").text
    assert texts[4] == "<b>h¹₁</b><br>4.8" and texts[8] == "<b>h²₂</b><br>-1.04" and texts[-1] == "<b>ŷ</b><br>3.18"


def test_every_edge_has_a_clickable_midpoint_with_exact_hover():
    figure, _ = seed_figure(8, show="grad")
    mids = traces(figure, "edges")
    assert len(mids.x) == 12 + 9 + 3
    assert [list(d) for d in mids.customdata[:2]] == [[0, 0, 0], [0, 0, 1]]
    assert mids.hovertext[1].startswith("w: x₂ → h¹₁<br>w = 0.8<br>∂L/∂w = ")


def test_edge_colour_by_sign_and_width_by_magnitude():
    figure, _ = seed_figure(0)
    lines = [t for t in figure.data if t.mode == "lines"]
    assert {t.line.color for t in lines} <= {BLUE, ORANGE}
    widest = max(lines, key=lambda t: t.line.width)
    assert widest.line.color == BLUE and 1.0 in widest.x  # w = 1 (x₄ → h¹₁) is the largest weight
    assert diverging(2.0, 2.0)[0] == "rgb({},{},{})".format(*POSITIVE)
    assert diverging(-2.0, 2.0)[0] == "rgb({},{},{})".format(*NEGATIVE)


def channels(css: str) -> tuple[int, ...]:
    return rgb(css) if css.startswith("#") else tuple(int(c) for c in css[4:-1].split(","))


@pytest.mark.parametrize("name", sorted(PRESETS))
@pytest.mark.parametrize("show", ["a", "z", "grad", "update"])
def test_every_label_on_the_graph_reads_at_4_5_to_1_and_every_lit_edge_stands_at_3_to_1(name, show):
    """WCAG 1.4.3 for a neuron's name and value on its fill (as dimmed as it is drawn), 1.4.11 for an edge of the step
    against the white page; a negative edge is dashed too, so its sign is not told by colour alone."""
    preset = PRESETS[name]()
    walk = walkthrough(preset.network, preset.inputs, preset.targets, preset.learning_rate)
    activations = [layer.activation for layer in preset.network.layers]
    for position in range(len(walk.steps) + 1):
        figure = network_figure_dict(graph_view(preset.network, walk, position, show, 0, None), activations)
        nodes = figure["data"][-1]
        for fill, opacity, text in zip(nodes["marker"]["color"], nodes["marker"]["opacity"], nodes["textfont"]["color"]):
            assert contrast(over_white(channels(fill), opacity), rgb(text)) >= 4.5, (fill, opacity, text)
        for line in figure["data"][:-2]:
            if line["opacity"] > 0.5 and line["line"]["color"] != "#d0d0d0":  # lit, and its number known
                assert contrast(over_white(rgb(line["line"]["color"]), line["opacity"]), (255, 255, 255)) >= 3
                assert (line["line"]["dash"] != "solid") == (line["line"]["color"] == ORANGE)


def test_the_current_step_is_lit_and_the_rest_dimmed():
    figure, walk = seed_figure(2)
    lines = [t for t in figure.data if t.mode == "lines"]
    lit_x = {x for t in lines if t.opacity > 0.5 for x in t.x if x is not None}
    assert lit_x == {1.0, 2.0}  # only edges between hidden 1 and hidden 2
    opacity = traces(figure, "neurons").marker.opacity
    assert opacity[0] < 1 and opacity[4] == 1 and opacity[7] == 1 and opacity[-1] < 1


def test_gradients_appear_only_once_computed():
    figure, _ = seed_figure(5, show="grad")  # backward 1: the output layer only
    colours = traces(figure, "edges").marker.color
    assert all(c == "#d0d0d0" for c in colours[:21]) and all(c != "#d0d0d0" for c in colours[21:])


def test_picked_edge_is_marked():
    figure, _ = seed_figure(0, pick=Place.edge(1, 2, 0))
    sizes = traces(figure, "edges").marker.size
    assert sizes[12 + 6] == 15 and sorted(sizes)[-2] == 9


def test_no_overlap_at_the_caps():
    network = initialise([12] * 8, ["tanh"] * 6 + ["identity"], seed=0)
    x, y = np.ones((1, 12)), np.zeros((1, 12))
    walk = walkthrough(network, x, y, 0.1)
    figure = network_figure(graph_view(network, walk, 0, "a"), ["tanh"] * 7)
    layout = figure.layout
    plot_height = layout.height - layout.margin.t - layout.margin.b
    pixels_per_row = plot_height / (layout.yaxis.range[1] - layout.yaxis.range[0])
    assert pixels_per_row >= NODE_SIZE + 8
    assert layout.height == ROW_HEIGHT * 12 + 130  # the legend is HTML below the plot
    assert len(traces(figure, "neurons").x) == 96 and len(figure.data) <= 20


def test_loss_curve():
    figure = loss_curve([0, 1, 1, 2], [4.0, 2.0, 3.0, 1.0], ["start", "train", "edit", "step"], True, "mse")
    assert figure.layout.yaxis.type == "log" and figure.layout.yaxis.title.text == "mse"
    assert [t.name for t in figure.data] == ["loss", "applied update", "edit"]


def test_the_loss_curve_starts_on_sensible_axes():
    """Before any training, one point: the axes take in epochs 0 to 10 and a loss from 0 (issue 31: it was a dot on an
    axis from −1 to 1), and still grow with a run, which the page extends in place."""
    layout = loss_curve([0], [7.16523], ["start"], False, "mse").layout
    assert list(layout.xaxis.autorangeoptions.include) == [0, 10] and layout.xaxis.range is None
    assert layout.yaxis.rangemode == "tozero" and layout.yaxis.range is None
    assert loss_curve([0], [7.16523], ["start"], True, "mse").layout.yaxis.rangemode == "normal"  # no 0 on a log axis


def test_edge_markers_never_stack():
    figure, _ = seed_figure(0)
    mids = traces(figure, "edges")
    points = np.column_stack([mids.x, mids.y])
    gaps = np.linalg.norm(points[:, None] - points[None], axis=-1) + np.eye(len(points)) * 9
    assert gaps.min() > 0.12  # at 65 px a unit, more than a marker's width apart


def test_lean_figures_are_valid_plotly():
    """The hot-path figures skip validation when built; here they must pass it."""
    import plotly.graph_objects as go
    for position, show in ((0, "a"), (5, "grad"), (8, "update")):
        figure, _ = seed_figure(position, show, pick=Place.neuron(1, 0))
        go.Figure(figure.to_dict())  # raises on any invalid property or value
    go.Figure(loss_curve([0, 1, 2], [3.0, 2.0, 1.0], ["start", "edit", "step"], True, "mse").to_dict())


def test_stepper_figures_are_json_and_match_the_page_graph():
    """The browser switches between these; each must equal the figure the server would draw there."""
    import json
    from ui.explorer.state import ExplorerState
    from ui.explorer.stepper import figures_by_position
    state = ExplorerState.from_preset("seed")
    figures = figures_by_position(state, "view")
    assert len(figures) == 9 and [f["layout"]["meta"]["bp"] for f in figures] == [f"view:{k}" for k in range(9)]
    json.dumps(figures)  # plain JSON: no numpy scalars left
    state.position = 5
    served = seed_figure(5, "auto")[0]
    assert figures[5]["data"][-1]["text"] == list(served.data[-1].text)


def test_a_log_scale_keeps_its_line_past_a_loss_of_zero_and_says_so():
    figure = loss_curve([0, 1, 2, 3], [4.0, 0.0, 0.0, 1e-3], ["start", "train", "train", "edit"], True, "mse")
    line = figure.data[0]
    assert list(line.y) == [4.0, None, None, 1e-3] and line.connectgaps
    assert figure.layout.annotations[0].text == "loss = 0 from epoch 1: a log scale cannot show 0"
    linear = loss_curve([0, 1], [4.0, 0.0], ["start", "train"], False, "mse")
    assert list(linear.data[0].y) == [4.0, 0.0] and not linear.layout.annotations


@pytest.mark.parametrize("position, nodes, edges", [
    (0, "activations a = f(z)", "weights w"), (2, "activations a = f(z)", "weights w"),
    (5, "deltas δ = ∂L/∂z", "gradients ∂L/∂w = δ aᵀ"), (8, "deltas δ = ∂L/∂z", "updates Δw = −η ∂L/∂w"),
])
def test_the_graph_says_what_its_numbers_are_at_each_step(position, nodes, edges):
    figure, _ = seed_figure(position, "auto")
    legend = figure.layout.meta["legend"]
    assert f"Neurons show <b>{nodes}</b>; edges show <b>{edges}</b>" in legend
    assert "positive" in legend and "negative" in legend and "grey: not computed yet" in legend
    texts = next(t for t in figure.data if t.name == "neurons").text
    assert not any("·" in text for text in texts)  # no unexplained symbol on a grey neuron


def test_projector_sizes_make_the_labels_readable_from_the_back():
    preset = PRESETS["seed"]()
    walk = walkthrough(preset.network, preset.inputs, preset.targets, preset.learning_rate)
    view = graph_view(preset.network, walk, 0, "a", 0, None)
    screen, projector = (network_figure_dict(view, ["identity"] * 3, scale) for scale in (SCREEN, PROJECTOR))
    labels = [next(t for t in f["data"] if t.get("name") == "neurons")["textfont"]["size"] for f in (screen, projector)]
    assert labels == [13, 22] and projector["layout"]["height"] > screen["layout"]["height"]


def test_the_palette_is_defined_once():
    """Streamlit's theme cannot import the blue, so it is checked here; the stepper's CSS reads it as a variable."""
    import tomllib
    from pathlib import Path
    from ui.colours import BLUE
    from ui.explorer.stepper import _CSS
    root = Path(__file__).resolve().parents[1]
    assert tomllib.loads((root / ".streamlit" / "config.toml").read_text("utf-8"))["theme"]["primaryColor"] == BLUE
    assert f"--bp-blue: {BLUE};" in _CSS and BLUE not in (root / "ui" / "explorer" / "stepper.css").read_text("utf-8")
    assert BLUE not in (root / "ui" / "explorer" / "steps.css").read_text("utf-8")
