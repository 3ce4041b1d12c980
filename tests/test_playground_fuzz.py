"""Random action sequences, hostile values among them, drive the playground's state the way its page
does. Nothing may escape as an exception; after every action the network fits the data, every
parameter is finite and within the cap, and every refusal left its field as it was."""
import os

import numpy as np
from hypothesis import HealthCheck, settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from backprop.validation import MAX_ABS_PARAMETER
from test_state_fuzz import numbers
from ui.playground import views
from ui.playground.state import ACTIVATIONS, MAX_HIDDEN_LAYERS, MAX_UNITS, PlaygroundState, SETUPS

texts = st.one_of(numbers, st.sampled_from(["8, 8", "1", "8,8,8,8,8,8", "9", "0", "", "4;4", "2, 80", "1,2,3,4,5,6,7"]))
files = st.one_of(st.binary(max_size=60), st.sampled_from([b"1,2,0\n3,4,1\n", b"x1,x2,label\n1,nan,0\n2,2,1\n",
                                                           b"1,2,0\n1,2,0\n", b"1e6,-1e6,3\n0,0,4\n1,1,3\n"]),
                  st.lists(st.tuples(st.floats(-3, 3), st.floats(-3, 3), st.integers(0, 3)), min_size=2, max_size=30)
                  .map(lambda rows: "".join(f"{x},{y},{k}\n" for x, y, k in rows).encode()))


class Playground(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.state = PlaygroundState.opened_with("circle")
        self.state.set_points(60)  # small data: each sequence runs in milliseconds

    @rule(name=st.sampled_from([*SETUPS, "nope", ""]))
    def dataset(self, name):
        self.state.set_dataset(name)
        if name in SETUPS and name != "own":
            self.state.set_points(60)

    @rule(value=st.floats(0, 0.5), points=st.integers(20, 200), test=st.floats(0.1, 0.9))
    def sliders(self, value, points, test):
        self.state.set_noise(value)
        self.state.set_points(points)
        self.state.set_test_fraction(test)

    @rule(text=texts)
    def typed(self, text):
        for action in (self.state.set_learning_rate, self.state.set_l2, self.state.set_batch_size,
                       self.state.set_seed, self.state.set_hidden_text):
            before = (self.state.learning_rate, self.state.l2, self.state.batch_size, self.state.seed,
                      self.state.hidden)
            refusals = self.state.refusals
            action(text)
            if self.state.refusals > refusals:  # refused: nothing changed
                assert before == (self.state.learning_rate, self.state.l2, self.state.batch_size, self.state.seed,
                                  self.state.hidden)

    @rule(layer=st.integers(-1, MAX_HIDDEN_LAYERS), name=st.sampled_from([*ACTIVATIONS, "softmax", "x"]))
    def activation(self, layer, name):
        self.state.set_activation(layer, name)

    @rule(chosen=st.lists(st.sampled_from(["x1", "x2", "x1^2", "x2^2", "x1x2", "sin_x1", "sin_x2", "bad"])))
    def features(self, chosen):
        self.state.set_features(chosen)

    @rule(data=files)
    def upload(self, data):
        self.state.load_csv(data)

    @rule(huge=st.sampled_from(["100", "10", "1e-3", "0.3"]))
    def train(self, huge):
        self.state.set_learning_rate(huge)
        self.state.playing = True
        self.state.play_chunk()
        self.state.step()

    @rule(index=st.one_of(st.integers(-5, 300), st.sampled_from(["1", None, True, 2.5, [0]])))
    def point(self, index):
        self.state.set_point(index)
        if self.state.point is not None:
            assert views.point_walk(self.state) is not None and views.explorer_state(self.state) is not None

    @invariant()
    def valid(self):
        s, network = self.state, self.state.network
        assert network.sizes == [len(s.features), *s.hidden, s.data.y.shape[1]] and len(s.hidden) <= MAX_HIDDEN_LAYERS
        assert all(1 <= n <= MAX_UNITS for n in s.hidden) and len(s.activations) == len(s.hidden)
        assert 0 < s.learning_rate <= 10 and 0 <= s.l2 <= 1 and s.batch_size >= 1
        assert network.largest_parameter <= MAX_ABS_PARAMETER and np.isfinite(s.history["train_loss"]).all()
        assert s.point is None or 0 <= s.point < len(s.data.x)
        view = views.view(s)
        assert view.boundary.shape == (50, 50) and view.confusion.sum() == len(s.data.test)


Playground.TestCase.settings = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 150)), stateful_step_count=10, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=not os.environ.get("FUZZ_RANDOM"))
test_playground_state_survives_any_sequence = Playground.TestCase
