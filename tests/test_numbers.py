"""The one number reader: what it reads, what it refuses, and that every page, the quiz, links, CSVs and the CLI
use it (issue 27: each failure below read a number other than as typed before the reader was shared)."""
import numpy as np
import pytest

from backprop.numbers import read_number, read_numbers, read_whole, read_whole_list, split_list
from backprop.pointfile import read_points
from ui.concepts.digits_state import DigitsState
from ui.concepts.state import SoftmaxState
from ui.cells import shown
from ui.explorer import edit_actions, quiz, setup_actions
from ui.explorer.link import state_from_link
from ui.explorer.state import ExplorerState
from ui.labels import sample_choice
from ui.playground.state import PlaygroundState
from ui.tables import readable, step_markdown


@pytest.mark.parametrize("text, value", [
    ("0.5", 0.5), (".5", 0.5), ("-2", -2.0), ("+3", 3.0), ("1e-3", 1e-3), ("2.5E2", 250.0), ("1,5", 1.5), (",5", 0.5),
    ("0,500", 0.5), ("1,50", 1.5), ("12345", 12345.0), (" 7 ", 7.0), ("−0.25", -0.25), ("１２", 12.0), ("１，５", 1.5),
    (3, 3.0), (2.5, 2.5)])
def test_numbers_read_as_typed(text, value):
    assert read_number(text, "η") == value


@pytest.mark.parametrize("text, why", [
    ("1,500", "could mean 1500 or 1.500"), ("12,000", "could mean 12000 or 12.000"), ("-1,250", "could mean -1250"),
    ("1_0", "is not a number"), ("0x1", "is not a number"), ("inf", "is not a number"), ("nan", "is not a number"),
    ("1.5.2", "is not a number"), ("1,5,2", "is not a number"), ("٣", "is not a number"), ("²", "is not a number"),
    ("", "is empty"), ("  ", "is empty"), (None, "is empty"), (float("nan"), "is empty"), ("1e400", "too large"),
    (10 ** 400, "too large"), (True, "is not a number"), ("1" * 41, "is not a number")])
def test_anything_else_is_refused_with_a_reason(text, why):
    with pytest.raises(ValueError, match=why):
        read_number(text, "η")


@pytest.mark.parametrize("text, items", [
    ("4, 3, 3, 1", ["4", "3", "3", "1"]), ("4,3,3,1", ["4", "3", "3", "1"]), ("4 3 3 1", ["4", "3", "3", "1"]),
    ("4;3;3;1", ["4", "3", "3", "1"]), ("1,5; 2", ["1,5", "2"]), ("1.5, 2", ["1.5", "2"]), ("4 ,3 ,1", ["4", "3", "1"]),
    ("４，３", ["4", "3"]), ("8", ["8"])])
def test_lists_split_by_one_rule(text, items):
    assert split_list(text, "sizes") == items


@pytest.mark.parametrize("text, why", [("1,5, 2", "commas with and without a space"), ("4,,1", "empty place"),
                                       ("4, 3,", "empty place"), ("; 2", "empty place"), ("", "is empty")])
def test_ambiguous_or_holed_lists_are_refused(text, why):
    with pytest.raises(ValueError, match=why):
        split_list(text, "logits")


def test_whole_numbers_and_network_notation():
    assert read_whole("3", "n", 1, 5) == 3 and read_whole("2.0", "n", 1, 5) == 2 and read_whole("1e3", "n", 1, 1000) == 1000
    assert read_whole_list("4-3-3-1", "sizes", 1, 99) == [4, 3, 3, 1] == read_whole_list("4 3 3 1", "sizes", 1, 99)
    for text in ["2.5", "0", "6", "1,000", "x"]:
        with pytest.raises(ValueError, match="is not a whole number from 1 to 5"):
            read_whole(text, "n", 1, 5)
    assert read_numbers("1,5; -2", "logits") == [1.5, -2.0]


def test_the_explorer_refuses_a_thousands_comma_everywhere_it_reads_a_number():
    state = ExplorerState.from_preset("seed")
    edit_actions.set_learning_rate(state, "1,500")
    assert state.learning_rate == 0.005 and "could mean 1500 or 1.500" in state.message.text
    edit_actions.set_weight(state, 0, 0, 0, "12,000")
    assert state.network.layers[0].weights[0, 0] == 0.2 and "could mean 12000 or 12.000" in state.message.text
    quiz.set_quiz(state, True)
    quiz.answer(state, "1,500")
    assert not state.answers and "could mean 1500" in state.message.text


def test_the_playground_and_digits_read_the_same_way():
    playground = PlaygroundState.opened_with("xor")
    rate = playground.learning_rate
    playground.set_learning_rate("1,500")
    assert playground.learning_rate == rate and "could mean 1500" in playground.message.text
    hidden = playground.hidden
    for text in ["4,,1", "4;3, 1"]:
        playground.set_hidden_text(text)
        assert playground.hidden == hidden
    playground.set_hidden_text("4 3")
    assert playground.hidden == (4, 3)
    digits = DigitsState.untrained()
    refusals = digits.refusals
    digits.set_learning_rate("12,000")
    assert digits.learning_rate != 12 and "could mean" in digits.message.text and digits.refusals == refusals + 1


def test_softmax_logits_with_a_decimal_comma_and_a_spaced_comma_are_refused_not_split():
    state = SoftmaxState()
    before = state.logits.copy()
    state.set_logits_text("1,5, 2")
    assert np.array_equal(state.logits, before) and "commas with and without a space" in state.message.text
    state.set_logits_text("1,5; 2")
    assert state.logits.tolist() == [1.5, 2.0]


@pytest.mark.parametrize("first", ["inf,1,0", "nan,1,0", "-,1,0", "0x1,1,0", "1_0,1,0"])
def test_a_csv_row_with_a_number_in_it_is_data_not_a_header(first):
    rows = "".join(f"{k},{k % 3},{k % 2}\n" for k in range(20))
    with pytest.raises(ValueError, match="row 1, column 1"):
        read_points(first + "\n" + rows)
    assert len(read_points("x1,x2,label\n" + rows)[0]) == 20  # a header: none of its cells is a number


def test_a_link_that_gives_a_key_twice_is_refused():
    with pytest.raises(ValueError, match="the link gives lr more than once"):
        state_from_link({"lr": ["NaN", "0.1"]})


def test_the_explorers_sizes_take_every_list_form_and_full_width_digits():
    for text, sizes in [("4;3;3;1", [4, 3, 3, 1]), ("4 3 2", [4, 3, 2]), ("4-5-1", [4, 5, 1]), ("４，３，１", [4, 3, 1])]:
        state = ExplorerState.from_preset("seed")
        setup_actions.set_sizes_text(state, text)
        assert state.sizes == sizes, text


def test_numbers_on_screen_have_no_minus_zero_and_no_17_digit_floats():
    assert shown(-0.0) == "0" and readable(-0.0) == "0" and shown(-1e-30) == "-1e-30"
    choice = sample_choice(0, np.array([0.1 + 0.2, -0.0]), np.array([1.0]))
    assert choice == "sample 1: x = (0.3, 0), y = (1)"
    state = state_from_link({"preset": "xor"})
    table = step_markdown(state.walk.steps[0], state.sizes)
    assert "-0 " not in table and "| -0 |" not in table
