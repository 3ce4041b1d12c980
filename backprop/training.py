"""Mini-batch SGD over a dataset, in chunks of epochs so a UI can show progress between them."""
from collections import deque
from dataclasses import dataclass

import numpy as np

from .diagnostics import gradient_norms
from .i18n import N_, _
from .losses import LOSSES, clipped
from .network import Network
from .stopping import Stop, stop_reason
from .trace import ForwardTrace, backward, forward, sgd_step, with_l2
from .validation import MAX_ABS_PARAMETER


@dataclass(frozen=True)
class TrainResult:
    network: Network                      # after the last finite epoch
    losses: tuple[float, ...]             # full-dataset loss after each completed epoch
    accuracies: tuple[float, ...] | None  # same, for classifiers; None otherwise
    diverged_at: int | None               # the epoch that diverged (see divergence), if any
    diverged_because: str | None = None   # divergence's sentence for that epoch
    gradient_norms: tuple[tuple[float, ...], ...] | None = None  # per completed epoch, ‖∂L/∂W⁽ˡ⁾‖ per layer
    networks: tuple[Network, ...] = ()    # the network after each of the last `keep_last` completed epochs
    clipped: bool = False                 # the last loss went through the log's clip (see losses.clipped)
    stopped_because: str | None = None    # stopping.stop_reason's sentence, when a Stop ended the run early


MAX_EPOCHS = 5000  # in one run: the explorer's Train and the CLI's notebook
MAX_SEED = 2**31 - 1  # a seed numpy's generators and a link both hold
NOT_FINITE = N_("the loss became infinite or NaN")  # divergence's two reasons, which the browser's engine says too
TOO_LARGE = N_("a weight reached {largest}, past the limit of ±{limit}")


def divergence(loss: float, network: Network) -> str | None:
    """Why a step's result cannot be kept, or None: an infinite or NaN loss, or a parameter past
    the cap every network must respect (a network kept past it could not be edited or saved)."""
    if not np.isfinite(loss):
        return _(NOT_FINITE)
    largest = network.largest_parameter
    if not largest <= MAX_ABS_PARAMETER:
        return _(TOO_LARGE).format(largest=f"{largest:.3g}", limit=f"{MAX_ABS_PARAMETER:g}")
    return None


def accuracy(network: Network, output: np.ndarray, y: np.ndarray) -> float | None:
    """Share of samples classified right: argmax for softmax, p > 0.5 for sigmoid+BCE; None else."""
    if network.loss == "cross_entropy":
        return float(np.mean(np.argmax(output, axis=1) == np.argmax(y, axis=1)))
    if network.loss == "binary_cross_entropy":
        return float(np.mean((output > 0.5) == (y > 0.5)))
    return None


def evaluate(network: Network, x: np.ndarray, y: np.ndarray) -> tuple[float, float | None]:
    """(loss, accuracy) of network on the whole of x (n_samples, n_in), y (n_samples, n_out)."""
    with np.errstate(all="ignore"):
        return _scores(network, forward(network, x), y)


def _scores(network: Network, trace: ForwardTrace, y: np.ndarray) -> tuple[float, float | None]:
    return LOSSES[network.loss].value(trace.output, y), accuracy(network, trace.output, y)


def batches(n_samples: int, batch_size: int | None, seed: int, epoch: int):
    """Index arrays for one epoch; the order depends only on (seed, epoch), so chunked runs replay."""
    order = np.random.default_rng([seed, epoch]).permutation(n_samples)
    size = n_samples if batch_size is None else max(1, min(batch_size, n_samples))
    return [order[i:i + size] for i in range(0, n_samples, size)]


def run_epoch(network: Network, x: np.ndarray, y: np.ndarray, learning_rate: float,
              batch_size: int | None, seed: int, epoch: int, l2: float = 0.0) -> Network:
    """One pass over the data; l2 adds (λ/2)Σw² to each batch's loss (see with_l2). A batch that
    overflows leaves NaN or inf in the weights, which the full-data loss after the epoch then
    reports, so no per-batch loss is computed here."""
    for index in batches(len(x), batch_size, seed, epoch):
        grads = with_l2(network, backward(network, forward(network, x[index]), y[index], full=False), l2)
        network = sgd_step(network, grads, learning_rate).network_after
    return network


def train(network: Network, x: np.ndarray, y: np.ndarray, learning_rate: float, epochs: int,
          batch_size: int | None = None, seed: int = 0, start_epoch: int = 0, norms: bool = False,
          keep_last: int = 0, l2: float = 0.0, stop: Stop | None = None, run_losses=()) -> TrainResult:
    """Train for `epochs` epochs numbered from start_epoch + 1; batch_size None means full batch.

    Stops at the first epoch that diverges (see divergence) and returns the network as it was after
    the epoch before.
    Calling it twice for 5 epochs (start_epoch 0 then 5) gives the same result as once for 10.
    norms: also record each layer's full-data gradient norm after every epoch (one more backward pass);
    keep_last: also return the networks after the last that many epochs, for a path through weight space;
    l2: an L2 penalty λ in every step (the losses reported stay the data's loss, without it);
    stop: what may end the run after an epoch (see stopping.Stop); run_losses, the losses of the run's epochs before
    these, when it trains in chunks, so that a plateau is judged over the whole run.
    """
    losses, accuracies, norm_rows, kept, last = [], [], [], deque(maxlen=keep_last), None
    run = list(run_losses)

    def result(diverged_at: int | None = None, why: str | None = None, stopped: str | None = None) -> TrainResult:
        return TrainResult(network, tuple(losses), _or_none(accuracies), diverged_at, why,
                           tuple(norm_rows) if norms else None, tuple(kept),
                           last is not None and clipped(network.loss, last.output, y), stopped)

    with np.errstate(all="ignore"):
        for epoch in range(start_epoch + 1, start_epoch + epochs + 1):
            trained = run_epoch(network, x, y, learning_rate, batch_size, seed, epoch, l2)
            trace = forward(trained, x)
            loss, acc = _scores(trained, trace, y)
            if (why := divergence(loss, trained)) is not None:
                return result(epoch, why)
            network, last = trained, trace
            losses.append(loss)
            accuracies.append(acc)
            if norms:
                norm_rows.append(gradient_norms(backward(trained, trace, y, full=False)))
            kept.append(trained)
            run.append(loss)
            if (why := stop_reason(stop, run, acc)) is not None:
                return result(stopped=why)
    return result()


def _or_none(accuracies: list) -> tuple[float, ...] | None:
    return None if not accuracies or accuracies[0] is None else tuple(accuracies)
