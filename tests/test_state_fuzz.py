"""Random action sequences, hostile values among them, drive the explorer's state the way the page
does. Nothing may escape as an exception; after every action the state is valid and finite, and its
link replays it exactly."""
import json
import os

import numpy as np
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from backprop import ACTIVATIONS, LOSSES, initialise, make_network
from backprop.fileformat import dumps
from backprop.validation import MAX_ABS_PARAMETER
from test_link import replayed, same
from backprop.quiz import KINDS
from ui.explorer import edit_actions, quiz, setup_actions, training_actions
from ui.explorer.link import link_of
from ui.explorer.state import ExplorerState

HOSTILE = ["", " ", "nan", "inf", "-inf", "1e308", "1e-320", "1,5", "1,500", "²", "٣", "0x1f", "1_0", "1e9",
           "-0", "9" * 400, "1.5.2", "--1", "None", "True", "<script>", "1e6", "-1e6", "0.00001", "100", "1000"]
numbers = st.one_of(st.sampled_from(HOSTILE), st.floats(allow_nan=True, allow_infinity=True).map(str),
                    st.integers(-10**30, 10**30).map(str), st.text(max_size=8))
sizes_texts = st.one_of(st.sampled_from(["4, 3, 3, 1", "2-2-2", "2 3 1", "3, 5, 5, 3", "1, 1", "12, 12, 12",
                                         "4, -3, 1", "4, ², 1", "0, 1", "13, 1", "1,1,1,1,1,1,1,1,1", "99"]),
                        st.text(max_size=12))
counts = st.one_of(st.sampled_from(["1", "3", "20", "0", "-1", "1e9", "abc", "", "5000.0"]), st.text(max_size=4))
names = st.one_of(st.sampled_from(list(ACTIVATIONS) + list(LOSSES)), st.text(max_size=6))


class Explorer(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.state = ExplorerState.from_preset("seed")

    def place(self, data, layer_offset=0):
        """A layer and a neuron that exist now: the page only offers those."""
        layer = data.draw(st.integers(0, len(self.state.network.layers) - 1))
        weights = self.state.network.layers[layer].weights
        return layer, data.draw(st.integers(0, weights.shape[0] - 1)), data.draw(st.integers(0, weights.shape[1] - 1))

    @rule(data=st.data(), value=numbers)
    def set_weight(self, data, value):
        edit_actions.set_weight(self.state, *self.place(data), value)

    @rule(data=st.data(), value=numbers)
    def set_bias(self, data, value):
        layer, i, _ = self.place(data)
        edit_actions.set_bias(self.state, layer, i, value)

    @rule(data=st.data(), value=numbers)
    def edit_a_layer_cell(self, data, value):
        layer, i, j = self.place(data)
        columns = [f"x{k}" for k in range(3)] + ["b", data.draw(st.text(max_size=3))]
        edit_actions.edit_layer(self.state, layer, {str(i): {data.draw(st.sampled_from(columns)): value}})

    @rule(value=st.one_of(numbers, st.sampled_from(["10", "100", "50", "0.5", "2"])))
    def set_learning_rate(self, value):
        edit_actions.set_learning_rate(self.state, value)

    @rule(text=sizes_texts)
    def set_sizes(self, text):
        setup_actions.set_sizes_text(self.state, text)

    @rule(data=st.data(), name=names)
    def set_activation(self, data, name):
        setup_actions.set_activation(self.state, data.draw(st.integers(0, len(self.state.network.layers) - 1)), name)

    @rule(name=names)
    def set_loss(self, name):
        setup_actions.set_loss(self.state, name)

    @rule(flag=st.booleans())
    def set_train_biases(self, flag):
        setup_actions.set_train_biases(self.state, flag)

    @rule(seed=counts)
    def reinitialise(self, seed):
        setup_actions.reinitialise(self.state, seed)

    @rule()
    def apply_update(self):
        self.state.apply_update()

    @rule(epochs=counts, batch=counts)
    def train(self, epochs, batch):
        long_job = training_actions.train_clicked(self.state, epochs, batch)
        if long_job:  # the page trains these with a progress bar
            for _ in training_actions.train_chunks(self.state, long_job):
                pass

    @rule(rows=st.dictionaries(st.sampled_from(["0", "1", "7", "x"]),
                               st.dictionaries(st.sampled_from(["x₁", "x₂", "y", "y₂", "z"]), numbers, max_size=2),
                               max_size=2),
          added=st.lists(st.dictionaries(st.sampled_from(["x₁", "y", "q"]), numbers, max_size=2), max_size=2),
          deleted=st.lists(st.sampled_from([0, 1, 5, -1]), max_size=2))
    def edit_data(self, rows, added, deleted):
        edit_actions.edit_data(self.state, {"edited_rows": rows, "added_rows": added, "deleted_rows": deleted})

    @rule(data=st.data())
    def upload(self, data):
        kind = data.draw(st.sampled_from(["network", "huge", "junk", "nested", "nan"]))
        if kind == "network":
            sizes = data.draw(st.lists(st.integers(1, 5), min_size=2, max_size=4))
            content = dumps(initialise(sizes, ["tanh"] * (len(sizes) - 2) + ["identity"], "mse", 1)).encode()
        else:
            content = {"huge": b"{" * 100_000, "junk": data.draw(st.binary(max_size=40)),
                       "nested": json.dumps({"format": "backprop-explorer/network", "version": 1, "layers": [
                           {"activation": ["relu"], "weights": [[[1]]], "biases": {}}]}).encode(),
                       "nan": b'{"format": "backprop-explorer/network", "version": 1, "layers": '
                              b'[{"activation": "relu", "weights": [[NaN]], "biases": [0]}]}'}[kind]
        setup_actions.load_file(self.state, content)

    @rule(points=st.one_of(st.none(), st.text(max_size=3), st.lists(st.fixed_dictionaries({"customdata": st.one_of(
        st.lists(st.integers(-2, 12), max_size=4), st.text(max_size=3), st.floats())}), max_size=2)))
    def pick(self, points):
        edit_actions.set_pick(self.state, points)

    @rule(position=st.one_of(st.integers(-5, 40), st.text(max_size=3), st.none()))
    def set_position(self, position):
        self.state.set_position(position)

    @rule(sample=st.integers(-3, 300))
    def set_sample(self, sample):
        self.state.set_sample(sample)

    @rule(on=st.booleans())
    def set_quiz(self, on):
        quiz.set_quiz(self.state, on)

    @rule(kinds=st.one_of(st.lists(st.sampled_from(list(KINDS)), max_size=4), st.lists(st.text(max_size=5), max_size=2),
                          st.none()))
    def set_kinds(self, kinds):
        quiz.set_kinds(self.state, kinds)

    @rule(seed=st.integers(0, quiz.MAX_DRAW_SEED))
    def new_network(self, seed):
        quiz.new_network(self.state, seed)

    @rule(data=st.data(), text=numbers)
    def answer(self, data, text):
        pending = self.state.pending
        action = data.draw(st.sampled_from(["typed", "right", "skip", "hint"]))
        if action == "right" and pending is not None:
            text = repr(pending.expected)
        {"skip": quiz.skip, "hint": quiz.hint}.get(action, lambda s: quiz.answer(s, text))(self.state)
        if action == "right" and pending is not None:
            assert self.state.answers[pending.position].verdict.right

    @invariant()
    def the_quiz_holds_back_what_it_has_not_asked(self):
        s = self.state
        assert s.position <= s.unlocked <= s.n_steps
        assert all(p in s.answers for p in s.questions if p <= s.unlocked)

    @invariant()
    def valid_and_finite(self):
        s = self.state
        net = make_network([(l.weights, l.biases, l.activation) for l in s.network.layers], s.network.loss,
                           s.network.train_biases)  # validates it again
        assert net.largest_parameter <= MAX_ABS_PARAMETER
        assert np.isfinite(s.inputs).all() and np.isfinite(s.targets).all()
        assert s.inputs.shape[1] == net.sizes[0] and s.targets.shape == (len(s.inputs), net.sizes[-1])
        assert 0 < s.learning_rate <= 100 and 0 <= s.position <= s.n_steps and 0 <= s.sample < len(s.inputs)
        assert len(s.walk.steps) == 2 * len(net.layers) + 2

    @invariant()
    def what_the_page_is_drawn_from_is_current(self):
        """The digest is kept between field assignments: no action may change a field in place."""
        s = self.state
        kept = s.drawn_from()
        s._digested = None
        assert s.drawn_from() == kept

    @invariant()
    def the_link_replays_it(self):
        assert same(replayed(self.state), self.state), link_of(self.state)


Explorer.TestCase.settings = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 500)), stateful_step_count=12, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], database=None,
    derandomize=not os.environ.get("FUZZ_RANDOM"))  # CI replays the same 500; FUZZ_RANDOM=1 explores
test_random_action_sequences = Explorer.TestCase
