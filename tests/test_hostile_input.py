"""Issue 16's audit, one test per failure class: what a careless or hostile learner types, uploads or
clicks is refused with a message naming the field, and nothing else changes."""
import json
import subprocess
import sys

import numpy as np
import pytest

from backprop import initialise
from backprop.fileformat import dumps, loads
from backprop.network import Place
from backprop.training import train
from backprop.validation import MAX_ABS_PARAMETER
from press import press
from ui.explorer import edit_actions, setup_actions, training_actions
from ui.cells import parse_count, parse_number
from ui.explorer.state import ExplorerState
from ui.tables import gradient_verdict

from apptest_helpers import ROOT


@pytest.fixture
def state():
    return ExplorerState.from_preset("seed")


def refused(state, words: str) -> bool:
    return state.message.level == "error" and words in state.message.text


def test_a_diverged_run_stops_keeps_an_editable_network_and_says_so(state):
    edit_actions.set_learning_rate(state, "10")
    training_actions.train_clicked(state, "50", "0")
    assert refused(state, "Training stopped at epoch") and "try a smaller η" in state.message.text
    assert state.network.largest_parameter <= MAX_ABS_PARAMETER
    for edit in (lambda: edit_actions.set_weight(state, 0, 0, 0, "0.5"), lambda: setup_actions.set_loss(state, "half_sse"),
                 lambda: setup_actions.set_train_biases(state, False)):
        edit()
        assert state.message.level == "success", state.message
    assert dumps(loads(dumps(state.network))) == dumps(state.network)  # downloads and uploads back
    setup_actions.load_file(state, dumps(state.network).encode())
    assert state.message.level == "info" and "Loaded a 4-3-3-1 network" in state.message.text


def test_a_run_whose_weights_run_away_with_a_finite_loss_is_stopped():
    """XOR, ReLU, MSE, η = 100: the loss stays finite while weights pass 1e6; that is divergence too."""
    network = initialise([2, 3, 1], ["relu", "identity"], "mse", 0)
    x = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], float)
    result = train(network, x, np.array([[0], [1], [1], [0]], float), 100.0, 200)
    assert result.diverged_at is not None
    assert "past the limit of ±1e+06" in result.diverged_because or "infinite or NaN" in result.diverged_because
    assert result.network.largest_parameter <= MAX_ABS_PARAMETER


def test_an_update_that_would_pass_the_cap_is_refused(state):
    edit_actions.set_learning_rate(state, "100")
    before = state.network
    for _ in range(5):
        state.apply_update()
    assert refused(state, "This update was not applied") and state.network.largest_parameter <= MAX_ABS_PARAMETER
    assert state.network is not before  # the good updates before it were kept


def test_a_rising_loss_is_said_to_rise(state):
    edit_actions.set_learning_rate(state, "0.05")
    state.apply_update()
    assert state.message.level == "warning" and "the loss rose" in state.message.text


def test_gradient_check_on_a_huge_loss_explains_instead_of_failing(state):
    edit_actions.set_weight(state, 0, 0, 0, "1e6")
    edit_actions.set_weight(state, 1, 0, 0, "1e6")
    check = training_actions.gradient_check(state)
    assert check.loss > 1e20
    verdict = gradient_verdict(check)
    assert verdict.level != "error" and ("pass" in verdict.text or "cannot decide" in verdict.text)


@pytest.mark.parametrize("text, why", [
    ("4, ², 1", "'²' is not a whole number"), ("9" * 5000, "the text is too long"), ("4, -3, 1", "'-3' is not a whole"),
    ("4,,1", "has an empty place"), ("4.5, 1", "'4.5' is not a whole"), ("", "is empty"), ("٤, 3, 1", "'٤' is not a whole"),
    ("4, 3,3, 1", "commas with and without a space")])
def test_layer_sizes_that_are_not_a_list_of_counts_are_refused_whole(state, text, why):
    setup_actions.set_sizes_text(state, text)
    assert refused(state, "Neurons per layer") and refused(state, why) and state.sizes == [4, 3, 3, 1]
    assert state.message.text.endswith("The network is unchanged.")


@pytest.mark.parametrize("text, sizes", [("4, 2, 1", [4, 2, 1]), ("4-5-1", [4, 5, 1]), (" 2 3  1 ", [2, 3, 1])])
def test_layer_sizes_in_the_usual_forms(state, text, sizes):
    setup_actions.set_sizes_text(state, text)
    assert state.sizes == sizes


@pytest.mark.parametrize("activation", [["relu"], {"name": "relu"}, 3, None])
def test_a_file_whose_activation_is_not_a_name_is_refused(state, activation):
    file = {"format": "backprop-explorer/network", "version": 1,
            "layers": [{"activation": activation, "weights": [[1.0]], "biases": [0.0]}]}
    setup_actions.load_file(state, json.dumps(file).encode())
    assert refused(state, "unknown activation") and state.sizes == [4, 3, 3, 1]


@pytest.mark.parametrize("points", [
    [{"customdata": [99, 0, 0]}], [{"customdata": [0, 0, 9]}], [{"customdata": [0, 0, 1.5]}],
    [{"customdata": "edge"}], [{"customdata": [7, 0]}], [{"customdata": [True, 0]}], ["x"], "points", None,
])
def test_a_tampered_selection_changes_nothing(state, points):
    edit_actions.set_pick(state, points)
    assert state.pick is None
    edit_actions.set_pick(state, [{"customdata": [0, 2, 3]}])
    assert state.pick == Place.edge(0, 2, 3)


@pytest.mark.parametrize("text, value", [
    ("1e-3", 0.001), ("2.5e2", 250.0), ("-4E-1", -0.4), ("1,5", 1.5), (".5", 0.5), ("+3", 3.0), ("1e6", 1e6),
])
def test_numbers_are_read_as_typed(text, value):
    assert parse_number(text, "w") == value


@pytest.mark.parametrize("text, words", [
    ("1e308", "too large"), ("1e7", "too large"), ("1,500,000", "is not a number"), ("1.5.2", "is not a number"),
    ("1,5.0", "is not a number"), ("nan", "is not a number"), ("inf", "is not a number"), ("0x10", "is not a number"),
    ("9" * 4000, "is not a number"), ("1_000", "is not a number"),
])
def test_numbers_that_would_be_misread_are_refused(text, words):
    with pytest.raises(ValueError, match=words):
        parse_number(text, "w")


def test_a_huge_integer_is_too_large_not_a_non_number():
    with pytest.raises(ValueError, match="too large"):
        parse_number(10**4000, "w")


@pytest.mark.parametrize("text", ["1e9", "5000.5", "-1", "", "1,000", "99999999999", "1_0", "0x10", "nan"])
def test_counts_are_whole_numbers_in_range(text):
    with pytest.raises(ValueError, match="is not a whole number from 1 to 5000"):
        parse_count(text, "Epochs", 1, 5000)


def test_the_learning_rate_names_its_own_limit(state):
    edit_actions.set_learning_rate(state, "1e9")
    assert refused(state, "the limit is ±100")
    edit_actions.set_learning_rate(state, "0.00001")
    assert state.learning_rate == 1e-5


def test_a_cell_in_scientific_notation_arrives_as_typed(state):
    edit_actions.edit_layer(state, 0, {0: {"x₁": "1e-3", "b": "2,5"}})
    assert state.network.layers[0].weights[0, 0] == 0.001 and state.network.layers[0].biases[0] == 2.5
    edit_actions.edit_layer(state, 0, {0: {"x₁": "1e308"}})
    assert refused(state, "too large") and state.network.layers[0].weights[0, 0] == 0.001


def test_a_new_data_row_keeps_what_was_typed(state):
    edit_actions.edit_data(state, {"edited_rows": {}, "added_rows": [{"x₁": "1", "x₂": "2e0", "x₃": "3", "x₄": "4", "y": "0,25"}],
                     "deleted_rows": []})
    assert state.inputs.tolist()[1] == [1, 2, 3, 4] and state.targets.tolist()[1] == [0.25]


def cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "backprop", "explain", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


@pytest.mark.parametrize("args", [("--preset", "seed", "--lr", "1e308", "--format", "json"),
                                  ("--preset", "seed", "--lr", "1e308")])
def test_the_cli_refuses_a_non_finite_result_in_one_line(args):
    result = cli(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "is too large for these weights" in result.stderr


def test_the_cli_refuses_a_file_with_a_list_for_an_activation(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "backprop-explorer/network", "version": 1,
                                "layers": [{"activation": {"a": 1}, "weights": [[1.0]], "biases": [0.0]}]}))
    result = cli(str(path), "--input", "1", "--target", "1")
    assert result.returncode == 2 and "Traceback" not in result.stderr and result.stderr.count("\n") == 1


def test_an_interrupted_run_keeps_its_epochs_and_says_so(state):
    chunks = training_actions.train_chunks(state, 5000)
    next(chunks), next(chunks)  # the page's run ends here: Stop was clicked, or the learner left
    assert 0 < state.epochs == len(state.history) - 1 < 5000
    assert state.message.level == "info"
    assert state.message.text.startswith(f"Training was stopped after {state.epochs} of 5000 epochs")
    for _ in chunks:
        pass
    assert state.epochs == 5000 and state.message.text.startswith("Trained 5000 epochs")


def test_a_long_run_yields_in_short_chunks_whatever_its_size(state):
    """The first chunk is one epoch; later ones grow at most twofold toward the time budget, so Stop and
    the progress bar answer within a chunk even when one epoch is slow."""
    chunks = training_actions.train_chunks(state, 5000)
    next(chunks)
    assert state.epochs == 1
    next(chunks)
    assert state.epochs <= 3


def test_a_file_too_big_for_the_explorer_is_refused_before_it_is_parsed(state):
    setup_actions.load_file(state, b"[" * 4_000_000)  # 4 MB: parsing it took seconds
    assert refused(state, "it is 4,000,000 bytes, and a network the explorer draws fits in 250,000")
    assert state.sizes == [4, 3, 3, 1]


def test_a_downloaded_lesson_uploads_back_with_its_data_rate_and_step(state):
    edit_actions.edit_data(state, {"added_rows": [{"x₁": "1", "y": "2"}]})
    edit_actions.set_learning_rate(state, "0.0125")
    state.set_batch_size(1)
    press(state, "backward")
    text = dumps(state.network, inputs=state.inputs, targets=state.targets, learning_rate=state.learning_rate,
                 batch_size=state.batch_size, position=state.position)
    fresh = ExplorerState.from_preset("mazur")
    setup_actions.load_file(fresh, text.encode())
    assert fresh.message.text == "Loaded a 4-3-3-1 network from the file with its data, η and step."
    assert np.array_equal(fresh.inputs, state.inputs) and fresh.learning_rate == 0.0125
    assert fresh.batch_size == 1 and fresh.position == state.position == 7


def test_a_nan_in_a_later_layer_counts_as_divergence():
    from backprop.network import network_from_arrays
    network = initialise([2, 3, 1], ["tanh", "identity"], "mse", 0)
    layers = [(l.weights, l.biases, l.activation) for l in network.layers]
    layers[1] = (np.array([[1.0, np.nan, 2.0]]), layers[1][1], "identity")  # Python's max(1.0, nan) is 1.0
    assert "past the limit" in train_divergence(network_from_arrays(layers, "mse", True))


def train_divergence(network):
    from backprop.training import divergence
    return divergence(1.0, network)
