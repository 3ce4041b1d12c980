"""The playground's core and state: datasets, features, the L2 term, defaults that solve each
dataset, what the heatmaps show, refusals and divergence."""
import csv
import io

import numpy as np
import plotly.graph_objects as go
import pytest

from backprop import backward, forward, initialise
from backprop.datasets import FEATURES, PLANE, features, grid, targets
from backprop.gradcheck import numerical_gradient, relative_error
from backprop.losses import LOSSES
from backprop.trace import l2_penalty, with_l2
from backprop.network import network_from_arrays
from ui.playground import views
from ui.playground.state import EXTENT, SETUPS, PlaygroundState
from ui.playground.views import RESOLUTION
from ui.playground.figures import boundary_figure, units_figure


@pytest.mark.parametrize("name", list(PLANE))
def test_each_dataset_is_seeded_and_labelled(name):
    points, labels = PLANE[name](300, 0.1, 7)
    again, same = PLANE[name](300, 0.1, 7)
    assert points.shape == (300, 2) and np.array_equal(points, again) and np.array_equal(labels, same)
    counts = np.bincount(labels)
    assert len(counts) == (3 if name == "spiral3" else 2) and counts.min() >= 300 // len(counts) - 10
    assert not np.array_equal(points, PLANE[name](300, 0.1, 8)[0])


def test_noise_free_datasets_follow_their_rules():
    points, labels = PLANE["xor"](400, 0.0, 0)
    assert np.array_equal(labels, (points[:, 0] * points[:, 1] > 0).astype(int))
    assert np.min(np.abs(points)) >= 0.05  # kept off both axes
    points, labels = PLANE["circle"](400, 0.0, 0)
    radius = np.hypot(points[:, 0], points[:, 1])
    assert np.all(radius[labels == 1] <= 0.5) and np.all(radius[labels == 0] >= 0.7)


def test_features_are_tf_playgrounds_seven():
    points = np.array([[0.5, -2.0], [1.0, 3.0]])
    x = features(points, list(FEATURES))
    expected = [[0.5, -2.0, 0.25, 4.0, -1.0, np.sin(0.5), np.sin(-2.0)], [1.0, 3.0, 1.0, 9.0, 3.0, np.sin(1.0), np.sin(3.0)]]
    assert np.allclose(x, expected)
    assert targets(np.array([0, 1]), 2).tolist() == [[0.0], [1.0]]
    assert targets(np.array([0, 2]), 3).tolist() == [[1, 0, 0], [0, 0, 1]]


def test_grid_rows_run_from_the_bottom():
    plane = grid(1.0, 3)
    assert plane.tolist()[:3] == [[-1.0, -1.0], [0.0, -1.0], [1.0, -1.0]] and plane.tolist()[-1] == [1.0, 1.0]


def test_the_l2_gradient_matches_central_differences():
    rng = np.random.default_rng(3)
    network = initialise([2, 4, 1], ["tanh", "sigmoid"], "binary_cross_entropy", 5)
    x, y = rng.normal(size=(6, 2)), rng.integers(0, 2, (6, 1)).astype(float)
    l2 = 0.3
    grads = with_l2(network, backward(network, forward(network, x), y), l2)
    for layer in range(2):
        def total(weights, layer=layer):
            arrays = [(w if k != layer else weights.copy(), l.biases, l.activation)  # a network freezes its arrays
                      for k, (l, w) in enumerate((l, l.weights) for l in network.layers)]
            changed = network_from_arrays(arrays, network.loss, network.train_biases)
            return LOSSES[network.loss].value(forward(changed, x).output, y) + l2_penalty(changed, l2)
        numeric = numerical_gradient(total, network.layers[layer].weights.copy())
        assert relative_error(grads.layers[layer].grad_weights, numeric) < 1e-7
    plain = backward(network, forward(network, x), y)
    assert all(np.array_equal(a.grad_biases, b.grad_biases) for a, b in zip(grads.layers, plain.layers))
    assert grads.loss == pytest.approx(plain.loss + l2_penalty(network, l2))


@pytest.mark.parametrize("name, floor", [("circle", 0.95), ("xor", 0.95), ("gaussians", 0.95), ("spiral", 0.90),
                                         ("spiral3", 0.90)])
def test_each_dataset_opens_with_settings_that_solve_it(name, floor):
    state = PlaygroundState.opened_with(name)
    state.train_epochs(SETUPS[name].epochs_to_solve)
    assert state.message is None and views.view(state).test_accuracy >= floor


def test_the_heatmap_is_the_core_forward_pass_on_the_grid():
    state = PlaygroundState.opened_with("xor")
    state.train_epochs(5)
    view, data = views.view(state), state.data
    output = forward(state.network, features(grid(EXTENT, RESOLUTION), state.features))
    figure = boundary_figure(view.boundary, EXTENT, data.points, data.labels, data.classes, data.test)
    go.Figure(figure.to_dict())  # built without validation: validated here
    assert np.allclose(np.array(figure.data[0].z), output.output[:, 0].reshape(RESOLUTION, RESOLUTION), atol=1e-4)
    units = units_figure(view.units, EXTENT, state.sizes)
    go.Figure(units.to_dict())
    hidden = output.layers[0].a[:, 3].reshape(RESOLUTION, RESOLUTION)[::2, ::2]
    assert len(units.data) == 16 and np.allclose(np.array(units.data[3].z), hidden, atol=1e-3)
    assert [a.text for a in units.layout.annotations][:2] == ["h¹₁", "h¹₂"]


def test_three_classes_show_the_predicted_class():
    state = PlaygroundState.opened_with("spiral3")
    view = views.view(state)
    output = forward(state.network, features(grid(EXTENT, RESOLUTION), state.features)).output
    assert np.array_equal(view.boundary.ravel(), np.argmax(output, axis=1)) and view.confusion.shape == (3, 3)
    assert view.confusion.sum() == len(state.data.test)


def test_refusals_keep_the_old_values():
    state = PlaygroundState.opened_with("circle")
    for action, text, field in ((state.set_learning_rate, "abc", "learning_rate"), (state.set_learning_rate, "0", "learning_rate"),
                                (state.set_learning_rate, "1e9", "learning_rate"), (state.set_l2, "-1", "l2"),
                                (state.set_batch_size, "1e9", "batch_size"), (state.set_hidden_text, "4, 99", "hidden"),
                                (state.set_hidden_text, "1,1,1,1,1,1,1", "hidden"), (state.set_seed, "-3", "seed")):
        before = getattr(state, field)
        state.message = None
        action(text)
        assert getattr(state, field) == before and state.message.level == "error", (action, text)
    state.set_features([])
    assert state.features == ("x1", "x2") and "at least one" in state.message.text
    state.set_learning_rate("1,5e-1")
    assert state.learning_rate == 0.15


def test_new_settings_draw_a_new_network_of_the_right_shape():
    state = PlaygroundState.opened_with("circle")
    state.set_features(["x1", "x2", "x1x2"])
    state.set_hidden_text("3, 2")
    state.set_activation(1, "relu")
    assert state.network.sizes == [3, 3, 2, 1] and [l.activation for l in state.network.layers] == ["tanh", "relu", "sigmoid"]
    state.set_hidden_text("")
    assert state.network.sizes == [3, 1] and views.view(state).units == []
    state.set_dataset("spiral3")
    assert state.network.sizes[-1] == 3 and state.network.loss == "cross_entropy" and state.epoch == 0


def test_training_stops_cleanly_at_the_first_divergence():
    state = PlaygroundState.opened_with("circle")
    state.set_activation(0, "identity")
    state.set_learning_rate("10")
    state.set_batch_size("1")
    state.playing = True
    for _ in range(30):
        state.play_chunk()
        if not state.playing:
            break
    assert not state.playing and "stopped at epoch" in state.message.text
    assert state.network.largest_parameter <= 1e6 and np.isfinite(state.history["train_loss"]).all()
    assert len(state.history["train_loss"]) == state.epoch


def test_the_downloaded_data_is_the_data():
    state = PlaygroundState.opened_with("gaussians")
    rows = list(csv.DictReader(io.StringIO(views.csv(state))))
    assert len(rows) == state.points and {r["split"] for r in rows} == {"train", "test"}
    assert np.array_equal([[float(r["x1"]), float(r["x2"])] for r in rows], state.data.points)
    assert [int(r["label"]) for r in rows] == state.data.labels.tolist()
    assert sum(r["split"] == "test" for r in rows) == len(state.data.test)


def test_a_learners_file_becomes_the_dataset_and_a_bad_one_changes_nothing():
    state = PlaygroundState.opened_with("xor")
    before = state.data.points.copy()
    state.load_csv(b"x1,x2,label\n1,2,0\n3,oops,1\n")
    assert state.dataset == "xor" and np.array_equal(state.data.points, before)
    assert state.message.text == ("The file was not loaded: row 3, column 2 (x2): 'oops' is not a number "
                                  "(write 0.5, -2 or 1e-3). Nothing was changed.")
    rows = "".join(f"{x},{y},{10 if x * y > 0 else 20}\n" for x, y in PLANE["xor"](200, 0.0, 3)[0].round(3).tolist())
    state.load_csv(("x1,x2,label\n" + rows).encode())
    assert state.dataset == "own" and state.points == 200 and state.own[2] == [10, 20]
    assert "Loaded 200 points in 2 classes (labels 10, 20)" in state.message.text
    assert state.extent == pytest.approx(np.max(np.abs(state.own[0])) * 1.1)
    state.train_epochs(100)
    assert views.view(state).test_accuracy >= 0.9
    assert [row.split(",")[2] for row in views.csv(state).splitlines()[1:3]] == [r.split(",")[2] for r in rows.splitlines()[:2]]
    state.set_dataset("circle")
    state.set_dataset("own")  # the file stays in the menu
    assert state.dataset == "own" and state.points == 200


def test_a_clicked_point_shows_its_own_pass_and_opens_in_the_explorer():
    from backprop import walkthrough
    from ui.explorer.link import link_of, state_from_link
    state = PlaygroundState.opened_with("circle")
    state.train_epochs(3)
    for tampered in (-1, 10_000, "3", 2.0, True, None, [1]):
        state.set_point(tampered)
        assert state.point is None
    state.set_point(7)
    walk = views.point_walk(state)
    expected = walkthrough(state.network, state.data.x[7:8], state.data.y[7:8], state.learning_rate)
    assert [s.equations for s in walk.steps] == [s.equations for s in expected.steps]
    assert np.allclose(walk.forward.layers[-1].a, forward(state.network, state.data.x[7:8]).output)
    explorer = views.explorer_state(state)
    again = state_from_link(link_of(explorer))  # what the explorer's link reproduces in another browser
    assert np.array_equal(again.inputs, state.data.x[7:8]) and np.array_equal(again.targets, state.data.y[7:8])
    assert all(np.array_equal(a.weights, b.weights) for a, b in zip(again.network.layers, state.network.layers))
    assert again.learning_rate == state.learning_rate and again.network.loss == "binary_cross_entropy"
    assert views.l2_lines(state) == []
    state.set_l2("0.5")
    lines = views.l2_lines(state)
    assert len(lines) == 2 and lines[0].startswith(r"\lambda W^{(1)} = 0.5 \cdot \begin{bmatrix}")


def test_the_playing_picture_colours_the_plane_and_the_points():
    from ui.colours import BLUE, ORANGE, rgb
    from ui.playground.figures import boundary_image
    sure = np.ones((50, 50))
    sure[:25] = 0.0  # rows from the bottom: class 0 below x₂ = 0, class 1 above
    points, labels = np.array([[0.5, 0.5], [-0.5, -0.5]]), np.array([0, 1])
    picture = boundary_image(sure, 1.0, points, labels, 2, size=200)
    assert picture.shape == (200, 200, 3) and picture.dtype == np.uint8
    blend = lambda colour: (255 + (np.array(rgb(colour)) - 255) * 0.55).round()  # noqa: E731
    assert np.allclose(picture[5, 5], blend(BLUE), atol=1) and np.allclose(picture[195, 5], blend(ORANGE), atol=1)
    assert picture[50, 150].tolist() == list(rgb(ORANGE))  # the class-0 point at (0.5, 0.5), upper right
    assert picture[150, 50].tolist() == list(rgb(BLUE))


def test_each_class_has_a_shape_of_its_own_in_the_figure_and_the_playing_picture():
    """A class is told by its shape as well as its colour (issue 30): a circle for class 0, a square for class 1."""
    from ui.colours import rgb
    from ui.playground.figures import CLASS_COLOURS, boundary_figure, boundary_image
    points, labels = np.array([[0.5, 0.5], [-0.5, -0.5], [0.0, 0.5]]), np.array([0, 1, 2])
    figure = boundary_figure(np.zeros((50, 50)), 1.0, points, labels, 3, np.array([2]))
    symbols = {trace.name: trace.marker.symbol for trace in figure.data[1:] if trace.x}
    assert symbols == {"class 0": "circle", "class 1": "square", "class 2 (test)": "diamond"}
    picture = boundary_image(np.zeros((50, 50)), 1.0, points, labels, 3, size=201)
    marks = [(picture[row - 4:row + 5, column - 4:column + 5] == rgb(CLASS_COLOURS[k])).all(axis=2)
             for k, (row, column) in enumerate([(50, 150), (150, 50), (50, 100)])]
    assert [int(mark.sum()) for mark in marks] == [21, 25, 25]  # a disc, a 5×5 square, a diamond of 25 pixels
    assert marks[0][4, 2] and not marks[0][2, 2]  # the disc's edge is round where the square's corner is filled
    assert marks[1][2, 2] and not marks[1][1, 4] and marks[2][1, 4] and not marks[2][2, 2]


def test_each_split_keeps_a_point_on_either_side():
    from backprop.datasets import split
    assert [len(part) for part in split(2, 0.25, 0)] == [1, 1] and [len(part) for part in split(10, 0.95, 0)] == [1, 9]
    assert [len(part) for part in split(12, 0.5, 0)] == [6, 6] and [len(part) for part in split(1, 0.5, 0)] == [1, 0]
    state = PlaygroundState.opened_with("circle")
    state.set_points(20)
    state.set_test_fraction(0.1)
    assert len(state.data.test) == 2 and np.isfinite(views.view(state).test_loss)


def test_an_action_waits_for_the_chunk_another_run_is_still_training(monkeypatch):
    """Streamlit starts a click's run while the last run's thread may still be training a chunk. A Pause waits for
    it, so the paused page shows every epoch trained, and a Step after it trains one more (a CI run once saw 7)."""
    import threading

    import ui.playground.state as playground
    state = playground.PlaygroundState.opened_with("circle")
    state.playing = True
    started, release, real = threading.Event(), threading.Event(), playground.train

    def slow_train(*args, **kwargs):
        started.set()
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(playground, "train", slow_train)
    chunk = threading.Thread(target=state.play_chunk)
    chunk.start()
    assert started.wait(10)
    pause = threading.Thread(target=state.set_playing, args=(False,))
    pause.start()
    pause.join(0.3)
    assert pause.is_alive() and state.playing  # the Pause waits for the chunk
    release.set()
    chunk.join(10), pause.join(10)
    assert not state.playing and state.epoch == 1  # the chunk's one epoch, then the pause
    state.step()
    assert state.epoch == 2


def play_until_it_stops(state, chunks: int) -> None:
    """Play as the page's ticks do, for at most `chunks` chunks: the state pauses itself when a Stop ends the run."""
    state.set_playing(True)
    for _ in range(chunks):
        if not state.playing:
            return
        state.play_chunk()


def test_play_stops_on_its_own_and_says_why():
    """The Playground never stopped: it solved the circle in a second and went on to epoch 2,055 (issue 31)."""
    state = PlaygroundState.opened_with("circle")
    state.set_stop("below", "0.2")
    play_until_it_stops(state, 400)
    assert not state.playing
    assert state.history["train_loss"][-1] < 0.2 <= state.history["train_loss"][-2]
    assert state.message.text == f"Stopped at epoch {state.epoch}: the loss fell below 0.2."
    state.set_stop("below", "zero")  # refused: the stop is kept
    assert state.stop.below == 0.2 and state.message.level == "error"
    state.set_stop("plateau", "")
    play_until_it_stops(state, 2000)
    assert not state.playing and "in the last 50 epochs" in state.message.text
    losses = state.history["train_loss"]
    assert not losses[-1] < 0.999 * losses[-51]
