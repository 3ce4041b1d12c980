"""The explorer's state as a link: every state the actions make comes back exactly from its link;
hostile links are refused in one sentence."""
import urllib.parse

import numpy as np
import pytest

from backprop.fileformat import dumps
from backprop import initialise
from press import press
from ui.explorer import edit_actions, setup_actions, training_actions
from ui.explorer.link import FIELDS, MAX_LINK, link_of, state_from_link
from ui.explorer.state import ExplorerState


def same(a: ExplorerState, b: ExplorerState) -> bool:
    """Everything a learner set, equal to the last bit."""
    layers = all(np.array_equal(p.weights, q.weights) and np.array_equal(p.biases, q.biases)
                 and p.activation == q.activation for p, q in zip(a.network.layers, b.network.layers))
    return (layers and a.network.sizes == b.network.sizes and a.network.loss == b.network.loss
            and a.network.train_biases == b.network.train_biases and np.array_equal(a.inputs, b.inputs)
            and np.array_equal(a.targets, b.targets) and a.learning_rate == b.learning_rate
            and a.batch_size == b.batch_size and a.sample == b.sample
            and a.show == b.show and a.preset == b.preset and a.weights_seed == b.weights_seed
            and a.projector == b.projector and a.quiz == b.quiz and a.quiz_kinds == b.quiz_kinds
            and a.draw_seed == b.draw_seed and a.stop == b.stop
            # a quiz's answers are the learner's, not the link's: the replay (either one) opens at its first question
            and (a.position == b.position or (a.quiz and (b.position == min(a.position, b.unlocked)
                                                          or a.position == min(b.position, a.unlocked)))))


def replayed(state: ExplorerState) -> ExplorerState:
    """Through the address bar and back, as a browser would send it."""
    query = urllib.parse.urlencode(link_of(state))
    return state_from_link(dict(urllib.parse.parse_qsl(query)))


def updated_seed() -> ExplorerState:
    state = ExplorerState.from_preset("seed")
    press(state, "backward")
    state.apply_update()
    press(state, "backward")
    return state


ACTIONS = {
    "nothing": lambda s: None,
    "update, then step": lambda s: (s.apply_update(), press(s, "backward")),
    "one weight": lambda s: edit_actions.set_weight(s, 0, 1, 1, "-0.123456789012"),
    "one bias": lambda s: edit_actions.set_bias(s, 1, 0, "1e-5"),
    "loss": lambda s: setup_actions.set_loss(s, "half_sse"),
    "frozen biases": lambda s: setup_actions.set_train_biases(s, False),
    "activation": lambda s: setup_actions.set_activation(s, 0, "relu"),
    "sizes": lambda s: setup_actions.set_sizes_text(s, "4, 5, 2"),
    "re-initialised": lambda s: setup_actions.reinitialise(s, "12345"),
    "sizes, then an activation": lambda s: (setup_actions.set_sizes_text(s, "4 6 6 1"), setup_actions.set_activation(s, 1, "sigmoid")),
    "learning rate": lambda s: edit_actions.set_learning_rate(s, "0.0375"),
    "show mode": lambda s: setattr(s, "show", "delta"),
    "projector": lambda s: s.set_projector(True),
    "data": lambda s: edit_actions.edit_data(s, {"edited_rows": {0: {"y": "2"}}, "added_rows": [{"x₁": "1", "y": "3"}],
                                   "deleted_rows": []}),
    "sample and batch": lambda s: (edit_actions.edit_data(s, {"added_rows": [{"x₁": "1"}, {"x₂": "2"}]}), s.set_sample(2),
                                   s.set_batch_size(2)),
    "trained": lambda s: training_actions.train_clicked(s, "20", "0"),
    "stop below": lambda s: training_actions.set_stop(s, "below", "1.5e-3"),
    "stop on a plateau": lambda s: training_actions.set_stop(s, "plateau", ""),
    "a file": lambda s: setup_actions.load_file(s, dumps(initialise([4, 3, 1], ["tanh", "identity"], "mse", 7)).encode()),
}


@pytest.mark.parametrize("preset", ["seed", "mazur", "xor"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_state_comes_back_from_its_link(preset, action):
    state = ExplorerState.from_preset(preset)
    ACTIONS[action](state)
    press(state, "next")
    assert same(replayed(state), state)


def test_a_fresh_preset_is_one_field_and_an_updated_seed_network_fits_in_2000_characters():
    assert link_of(ExplorerState.from_preset("xor")) == {"preset": "xor"}
    state = updated_seed()
    query = urllib.parse.urlencode(link_of(state))
    assert len(query) <= 2000 and set(link_of(state)) == {"preset", "L1", "L2", "L3", "step"}
    print(f"\nlink after one update, at step 7: {len(query)} characters")


def test_an_edit_writes_only_its_layer():
    state = ExplorerState.from_preset("seed")
    edit_actions.set_weight(state, 2, 0, 1, "0.5")
    assert link_of(state) == {"preset": "seed", "L3": "0.1_0.5_0.5_4"}


def test_old_preset_links_still_open():
    assert same(state_from_link({"preset": "mazur"}), ExplorerState.from_preset("mazur"))
    assert same(state_from_link({}), ExplorerState.from_preset("seed"))


def test_every_field_is_declared_once_with_what_it_holds():
    assert set(FIELDS) == {"preset", "sizes", "act", "loss", "bias", "seed", "L", "x", "y", "lr", "batch", "step",
                           "sample", "show", "projector", "quiz", "ask", "stop", "draw", "lang"}
    assert all(field.holds and field.key == key for key, field in FIELDS.items())


@pytest.mark.parametrize("params, words", [
    ({"preset": "os.system"}, "preset"), ({"lr": "nan"}, "learning rate"), ({"lr": "1e400"}, "too large"),
    ({"lr": "-1"}, "learning rate"), ({"L1": "1_2_3"}, "L1 holds 3 numbers"), ({"L9": "1"}, "L9"),
    ({"L1": "_".join(["1e300"] * 15)}, "too large"), ({"sizes": "4-99-1"}, "layer sizes"),
    ({"sizes": "4-3-1", "act": "relu"}, "activations"), ({"act": "eval.eval.eval"}, "activations"),
    ({"x": "1_2_3", "y": "1"}, "whole samples"), ({"step": "99"}, "step: '99' is not a whole number from 0 to 32$"), ({"step": "20"}, "past the end"), ({"step": "-1"}, "step"),
    ({"sample": "2"}, "past the end"), ({"seed": "9" * 30}, "seed"), ({"x": "1_" * 60_000}, "longer than"),
    ({"loss": "cross_entropy"}, "softmax"), ({"show": "<script>"}, "show"), ({"batch": "1e9"}, "batch"),
    ({"stop": "below_-1"}, "stop"), ({"stop": "below_nan"}, "stop"), ({"stop": "plateau_3"}, "stop"),
    ({"stop": "eval"}, "stop"),
])
def test_a_malformed_or_hostile_link_is_refused_in_one_sentence(params, words):
    with pytest.raises(ValueError, match=words) as refusal:
        state_from_link(params)
    assert "\n" not in str(refusal.value) and len(str(refusal.value)) < 300


def test_unknown_fields_are_ignored():
    assert same(state_from_link({"preset": "xor", "utm_source": "mail", "lang": "fr"}),
                ExplorerState.from_preset("xor"))


def test_the_length_cap_is_checked_before_anything_is_read():
    assert MAX_LINK < 100_000
    with pytest.raises(ValueError, match="longer than"):
        state_from_link({"L1": "1" * 100_000})
