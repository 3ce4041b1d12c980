"""The explorer's training and gradient check, run in chunks so the page can show progress.

Plain functions over the session's ExplorerState (ui/explorer/state.py declares every field they read and write).
"""
import time

import numpy as np

from backprop import train
from backprop.gradcheck import GradientCheck, gradient_check as check_gradients
from backprop.i18n import _
from backprop.losses import CLIPPED
from backprop.notebook import Training

from ..cells import MAX_SAMPLES, parse_count
from ..limits import MAX_EPOCHS, MAX_GRADCHECK_PARAMETERS
from ..message import Message
from ..stopping import stop_of
from .state import TRAIL, ExplorerState, HistoryPoint

CHUNK_SECONDS = 0.25  # between two progress updates, so Stop answers within about this long
QUICK_LAYER_STEPS = 8000  # SGD steps × layers; about 0.1 s here, trained at once without a progress bar


DEFAULT_EPOCHS = 50  # the Epochs field's first value
TRAIN_KEY = "train_button"  # the page trains in the browser what it can (ui/page/loop.js), and finds the button by it
PAGE_TRAIN_SECONDS = 1.0  # the page trains a run it finishes in about this long; a longer one trains here, with progress
# What one epoch costs the page's engine (static/engine/training.js, timed under Node's V8 on this project's machine, a
# little above the times measured): a fixed part, a part per sample and parameter, and one per batch and parameter.
EPOCH_SECONDS, SAMPLE_SECONDS, BATCH_SECONDS = 60e-6, 25e-9, 60e-9


def epochs_key(state: ExplorerState) -> str:
    return state.key("epochs")


def batch_key(state: ExplorerState) -> str:
    return state.key("batch", state.batch_size)  # a preset resets it


def page_training(state: ExplorerState) -> dict:
    """What the page needs to train in the browser as train_chunks would here: the fields' keys, the most epochs a
    run may have, the epochs so far, the seed the batches shuffle by, and how many samples make a full batch; and what
    an epoch costs it, [seconds, seconds per batch], so it takes on only runs of about PAGE_TRAIN_SECONDS."""
    parameters = sum(layer.weights.size + layer.biases.size for layer in state.network.layers)
    return {"button": TRAIN_KEY, "epochs": epochs_key(state), "batch": batch_key(state), "samples": len(state.inputs),
            "limit": MAX_EPOCHS, "largest_batch": MAX_SAMPLES, "done": state.epochs, "seed": state.init_seed,
            "stop": state.stop._asdict() if state.stop is not None else None,
            "budget": PAGE_TRAIN_SECONDS,
            "cost": [EPOCH_SECONDS + SAMPLE_SECONDS * len(state.inputs) * parameters, BATCH_SECONDS * parameters]}


def set_stop(state: ExplorerState, kind: str, threshold) -> None:
    """Stop early: the menu's choice and the threshold's text; a threshold that is not a positive number is refused."""
    try:
        state.stop = stop_of(kind, threshold)
    except ValueError as error:
        state.refuse(str(error), "train")


def notebook_training(state: ExplorerState, epochs) -> Training:
    """The run Train would make now, for the notebook to reproduce: the Epochs field's count (50 while it holds none),
    the batch size, the seed the batches shuffle by, and the epochs trained so far, which Train numbers on from."""
    try:
        count = parse_count(epochs, _("Epochs"), 1, MAX_EPOCHS)
    except ValueError:
        count = DEFAULT_EPOCHS
    return Training(count, state.batch_size, state.init_seed, state.epochs)


def quick_to_train(state: ExplorerState, epochs: int) -> bool:
    """Small enough to train inside the click's callback, where no progress can show."""
    steps_per_epoch = -(-len(state.inputs) // (state.batch_size or len(state.inputs)))
    return int(epochs) * steps_per_epoch * len(state.network.layers) <= QUICK_LAYER_STEPS


def train_clicked(state: ExplorerState, epochs, batch_size) -> int | None:
    """The Train button, with what the two fields hold: a quick job trains now; a long one is
    returned, to train with a progress bar. A field that is not a count refuses the whole click."""
    try:
        epochs = parse_count(epochs, _("Epochs"), 1, MAX_EPOCHS)
        batch_size = parse_count(batch_size, _("Batch size"), 0, MAX_SAMPLES)
    except ValueError as error:
        return state.refuse(str(error), "train")
    state.set_batch_size(batch_size)
    if not quick_to_train(state, epochs):
        return int(epochs)
    for _done in train_chunks(state, epochs):
        pass
    return None


def train_chunks(state: ExplorerState, epochs: int, seconds: float = CHUNK_SECONDS):
    """Train in chunks of about `seconds` each, yielding the share done after each; the history
    grows as it goes. If the page stops the run between chunks (Stop, or the learner left), the
    epochs done are kept and the message says so."""
    epochs = int(epochs)
    if not 1 <= epochs <= MAX_EPOCHS:
        return state.refuse(_("train between 1 and {limit} epochs at a time.").format(limit=MAX_EPOCHS), "train")
    done, size, run = 0, 1, []
    while done < epochs:
        n = min(size, epochs - done)
        started = time.perf_counter()
        result = train(state.network, state.inputs, state.targets, state.learning_rate, n,
                       state.batch_size, state.init_seed, start_epoch=state.epochs, norms=True, keep_last=TRAIL,
                       stop=state.stop, run_losses=run)
        run += result.losses
        for loss, norms in zip(result.losses, result.gradient_norms):
            state.epochs += 1
            state.history.append(HistoryPoint(state.epochs, loss, "train", norms))
        state.extend_trail(result.networks)
        state.replace_network(result.network, None)
        done += len(result.losses)
        if result.stopped_because is not None:
            said = (_("Stopped after {done} of {epochs} epochs: {why}.") if state.quiz else
                    _("Stopped after {done} of {epochs} epochs: {why}. Loss {loss}."))
            state.message = Message("success", said.format(done=done, epochs=epochs, why=result.stopped_because,
                                                           loss=_loss_now(state)), "train")
            return
        # the next chunk as long as the budget allows, judged by this one (at most double)
        size = max(1, min(2 * n, int(n * seconds / max(time.perf_counter() - started, 1e-6))))
        if result.diverged_at is not None:
            return state.refuse(_(
                "Training stopped at epoch {epoch}: {why}, so η = {rate} is too large here. The weights after "
                "epoch {kept} are kept; try a smaller η.").format(epoch=result.diverged_at, why=result.diverged_because,
                                                                   rate=f"{state.learning_rate:g}",
                                                                   kept=result.diverged_at - 1), "train")
        stopped = (_("Training was stopped after {done} of {epochs} epochs. The network after epoch {kept} is kept.")
                   if state.quiz else _("Training was stopped after {done} of {epochs} epochs. The network after "
                                        "epoch {kept} is kept: loss {loss}."))
        state.message = Message("info", stopped.format(done=done, epochs=epochs, kept=state.epochs,
                                                       loss=_loss_now(state)), "train")
        yield done / epochs
    trained = (_("Trained {epochs} epochs.") if state.quiz else _("Trained {epochs} epochs: loss {loss}.")).format(
        epochs=epochs, loss=_loss_now(state))
    if result.clipped:  # the loss is capped, so the number above is not the true loss
        state.message = Message("warning", trained + " " + _(CLIPPED), "train")
    else:
        state.message = Message("success", trained, "train")


def _loss_now(state: ExplorerState) -> str:
    """The loss for a message (a quiz's messages leave it out: the new pass's loss is the learner's to find)."""
    return f"{state.history[-1].loss:.6g}"


def gradient_check(state: ExplorerState) -> GradientCheck | None:
    n = sum(l.weights.size + l.biases.size for l in state.network.layers)
    if n > MAX_GRADCHECK_PARAMETERS:
        state.refuse(_("{n} parameters is too many to check one by one here (limit {limit}).").format(
            n=n, limit=MAX_GRADCHECK_PARAMETERS), "check")
        return None
    with np.errstate(all="ignore"):
        return check_gradients(state.network, state.inputs, state.targets)
