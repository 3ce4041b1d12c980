"""Session state of the digits page: a 64-H-10 softmax classifier and its learning curves."""
import time
from dataclasses import dataclass, field

import numpy as np

from backprop import BackwardTrace, ForwardTrace, Network, backward, forward, initialise, train
from backprop.datasets import confusion_matrix, mistakes_first
from backprop.i18n import _
from backprop.training import evaluate

from ..cells import parse_count, parse_number
from ..message import Message
from .datasets import Digits
from .digit_figures import no_curves

HIDDEN_ACTIVATIONS = ["relu", "tanh", "sigmoid", "leaky_relu"]
MAX_HIDDEN = 256
MAX_EPOCHS = 200
MAX_LEARNING_RATE = 10.0
MAX_SEED = 10_000


@dataclass(frozen=True)
class Evaluation:
    probabilities: np.ndarray  # (n_test, 10)
    predicted: np.ndarray      # (n_test,)
    accuracy: float
    mistakes: int
    confusion: np.ndarray      # (10, 10) counts[true, predicted]
    gallery: np.ndarray        # test indices, mistakes first


@dataclass
class DigitsState:
    hidden: int = 32
    activation: str = "relu"
    learning_rate: float = 0.1
    batch_size: int = 32
    seed: int = 0
    network: Network | None = None
    epochs: int = 0
    history: dict = field(default_factory=no_curves)
    seconds_per_epoch: float | None = None
    message: Message | None = None
    refusals: int = 0  # bumps on every refused entry: the fields are keyed by it, so a refused one shows the old value
    trained_with: tuple | None = None  # (η, batch size) of every epoch so far; None before any, or once they differ

    @classmethod
    def untrained(cls) -> "DigitsState":
        """A new session's state: a fresh network, not yet trained."""
        state = cls()
        state.reset()
        return state

    def reset(self, hidden=None, activation=None, seed=None):
        """A fresh, untrained network (same seed, same weights)."""
        hidden = self.hidden if hidden is None else int(hidden)
        if not 1 <= hidden <= MAX_HIDDEN or (activation or self.activation) not in HIDDEN_ACTIVATIONS:
            self.message = Message("error", _("The hidden layer takes 1 to {limit} units and one of {names}.").format(
                limit=MAX_HIDDEN, names=", ".join(HIDDEN_ACTIVATIONS)))
            return
        self.hidden, self.activation = hidden, activation or self.activation
        self.seed = self.seed if seed is None else int(seed)
        self.network = initialise([64, self.hidden, 10], [self.activation, "softmax"], "cross_entropy", self.seed)
        self.epochs, self.seconds_per_epoch, self.trained_with = 0, None, None
        self.history = no_curves()

    def set_learning_rate(self, value):
        try:
            rate = parse_number(value, _("The learning rate η"), MAX_LEARNING_RATE)
            if rate <= 0:
                raise ValueError(_("The learning rate η must be above 0 and at most {limit}.").format(
                    limit=f"{MAX_LEARNING_RATE:g}"))
            self.learning_rate = rate
        except ValueError as error:
            self.refuse(str(error))

    def set_batch_size(self, n_samples: int, value):
        try:
            self.batch_size = parse_count(value, _("Batch size"), 1, n_samples)
        except ValueError as error:
            self.refuse(str(error))

    def set_seed(self, value):
        try:
            self.reset(seed=parse_count(value, _("Seed"), 0, MAX_SEED))
        except ValueError as error:
            self.refuse(str(error))

    def refuse(self, text: str):
        self.message = Message("error", text)
        self.refusals += 1

    def epochs_to_train(self, value) -> int | None:
        """What the Epochs field holds, as a count, or None with a message."""
        try:
            return parse_count(value, _("Epochs"), 1, MAX_EPOCHS)
        except ValueError as error:
            self.refuse(str(error))
            return None

    def train_chunks(self, data: Digits, epochs: int):
        """Train epoch by epoch, yielding the share done; test metrics recorded after each epoch."""
        if self.network is None:
            self.reset()
        if not 1 <= int(epochs) <= MAX_EPOCHS:
            self.message = Message("error", _("Train 1 to {limit} epochs at a time.").format(limit=MAX_EPOCHS))
            return
        spent, setting = 0.0, (self.learning_rate, self.batch_size)
        self.trained_with = setting if self.epochs == 0 or self.trained_with == setting else None
        for k in range(int(epochs)):
            start = time.perf_counter()
            result = train(self.network, data.x_train, data.y_train, self.learning_rate, 1, self.batch_size,
                           self.seed, start_epoch=self.epochs)
            spent += time.perf_counter() - start
            if result.diverged_at is not None:
                self.message = Message("error", _("Training stopped at epoch {epoch}: {why}. η = {rate} is too large; "
                                                  "the weights from the epoch before are kept.").format(
                    epoch=result.diverged_at, why=result.diverged_because, rate=f"{self.learning_rate:g}"))
                return
            self.network, self.epochs = result.network, self.epochs + 1
            test_loss, test_accuracy = evaluate(self.network, data.x_test, data.y_test)
            for key, value in (("train_loss", result.losses[0]), ("train_accuracy", result.accuracies[0]),
                               ("test_loss", test_loss), ("test_accuracy", test_accuracy)):
                self.history[key].append(value)
            yield (k + 1) / epochs
        self.seconds_per_epoch = spent / int(epochs)
        self.message = Message("success", _("Trained {epochs} epochs: test accuracy {accuracy}.").format(
            epochs=epochs, accuracy=f"{self.history['test_accuracy'][-1]:.1%}"))

    @property
    def replayable(self) -> bool:
        """Every epoch trained so far used today's η and batch size: the page's numpy program replays them."""
        return self.epochs > 0 and self.trained_with == (self.learning_rate, self.batch_size)

    def evaluation(self, data: Digits, gallery_size: int = 12) -> Evaluation:
        probabilities = forward(self.network, data.x_test).output
        predicted = probabilities.argmax(axis=1)
        wrong = predicted != data.labels_test
        return Evaluation(probabilities, predicted, float(1 - wrong.mean()), int(wrong.sum()),
                          confusion_matrix(data.labels_test, predicted, 10),
                          mistakes_first(data.labels_test, probabilities)[:gallery_size])

    def one_digit(self, data: Digits, index: int) -> tuple[ForwardTrace, BackwardTrace]:
        """The forward and backward trace of test digit `index` alone: its output delta is p − y."""
        x, y = data.x_test[index:index + 1], data.y_test[index:index + 1]
        trace = forward(self.network, x)
        return trace, backward(self.network, trace, y)
