"""The Stop early control that the explorer's Train and the Playground's Play share: a menu, and a threshold when the
loss is to fall below one, read into a backprop.stopping.Stop."""
from typing import Callable

import streamlit as st

from backprop.i18n import N_, _
from backprop.numbers import read_number
from backprop.stopping import PLATEAU_EPOCHS, Stop

from . import session

KINDS = {"never": N_("Never: train every epoch"), "below": N_("When the loss falls below a threshold"),
         "classified": N_("When every sample is classified right"),
         "plateau": N_("When the loss stops falling (0.1 % in {epochs} epochs)")}
DEFAULT_THRESHOLD = 1e-3
CLASSIFIERS = ("cross_entropy", "binary_cross_entropy")  # the losses whose networks classify (training.accuracy)


def kind_of(stop: Stop | None) -> str:
    if stop is None:
        return "never"
    return "below" if stop.below is not None else "classified" if stop.classified else "plateau"


def stop_of(kind: str, threshold) -> Stop | None:
    """The Stop a menu choice and a threshold's text make; ValueError, naming the field, for a threshold that is not a
    positive number."""
    if kind == "below":
        value = read_number(threshold, _("Loss threshold"))
        if not 0 < value < float("inf"):
            raise ValueError(_("Loss threshold must be a positive number, got {value}").format(value=f"{value:g}"))
        return Stop(below=value)
    return {"classified": Stop(classified=True), "plateau": Stop(plateau=PLATEAU_EPOCHS)}.get(kind)


def stop_controls(stop: Stop | None, classifier: bool, keys: tuple[str, str], on_change: Callable[[str, str], None],
                  columns=None) -> None:
    """The menu (every sample classified only for a classifier) and, for a threshold, its field; on_change(kind, text)
    gets both as they stand after either changes."""
    kinds = [k for k in KINDS if k != "classified" or classifier]
    kind = kind_of(stop) if kind_of(stop) in kinds else "never"
    left, right = columns if columns is not None else (st, st)
    changed = lambda: on_change(session.value(keys[0]), session.value_or(keys[1], f"{DEFAULT_THRESHOLD:g}"))  # noqa: E731
    labels = {k: _(text).format(epochs=PLATEAU_EPOCHS) for k, text in KINDS.items()}
    left.selectbox(_("Stop early"), kinds, index=kinds.index(kind), format_func=labels.__getitem__, key=keys[0],
                   on_change=changed, help=_("Ends a run before its last epoch, and says why."))
    if kind == "below":
        right.text_input(_("Loss threshold"), f"{stop.below:g}", key=keys[1], on_change=changed)
