"""When a training run may stop before its last epoch, and the sentence that says why: a loss below a threshold,
every sample classified right, or a plateau. static/engine/training.js mirrors it for the runs a page trains."""
from typing import NamedTuple

from .i18n import N_, _

PLATEAU_SHARE = 1e-3  # a plateau: the loss fell by less than this share of itself over the window
PLATEAU_EPOCHS = 50   # the window, in epochs
BELOW = N_("the loss fell below {threshold}")
CLASSIFIED = N_("every sample is classified right")
PLATEAU = N_("the loss fell by less than 0.1 % in the last {epochs} epochs")


class Stop(NamedTuple):
    """What ends a run early; with none of them set, a run trains every epoch asked for."""
    below: float | None = None  # the loss fell below this
    classified: bool = False    # a classifier got every sample right (its accuracy is 1)
    plateau: int | None = None  # over this many epochs, the loss fell by less than PLATEAU_SHARE of itself


def stop_reason(stop: Stop | None, run: list[float], accuracy: float | None) -> str | None:
    """Why a run stops after its latest epoch, or None to go on. `run`: the run's losses so far, the latest last;
    `accuracy`: the latest epoch's (None for a network that does not classify)."""
    if stop is None:
        return None
    if stop.below is not None and run[-1] < stop.below:
        return _(BELOW).format(threshold=f"{stop.below:g}")
    if stop.classified and accuracy == 1.0:
        return _(CLASSIFIED)
    if stop.plateau and len(run) > stop.plateau and not run[-1] < (1.0 - PLATEAU_SHARE) * run[-1 - stop.plateau]:
        return _(PLATEAU).format(epochs=stop.plateau)
    return None
