"""Figures of the concept pages and the digits page, built without Streamlit."""
import numpy as np

from backprop.datasets import confusion_matrix, mistakes_first, one_hot, split
from backprop.lessons import matmul_lesson
from ui.concepts.figures import heatmap, matmul_sums, probability_bars
from ui.concepts.digit_figures import confusion_figure, image_grid, learning_curves
from ui.concepts.digits_state import DigitsState
from ui.concepts.datasets import digits
from ui.colours import BLUE, ORANGE, contrast, rgb
from ui.plots import scale_colour


def test_heatmap_annotates_every_cell_and_survives_nan():
    figure = heatmap(np.array([[1.0, -2.0], [np.nan, 0.5]]), "t")
    trace, labels = figure.data
    assert trace.text.tolist() == [["1", "-2"], ["nan", "0.5"]]
    assert list(labels.text) == ["1", "-2", "nan", "0.5"] and list(labels.x) == ["column 1", "column 2"] * 2
    assert trace.zmax == 2.0 and trace.zmin == -2.0 and figure.layout.title.text == "t"


def labels_read_on_their_cells(figure) -> list[float]:
    """Each number's contrast on its own cell, the cell's colour taken from the heatmap's scale."""
    heat, labels = figure.data
    z = np.asarray(heat.z, float).ravel()
    scale = [[stop, colour] for stop, colour in heat.colorscale]
    return [contrast(scale_colour(scale, (value - heat.zmin) / (heat.zmax - heat.zmin)), rgb(colour))
            for value, colour in zip(z, labels.textfont.color)]


def test_every_number_on_a_heatmap_reads_at_4_5_to_1():
    """Plotly's own pick of one text colour gave 3.2-4.3:1 on the mid blues and oranges (issue 30)."""
    values = np.linspace(-3, 3, 61).reshape(1, -1)
    assert min(labels_read_on_their_cells(heatmap(values, "t"))) >= 4.5
    counts = np.arange(100).reshape(10, 10)
    assert min(labels_read_on_their_cells(confusion_figure(counts))) >= 4.5
    assert scale_colour([[0, "#000000"], [0.5, "#ffffff"], [1, "#0000ff"]], 0.75) == (127.5, 127.5, 255.0)


def test_matmul_hover_writes_the_sum():
    lesson = matmul_lesson(np.array([[1.0, 2.0]]), np.array([[3.0], [4.0]]), np.array([[0.5]]))
    hover_x, hover_w = matmul_sums(lesson)
    assert hover_x[0, 1] == "∂L/∂X[1,2] = Σₖ G[1,k]·W[2,k]<br>= (0.5)(4)<br>= 2"
    assert hover_w[1, 0] == "∂L/∂W[2,1] = Σₙ X[n,2]·G[n,1]<br>= (2)(0.5)<br>= 1"


def test_bars_and_curves():
    bars = probability_bars(["a", "b"], np.array([0.25, 0.75]), "p", highlight=1)
    assert list(bars.data[0].marker.color) == [BLUE, ORANGE]
    curves = learning_curves({"train_loss": [1, 0.5], "test_loss": [1.1, 0.6], "train_accuracy": [0.5, 0.8],
                              "test_accuracy": [0.4, 0.7]})
    assert [t.name for t in curves.data] == ["train", "test", "train", "test"]


def test_image_grid_and_confusion():
    grid = image_grid(np.random.default_rng(0).random((7, 64)), [str(k) for k in range(7)], 4)
    assert len(grid.data) == 7 and grid.data[0].z.shape == (8, 8)
    counts = confusion_matrix(np.array([0, 1, 1, 2]), np.array([0, 1, 2, 2]), 3)
    assert counts.tolist() == [[1, 0, 0], [0, 1, 1], [0, 0, 1]]
    assert confusion_figure(counts).data[0].z.tolist() == counts.tolist()


def test_dataset_helpers():
    assert one_hot(np.array([2, 0]), 3).tolist() == [[0, 0, 1], [1, 0, 0]]
    train, test = split(10, 0.3, seed=4)
    assert len(test) == 3 and sorted(np.concatenate([train, test]).tolist()) == list(range(10))
    assert np.array_equal(split(10, 0.3, 4)[1], test)
    order = mistakes_first(np.array([0, 1, 2]), np.array([[0.9, 0.1, 0], [0.6, 0.4, 0], [0.2, 0.1, 0.7]]))
    assert order[0] == 1


def test_digits_state_trains_past_90_percent_with_defaults():
    data = digits(0.25, 0)
    assert data.x_train.shape == (1348, 64) and data.x_test.shape == (449, 64) and data.x_train.max() == 1.0
    state = DigitsState()
    state.reset()
    list(state.train_chunks(data, 20))
    assert state.history["test_accuracy"][-1] >= 0.90
    evaluation = state.evaluation(data)
    assert evaluation.confusion.sum() == 449 and evaluation.accuracy == state.history["test_accuracy"][-1]
    _, grads = state.one_digit(data, 5)
    np.testing.assert_allclose(grads.layers[-1].delta[0], evaluation.probabilities[5] - data.y_test[5], atol=1e-12)


def test_digits_state_refuses_bad_settings():
    state = DigitsState()
    state.set_learning_rate(float("nan"))
    assert state.message[0] == "error" and state.learning_rate == 0.1
    state.reset(hidden=10_000)
    assert "1 to 256 units" in state.message[1]
    list(state.train_chunks(digits(), 0))
    assert "Train 1 to 200 epochs" in state.message[1]
