"""The playground's state: a 2-D dataset, the features fed in, a classifier and its training.

Pure Python over the core, no Streamlit: the page reads widgets, calls these actions, and draws
what ui/playground/views.py reads from the state. Every action validates its input; a refusal keeps the old
value and says why.
"""
import threading
import time
from dataclasses import dataclass, field
from functools import wraps
from typing import NamedTuple

import numpy as np

from backprop import Network, initialise, train
from backprop.datasets import FEATURES, PLANE, features, split, targets
from backprop.i18n import _
from backprop.losses import CLIPPED
from backprop.pointfile import read_points
from backprop.stopping import Stop
from backprop.training import evaluate

from ..cells import kept, parse_count, parse_counts, parse_number
from ..concepts.digit_figures import no_curves
from ..message import Message
from ..stopping import stop_of

MAX_POINTS, MAX_HIDDEN_LAYERS, MAX_UNITS = 1000, 6, 8  # TF Playground's caps
MAX_LEARNING_RATE, MAX_L2 = 10.0, 1.0
ACTIVATIONS = ["tanh", "relu", "leaky_relu", "sigmoid", "identity"]
EXTENT = 1.3                   # half the width of the plane shown
CHUNK_SECONDS = 0.05           # training per redraw while playing: at least five redraws a second


class Setup(NamedTuple):
    """What a dataset opens with: settings that solve it (tests/test_playground.py checks each)."""
    noise: float
    points: int
    features: tuple[str, ...]
    hidden: tuple[int, ...]
    activation: str
    learning_rate: float
    batch_size: int
    epochs_to_solve: int  # what the test trains for


SETUPS = {
    "circle": Setup(0.1, 500, ("x1", "x2"), (8,), "tanh", 0.3, 10, 100),
    "xor": Setup(0.05, 500, ("x1", "x2"), (8, 8), "tanh", 0.3, 10, 100),
    "gaussians": Setup(0.1, 500, ("x1", "x2"), (2,), "tanh", 0.3, 10, 30),
    "spiral": Setup(0.0, 1000, ("x1", "x2", "sin_x1", "sin_x2"), (8, 8, 8, 8), "leaky_relu", 0.03, 10, 300),
    "spiral3": Setup(0.0, 1000, ("x1", "x2", "sin_x1", "sin_x2"), (8, 8, 8, 8), "leaky_relu", 0.03, 10, 300),
    "own": Setup(0.0, 0, ("x1", "x2"), (8, 8), "tanh", 0.1, 10, 0),  # a learner's CSV: no promise it solves it
}
OWN = "own"


class Data(NamedTuple):
    points: np.ndarray  # (n, 2)
    labels: np.ndarray  # (n,) ints from 0
    x: np.ndarray       # (n, n_features): the network's inputs
    y: np.ndarray       # (n, 1) for two classes, one-hot (n, classes) for more
    train: np.ndarray   # indices
    test: np.ndarray
    classes: int


def serialised(action):
    """The action runs alone: never beside another action of the same state, in another thread."""
    @wraps(action)
    def alone(self, *args, **kwargs):
        with self._lock:
            return action(self, *args, **kwargs)
    return alone


@dataclass
class PlaygroundState:
    dataset: str = "circle"
    noise: float = 0.1
    points: int = 500
    test_fraction: float = 0.5
    seed: int = 0
    features: tuple[str, ...] = ("x1", "x2")
    hidden: tuple[int, ...] = (8,)
    activations: tuple[str, ...] = ("tanh",)
    learning_rate: float = 0.3
    batch_size: int = 10
    l2: float = 0.0
    network: Network | None = None
    epoch: int = 0
    history: dict = field(default_factory=no_curves)
    playing: bool = False
    point: int | None = None  # the data point whose forward and backward pass is shown
    own: tuple | None = None  # a learner's CSV: (points (n, 2), classes (n,), the label each class stands for)
    message: Message | None = None
    _data: Data | None = None
    _seconds_per_epoch: float | None = None  # measured while playing, to size the next chunk
    stop: Stop | None = None  # what ends Play on its own (backprop.stopping); None: it plays until paused
    run: list = field(default_factory=list)  # the training losses since Play was pressed, for a plateau
    refusals: int = 0  # bumps on every refused entry
    # Streamlit starts a new run (a click's callbacks) while the last one may still be training a chunk in its own
    # thread: each action waits for it, so a Pause is drawn with the epochs that chunk trained
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    @classmethod
    def opened_with(cls, dataset: str = "circle") -> "PlaygroundState":
        state = cls()
        state.set_dataset(dataset)
        return state

    # ---------------------------------------------------------------- the data
    @property
    def data(self) -> Data:
        if self._data is None:
            points, labels = (self.own[:2] if self.dataset == OWN else
                              PLANE[self.dataset](self.points, self.noise, self.seed))
            train_index, test_index = split(len(points), self.test_fraction, self.seed)
            classes = int(labels.max()) + 1
            self._data = Data(points, labels, features(points, self.features), targets(labels, classes),
                              train_index, test_index, classes)
        return self._data

    @property
    def extent(self) -> float:
        """Half the width of the plane shown: the built-in data fit in ±1.3; a learner's file sets its own."""
        if self.dataset != OWN:
            return EXTENT
        return float(np.max(np.abs(self.own[0]))) * 1.1 or 1.0

    @serialised
    def set_dataset(self, name: str) -> None:
        if name not in PLANE and not (name == OWN and self.own is not None):
            self._refuse(_("Unknown dataset {name!r}.").format(name=str(name)[:40]))
            return
        setup = SETUPS[name]
        points = len(self.own[0]) if name == OWN else setup.points
        self.dataset, self.noise, self.points, self.features = name, setup.noise, points, setup.features
        self.hidden, self.activations = setup.hidden, (setup.activation,) * len(setup.hidden)
        self.learning_rate, self.batch_size = setup.learning_rate, setup.batch_size
        self._data = None
        self.reset()

    @serialised
    def load_csv(self, data: bytes | None) -> None:
        """A learner's file (see backprop/pointfile.py); a file that cannot be read changes nothing."""
        if data is None:
            return
        try:
            self.own = read_points(data)
        except ValueError as error:
            self._refuse(_("The file was not loaded: {error}. Nothing was changed.").format(error=error))
            return
        self.set_dataset(OWN)
        classes = len(self.own[2])
        self.message = Message("success", _("Loaded {points} points in {classes} classes (labels {labels}). Press "
                                            "Play.").format(points=self.points, classes=classes,
                                                            labels=", ".join(map(str, self.own[2]))))

    @serialised
    def set_noise(self, value) -> None:
        self._set_data(noise=float(np.clip(float(value), 0.0, 0.5)))

    @serialised
    def set_points(self, value) -> None:
        self._set_data(points=int(np.clip(int(value), 20, MAX_POINTS)))

    @serialised
    def set_test_fraction(self, value) -> None:
        self._set_data(test_fraction=float(np.clip(float(value), 0.1, 0.9)))

    @serialised
    def set_seed(self, text) -> None:
        if (seed := self._parsed(parse_count, text, _("Seed"), 0, 10_000)) is not None:
            self._set_data(seed=seed)

    def _refuse(self, text: str) -> None:
        """Say why an entry was refused; the count keys the page's fields, so the refused text is replaced
        by the value that was kept."""
        self.message = Message("error", text)
        self.refusals += 1

    def _parsed(self, parse, text, *args):
        """parse(text, *args), or None with the refusal as the message (the old value stays)."""
        try:
            return parse(text, *args)
        except ValueError as error:
            self._refuse(str(error))
            return None

    @serialised
    def set_features(self, names) -> None:
        names = tuple(name for name in FEATURES if name in set(names))
        if not names:
            self._refuse(_("Choose at least one input feature."))
            return
        self._set_data(features=names)

    def _set_data(self, **changes) -> None:
        for name, value in changes.items():
            setattr(self, name, value)
        self._data = None
        self.reset()

    # ---------------------------------------------------------------- the network
    @serialised
    def set_hidden_text(self, text: str) -> None:
        """'8, 8' → two hidden layers of 8; empty for none (logistic regression)."""
        sizes = self._parsed(parse_counts, text, _("Units in a hidden layer"), 1, MAX_UNITS) if str(text).strip() else []
        if sizes is None:
            return
        if len(sizes) > MAX_HIDDEN_LAYERS:
            self._refuse(_("Hidden layers: at most {limit}, got {n}. The old ones are kept.").format(
                limit=MAX_HIDDEN_LAYERS, n=len(sizes)))
            return
        last = self.activations[-1] if self.activations else "tanh"
        self.hidden = tuple(sizes)
        self.activations = tuple(self.activations[:len(sizes)]) + (last,) * max(0, len(sizes) - len(self.activations))
        self.reset()

    @serialised
    def set_activation(self, layer: int, name: str) -> None:
        if name not in ACTIVATIONS or not 0 <= layer < len(self.hidden):
            self._refuse(_("Activation: choose one of {names}.").format(names=", ".join(ACTIVATIONS)))
            return
        self.activations = self.activations[:layer] + (name,) + self.activations[layer + 1:]
        self.reset()

    @serialised
    def set_learning_rate(self, text) -> None:
        value = self._parsed(parse_number, text, _("Learning rate η"), MAX_LEARNING_RATE)
        if value is not None and value <= 0:
            self._refuse(_("Learning rate η: {value} must be above 0.").format(value=f"{value:g}") + kept())
        elif value is not None:
            self.learning_rate = value

    @serialised
    def set_l2(self, text) -> None:
        value = self._parsed(parse_number, text, _("L2 penalty λ"), MAX_L2)
        if value is not None and value < 0:
            self._refuse(_("L2 penalty λ: {value} must be 0 or more.").format(value=f"{value:g}") + kept())
        elif value is not None:
            self.l2 = value

    @serialised
    def set_batch_size(self, text) -> None:
        if (size := self._parsed(parse_count, text, _("Batch size"), 1, MAX_POINTS)) is not None:
            self.batch_size = size

    @property
    def sizes(self) -> list[int]:
        return [len(self.features), *self.hidden, self.data.y.shape[1]]

    @serialised
    def reset(self) -> None:
        """New weights from the seed; the data and settings stay."""
        output, loss = ("sigmoid", "binary_cross_entropy") if self.data.classes == 2 else ("softmax", "cross_entropy")
        self.network = initialise(self.sizes, [*self.activations, output], loss, self.seed)
        self.epoch, self.playing, self.point, self._seconds_per_epoch, self.run = 0, False, None, None, []
        self.history = no_curves()

    # ---------------------------------------------------------------- training
    @serialised
    def train_epochs(self, epochs: int, stop: Stop | None = None) -> None:
        """Train up to `epochs` epochs; stop cleanly, and say so, at the first that diverges, or where `stop` ends
        the run that Play started."""
        data = self.data
        result = train(self.network, data.x[data.train], data.y[data.train], self.learning_rate, epochs,
                       self.batch_size, self.seed, start_epoch=self.epoch, l2=self.l2, stop=stop, run_losses=self.run)
        self.run += result.losses
        for network_loss, accuracy in zip(result.losses, result.accuracies or ()):
            self.history["train_loss"].append(network_loss)
            self.history["train_accuracy"].append(accuracy)
        self.epoch += len(result.losses)
        self.network = result.network
        test_loss, test_accuracy = evaluate(self.network, data.x[data.test], data.y[data.test])
        self.history["test_loss"] += [test_loss] * len(result.losses)  # the test curve is sampled per chunk
        self.history["test_accuracy"] += [test_accuracy] * len(result.losses)
        if result.diverged_at is not None:
            self.playing = False
            self.message = Message("error", _("Training stopped at epoch {epoch}: {why}. The network is kept as it "
                                              "was after epoch {kept}; lower η and press Play again.").format(
                epoch=result.diverged_at, why=result.diverged_because, kept=self.epoch))
        elif result.stopped_because is not None:
            self.playing = False
            self.message = Message("success", _("Stopped at epoch {epoch}: {why}.").format(
                epoch=self.epoch, why=result.stopped_because))
        elif result.clipped:  # the training loss shown is capped, not the true one
            self.message = Message("warning", _(CLIPPED))

    @serialised
    def play_chunk(self) -> None:
        """About CHUNK_SECONDS of epochs in one call, sized by what the last chunk took per epoch (a
        one-epoch probe each time cost a test evaluation of its own and halved the epochs per redraw)."""
        epochs = max(1, min(100, int(CHUNK_SECONDS / self._seconds_per_epoch))) if self._seconds_per_epoch else 1
        started = time.perf_counter()
        self.train_epochs(epochs, self.stop)
        self._seconds_per_epoch = max((time.perf_counter() - started) / epochs, 1e-5)

    @serialised
    def step(self) -> None:
        """One epoch, when paused. While playing, the button is disabled; a Step that still arrives (Streamlit's
        browser can send a click twice, once in a tick of the playing fragment) is ignored, not trained twice."""
        if not self.playing:
            self.train_epochs(1)

    @serialised
    def set_playing(self, on: bool) -> None:
        """Play or pause. Not a toggle: a click can arrive twice (see the page's play button). Play starts a new run,
        which a Stop judges from its first epoch."""
        if on and not self.playing:
            self.run = []
        self.playing = bool(on)

    @serialised
    def set_stop(self, kind: str, threshold) -> None:
        """Stop early: the menu's choice and the threshold's text (refused unless a positive number)."""
        try:
            self.stop = stop_of(kind, threshold)
        except ValueError as error:
            self._refuse(str(error))

    @serialised
    def set_point(self, index) -> None:
        """Show this point's pass; anything but a point's index (a tampered selection) is ignored."""
        if isinstance(index, (int, np.integer)) and not isinstance(index, bool) and 0 <= index < len(self.data.x):
            self.point = int(index)
