"""Handouts: the worksheets' versions, questions and answer key as the core draws them, the worked example's pages,
and the handouts page through AppTest, refusals included."""
import numpy as np
import pytest

from apptest_helpers import open_page
from backprop import walkthrough
from backprop.quiz import drawn_problem
from backprop.worksheet import LEARNING_RATE, given, worksheet
from ui.handout import sheets, worked_steps
from ui.explorer.state import ExplorerState

PAGE = "pages/7_Handouts.py"


def test_each_version_is_its_own_network_and_asks_of_its_own_pass():
    drawn = worksheet([2, 2, 1], ["relu", "identity"], "mse", ["z", "delta", "new_weight"], 4, first_seed=7)
    assert [v.seed for v in drawn] == [7, 8, 9, 10]
    assert len({v.network.layers[0].weights.tobytes() for v in drawn}) == 4
    for version in drawn:
        network, x, y = drawn_problem([2, 2, 1], ["relu", "identity"], "mse", True, version.seed)
        walk = walkthrough(network, x, y, LEARNING_RATE)
        assert np.array_equal(version.x, x) and [q.position for q in version.questions] == [1, 2, 4, 5, 6]
        for q in version.questions:  # each answer is the pass's own number
            if q.kind == "z":
                layer = walk.forward.layers[q.place.layer - 1]
                assert q.expected == pytest.approx(layer.z[0, q.place.i], abs=1e-12)
            assert q.answer.endswith(" = " + q.answer.rsplit(" = ", 1)[1])
        assert len(given(version)) == 1 + len(version.network.layers)


def test_the_fields_are_read_by_the_apps_reader_and_refused_by_name():
    assert len(sheets("2", "3 2 1", "0", "identity", "half_sse", [])) == 2
    for fields, words in [(("0", "2, 1", "0"), "Versions"), (("41", "2, 1", "0"), "Versions"),
                          (("2", "2", "0"), "2 to 4 layers"), (("2", "2, 5, 1", "0"), "Neurons per layer"),
                          (("2", "2, 1", "x"), "First seed")]:
        with pytest.raises(ValueError, match=words):
            sheets(*fields, "relu", "mse", ["z"])


def test_the_worked_example_starts_a_page_at_each_phase():
    state = ExplorerState.from_preset("seed")
    printed = worked_steps(state.network, state.walk, 0)
    assert len(printed) == 8 and [p.new_page for p in printed] == [True, False, False, True, True, False, False, True]
    assert all(p.figure.layout.height > 0 for p in printed)


def test_the_page_prints_the_explorers_network_then_worksheets_with_their_key():
    at = open_page(PAGE)
    assert not at.exception
    assert at.header[0].value == "A worked example of backpropagation"
    assert [s.value for s in at.subheader][:2] == ["Forward 1 of 3: hidden layer 1", "Forward 2 of 3: hidden layer 2"]
    at.radio(key="handout_kind").set_value("sheets").run()
    assert [h.value for h in at.header] == ["Worksheet, version 1", "Worksheet, version 2", "Worksheet, version 3",
                                            "Answer key"]
    key = [l.value for l in at.latex if l.value.startswith("$$\n1.")]
    assert len(key) == 3
    next(t for t in at.text_input if t.label == "Versions").set_value("1,5").run()
    assert [e.value for e in at.error] == ["Versions: '1,5' is not a whole number from 1 to 40."]
    assert not at.header  # nothing printed from a field that cannot be read


def test_the_page_is_translated():
    at = open_page(PAGE, query={"lang": "zh"})
    assert not at.exception and at.title[0].value != "Handouts"
