"""The explorer's training and gradient check, run in chunks so the page can show progress.

A mixin of ExplorerState (ui/state.py), which declares every field these methods read and write.
"""
from dataclasses import dataclass

import numpy as np

from backprop import train
from backprop.gradcheck import GradientCheck, gradient_check

from .cells import MAX_SAMPLES, parse_count
from .message import Message

MAX_EPOCHS = 5000
MAX_GRADCHECK_PARAMETERS = 5000  # two forward passes each; beyond this the click stops being quick
QUICK_LAYER_STEPS = 8000  # SGD steps × layers; about 0.1 s here, trained at once without a progress bar


@dataclass
class HistoryPoint:
    epoch: int
    loss: float
    event: str  # "start", "train", "step" (an applied update) or "edit"


class TrainingActions:
    def quick_to_train(self, epochs: int) -> bool:
        """Small enough to train inside the click's callback, where no progress can show."""
        steps_per_epoch = -(-len(self.inputs) // (self.batch_size or len(self.inputs)))
        return int(epochs) * steps_per_epoch * len(self.network.layers) <= QUICK_LAYER_STEPS

    def train_clicked(self, epochs, batch_size) -> int | None:
        """The Train button, with what the two fields hold: a quick job trains now; a long one is
        returned, to train with a progress bar. A field that is not a count refuses the whole click."""
        try:
            epochs = parse_count(epochs, "Epochs", 1, MAX_EPOCHS)
            batch_size = parse_count(batch_size, "Batch size", 0, MAX_SAMPLES)
        except ValueError as error:
            return self._refuse(str(error), "train")
        self.set_batch_size(batch_size)
        if not self.quick_to_train(epochs):
            return int(epochs)
        for _ in self.train_chunks(epochs):
            pass
        return None

    def train_chunks(self, epochs: int, chunks: int = 20):
        """Train in chunks, yielding the share done after each; the history grows as it goes."""
        epochs = int(epochs)
        if not 1 <= epochs <= MAX_EPOCHS:
            return self._refuse(f"train between 1 and {MAX_EPOCHS} epochs at a time.", "train")
        size = max(1, -(-epochs // chunks))
        done = 0
        while done < epochs:
            n = min(size, epochs - done)
            result = train(self.network, self.inputs, self.targets, self.learning_rate, n,
                           self.batch_size, self.init_seed, start_epoch=self.epochs)
            for loss in result.losses:
                self.epochs += 1
                self.history.append(HistoryPoint(self.epochs, loss, "train"))
            self._replace_network(result.network, None)
            done += n
            if result.diverged_at is not None:
                return self._refuse(
                    f"Training stopped at epoch {result.diverged_at}: {result.diverged_because}, "
                    f"so η = {self.learning_rate:g} is too large here. The weights after epoch "
                    f"{result.diverged_at - 1} are kept; try a smaller η.", "train")
            yield done / epochs
        self.message = Message("success", f"Trained {epochs} epochs: loss {self.history[-1].loss:.6g}.", "train")

    def gradient_check(self) -> GradientCheck | None:
        n = sum(l.weights.size + l.biases.size for l in self.network.layers)
        if n > MAX_GRADCHECK_PARAMETERS:
            self._refuse(f"{n} parameters is too many to check one by one here "
                         f"(limit {MAX_GRADCHECK_PARAMETERS}).", "check")
            return None
        with np.errstate(all="ignore"):
            return gradient_check(self.network, self.inputs, self.targets)
