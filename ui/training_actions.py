"""The explorer's training and gradient check, run in chunks so the page can show progress.

A mixin of ExplorerState (ui/state.py), which declares every field these methods read and write.
"""
import time
from dataclasses import dataclass

import numpy as np

from backprop import train
from backprop.gradcheck import GradientCheck, gradient_check

from backprop.i18n import _

from .cells import MAX_SAMPLES, parse_count
from .message import Message

MAX_EPOCHS = 5000
MAX_GRADCHECK_PARAMETERS = 5000  # two forward passes each; beyond this the click stops being quick
CHUNK_SECONDS = 0.25  # between two progress updates, so Stop answers within about this long
QUICK_LAYER_STEPS = 8000  # SGD steps × layers; about 0.1 s here, trained at once without a progress bar


TRAIL = 50  # networks kept for the path on the two-weight map: the last updates, epochs and edits


@dataclass
class HistoryPoint:
    epoch: int
    loss: float
    event: str                   # "start", "train", "step" (an applied update) or "edit"
    norms: tuple[float, ...]     # ‖∂L/∂W⁽ˡ⁾‖ per layer on the whole data, at this point


class TrainingActions:
    def quick_to_train(self, epochs: int) -> bool:
        """Small enough to train inside the click's callback, where no progress can show."""
        steps_per_epoch = -(-len(self.inputs) // (self.batch_size or len(self.inputs)))
        return int(epochs) * steps_per_epoch * len(self.network.layers) <= QUICK_LAYER_STEPS

    def train_clicked(self, epochs, batch_size) -> int | None:
        """The Train button, with what the two fields hold: a quick job trains now; a long one is
        returned, to train with a progress bar. A field that is not a count refuses the whole click."""
        try:
            epochs = parse_count(epochs, _("Epochs"), 1, MAX_EPOCHS)
            batch_size = parse_count(batch_size, _("Batch size"), 0, MAX_SAMPLES)
        except ValueError as error:
            return self._refuse(str(error), "train")
        self.set_batch_size(batch_size)
        if not self.quick_to_train(epochs):
            return int(epochs)
        for _done in self.train_chunks(epochs):
            pass
        return None

    def train_chunks(self, epochs: int, seconds: float = CHUNK_SECONDS):
        """Train in chunks of about `seconds` each, yielding the share done after each; the history
        grows as it goes. If the page stops the run between chunks (Stop, or the learner left), the
        epochs done are kept and the message says so."""
        epochs = int(epochs)
        if not 1 <= epochs <= MAX_EPOCHS:
            return self._refuse(_("train between 1 and {limit} epochs at a time.").format(limit=MAX_EPOCHS), "train")
        done, size = 0, 1
        while done < epochs:
            n = min(size, epochs - done)
            started = time.perf_counter()
            result = train(self.network, self.inputs, self.targets, self.learning_rate, n,
                           self.batch_size, self.init_seed, start_epoch=self.epochs, norms=True, keep_last=TRAIL)
            for loss, norms in zip(result.losses, result.gradient_norms):
                self.epochs += 1
                self.history.append(HistoryPoint(self.epochs, loss, "train", norms))
            self.extend_trail(result.networks)
            self._replace_network(result.network, None)
            done += n
            # the next chunk as long as the budget allows, judged by this one (at most double)
            size = max(1, min(2 * n, int(n * seconds / max(time.perf_counter() - started, 1e-6))))
            if result.diverged_at is not None:
                return self._refuse(_(
                    "Training stopped at epoch {epoch}: {why}, so η = {rate} is too large here. The weights after "
                    "epoch {kept} are kept; try a smaller η.").format(epoch=result.diverged_at, why=result.diverged_because,
                                                                       rate=f"{self.learning_rate:g}",
                                                                       kept=result.diverged_at - 1), "train")
            stopped = (_("Training was stopped after {done} of {epochs} epochs. The network after epoch {kept} is kept.")
                       if self.quiz else _("Training was stopped after {done} of {epochs} epochs. The network after "
                                           "epoch {kept} is kept: loss {loss}."))
            self.message = Message("info", stopped.format(done=done, epochs=epochs, kept=self.epochs, loss=self._loss_now()),
                                   "train")
            yield done / epochs
        trained = _("Trained {epochs} epochs.") if self.quiz else _("Trained {epochs} epochs: loss {loss}.")
        self.message = Message("success", trained.format(epochs=epochs, loss=self._loss_now()), "train")

    def _loss_now(self) -> str:
        """The loss for a message (a quiz's messages leave it out: the new pass's loss is the learner's to find)."""
        return f"{self.history[-1].loss:.6g}"

    def gradient_check(self) -> GradientCheck | None:
        n = sum(l.weights.size + l.biases.size for l in self.network.layers)
        if n > MAX_GRADCHECK_PARAMETERS:
            self._refuse(_("{n} parameters is too many to check one by one here (limit {limit}).").format(
                n=n, limit=MAX_GRADCHECK_PARAMETERS), "check")
            return None
        with np.errstate(all="ignore"):
            return gradient_check(self.network, self.inputs, self.targets)
