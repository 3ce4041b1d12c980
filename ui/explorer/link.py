"""The explorer's state as a link. FIELDS declares, once, every field a learner can set: what it holds, its
default, and how it is read from and written to the address bar. Plain Python, tested without Streamlit.

A link writes only what differs from its base: the preset's network and data, or, once the layer sizes
change or the weights are drawn again, the network `initialise` draws from the seed. So the seed network
after one Apply update is one short line, and a link replays exactly: numbers are written as Python's
shortest round-trip repr.
"""
import re
from dataclasses import dataclass
from typing import Callable

import numpy as np

from backprop import ACTIVATIONS, LOSSES, PRESETS, Network, initialise, make_network
from backprop.i18n import LANGUAGES, _
from backprop.losses import fitted_targets
from backprop.presets import Preset
from backprop.quiz import KINDS, drawn_problem
from backprop.stopping import PLATEAU_EPOCHS, Stop
from backprop.validation import validate_targets

from ..cells import MAX_SAMPLES, kept, parse_count, parse_number
from ..limits import EXPLORER_MAX_HIDDEN, MAX_LEARNING_RATE, MAX_SEED, sizes_problem
from .quiz import MAX_DRAW_SEED
from .setup_actions import hidden_activations, resized
from .state import SHOW_MODES, ExplorerState

SEP = "_"  # between numbers: one of the few characters a query string keeps as it is
MAX_LINK = 20_000  # characters; the 4-3-3-1 network after an update needs about 700


@dataclass(frozen=True)
class Field:
    key: str                       # its name in the link
    holds: str                     # what a learner reads about it
    read: Callable[[str], object]  # link text -> value, or ValueError naming the field
    write: Callable[[object], str]  # value -> link text


def _number(text: str, what: str, limit: float) -> float:
    return parse_number(text, what, limit)


def _learning_rate(text: str) -> float:
    rate = _number(text, _("learning rate"), MAX_LEARNING_RATE)
    if rate <= 0:
        raise ValueError(_("learning rate: {text!r} is not above 0").format(text=text[:40]))
    return rate


def _numbers(text: str, what: str) -> np.ndarray:
    if len(text) > MAX_LINK:
        raise ValueError(_("{what} is too long").format(what=what))
    return np.array([_number(part, what, 1e6) for part in text.split(SEP)])


def _stop(text: str) -> Stop:
    kind, _sep, value = text.partition(SEP)
    if kind == "below" and value:
        threshold = _number(value, _("stop"), 1e300)
        if threshold > 0:
            return Stop(below=threshold)
    elif kind in ("classified", "plateau") and not _sep:
        return Stop(classified=True) if kind == "classified" else Stop(plateau=PLATEAU_EPOCHS)
    raise ValueError(_("stop: {text!r} is not below_<a positive number>, classified or plateau").format(text=text[:40]))


def _stop_text(stop: Stop) -> str:
    return f"below{SEP}{text_of(stop.below)}" if stop.below is not None else "classified" if stop.classified else "plateau"


def _names(text: str, allowed, what: str) -> list[str]:
    names = text.split(".")
    if not all(name in allowed for name in names):
        raise ValueError(_("{what}: {text!r} names something unknown").format(what=what, text=text[:40]))
    return names


def _sizes(text: str) -> list[int]:
    if not re.fullmatch(r"[0-9]{1,3}(-[0-9]{1,3}){1,7}", text):
        raise ValueError(_("layer sizes: {text!r} is not like 4-3-3-1").format(text=text[:40]))
    sizes = [int(n) for n in text.split("-")]
    if (problem := sizes_problem(sizes)) is not None:
        raise ValueError(_("layer sizes: {problem}").format(problem=problem))
    return sizes


def _choice(options, what: str) -> Callable[[str], str]:
    def read(text: str) -> str:
        if text not in options:
            raise ValueError(_("{what}: {text!r} is not one of {options}").format(what=what, text=text[:40],
                                                                                   options=", ".join(options)))
        return text
    return read


def text_of(value: float) -> str:
    """Shortest text that reads back as exactly this float: 0.8, -1.5e-05, 4."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def numbers_text(values) -> str:
    return SEP.join(text_of(v) for v in np.ravel(values))


FIELDS = {field.key: field for field in [
    Field("preset", "the preset the network and data start from", _choice(list(PRESETS), "preset"), str),
    Field("sizes", "neurons per layer, input first", _sizes, lambda sizes: "-".join(map(str, sizes))),
    Field("act", "each layer's activation", lambda t: _names(t, ACTIVATIONS, _("activations")), ".".join),
    Field("loss", "the loss", _choice(list(LOSSES), "loss"), str),
    Field("bias", "whether biases train (1) or stay fixed (0)", _choice(["0", "1"], "bias"), str),
    Field("seed", "the seed the weights were drawn with (absent: the preset's weights)",
          lambda t: parse_count(t, _("seed"), 0, MAX_SEED), str),
    Field("L", "a layer's weights row by row, then its biases, where they differ from the base (L1, L2, …)",
          lambda t: _numbers(t, _("layer")), numbers_text),
    Field("x", "the inputs, sample by sample", lambda t: _numbers(t, _("inputs")), numbers_text),
    Field("y", "the targets, sample by sample", lambda t: _numbers(t, _("targets")), numbers_text),
    Field("lr", "the learning rate η", _learning_rate, text_of),
    Field("batch", "the batch size (0: all samples)", lambda t: parse_count(t, _("batch"), 0, MAX_SAMPLES), str),
    Field("step", "the position in the pass (0: before the first step)",
          lambda t: parse_count(t, _("step"), 0, 4 * EXPLORER_MAX_HIDDEN + 8), str),
    Field("sample", "the sample the equations show, from 1", lambda t: parse_count(t, _("sample"), 1, MAX_SAMPLES), str),
    Field("show", "what the graph shows", _choice(list(SHOW_MODES), "show"), str),
    Field("projector", "projector mode: larger type and graph (1) or not (0)", _choice(["0", "1"], "projector"), str),
    Field("quiz", "quiz mode: predict each step's number before it is shown (1) or not (0)", _choice(["0", "1"], "quiz"),
          str),
    Field("ask", "the kinds of number the quiz asks for (absent: every kind)", lambda t: _names(t, KINDS, _("ask")), ".".join),
    Field("stop", "what ends a Train early: below_<loss>, classified or plateau (absent: every epoch)", _stop, _stop_text),
    Field("draw", "the seed New network drew the weights and the sample with (absent: not drawn)",
          lambda t: parse_count(t, _("draw"), 0, MAX_DRAW_SEED), str),
    Field("lang", "the language of every page (absent: the browser's); ui/language.py reads it, on any page",
          _choice(list(LANGUAGES), "lang"), str),
]}
LAYER_KEY = re.compile(r"L([1-9])")


def base(preset: Preset, sizes: list[int], activations: list[str], loss: str, train_biases: bool,
         seed: int | None, draw: int | None = None) -> tuple[Network, np.ndarray, np.ndarray]:
    """(network, inputs, targets) a link is written against. The network and sample New network drew, if it
    drew them; else the preset's weights while its sizes stand and no seed drew new ones, or what `initialise`
    draws from the seed, with the preset's data fitted to the sizes."""
    if draw is not None:
        return drawn_problem(sizes, activations, loss, train_biases, draw)
    data = resized(preset.inputs, sizes[0]), fitted_targets(loss, resized(preset.targets, sizes[-1]))
    if seed is None and sizes == preset.network.sizes:
        layers = [(l.weights, l.biases, act) for l, act in zip(preset.network.layers, activations)]
        return (make_network(layers, loss, train_biases), *data)
    return (initialise(sizes, activations, loss, seed or 0, train_biases), *data)


def link_of(state: ExplorerState) -> dict[str, str]:
    """The query parameters that reproduce `state`: only what differs from its base."""
    preset, net = PRESETS[state.preset](), state.network
    activations = [l.activation for l in net.layers]
    params = {"preset": state.preset}
    if net.sizes != preset.network.sizes:
        params["sizes"] = FIELDS["sizes"].write(net.sizes)
    if activations != [l.activation for l in preset.network.layers]:
        params["act"] = FIELDS["act"].write(activations)
    if net.loss != preset.network.loss:
        params["loss"] = net.loss
    if net.train_biases != preset.network.train_biases:
        params["bias"] = str(int(net.train_biases))
    if state.weights_seed is not None:
        params["seed"] = str(state.weights_seed)
    if state.draw_seed is not None:
        params["draw"] = str(state.draw_seed)
    base_net, inputs, targets = base(preset, net.sizes, activations, net.loss, net.train_biases, state.weights_seed,
                                     state.draw_seed)
    for k, (layer, was) in enumerate(zip(net.layers, base_net.layers), start=1):
        if not (np.array_equal(layer.weights, was.weights) and np.array_equal(layer.biases, was.biases)):
            params[f"L{k}"] = numbers_text(np.concatenate([layer.weights.ravel(), layer.biases]))
    if not (np.array_equal(state.inputs, inputs) and np.array_equal(state.targets, targets)):
        params["x"], params["y"] = numbers_text(state.inputs), numbers_text(state.targets)
    optional = {"lr": (text_of(state.learning_rate), text_of(preset.learning_rate)),
                "batch": (str(state.batch_size or 0), "0"), "step": (str(state.position), "0"),
                "sample": (str(state.sample + 1), "1"), "show": (state.show, "auto"),
                "projector": (str(int(state.projector)), "0"), "quiz": (str(int(state.quiz)), "0"),
                "ask": (FIELDS["ask"].write(state.quiz_kinds), FIELDS["ask"].write(KINDS)),
                "stop": (FIELDS["stop"].write(state.stop) if state.stop is not None else "", "")}
    params.update({key: value for key, (value, default) in optional.items() if value != default})
    return params


def state_from_link(params: dict[str, str]) -> ExplorerState:
    """The state a link describes; ValueError with one sentence for anything malformed or hostile.
    Every value is checked by its field before it is used; unknown keys are ignored."""
    try:
        return _state_from_link(params)
    except ValueError as error:  # the fields' parsers speak of widgets; a link has no old value to keep
        raise ValueError(str(error).removesuffix(kept()).rstrip(".。")) from None


def _state_from_link(params: dict[str, str]) -> ExplorerState:
    if sum(len(str(k)) + len(str(v)) for k, v in params.items()) > MAX_LINK:
        raise ValueError(_("the link is longer than {limit} characters").format(limit=f"{MAX_LINK:,}"))
    if repeated := [str(key)[:40] for key, value in params.items() if isinstance(value, list)]:
        raise ValueError(_("the link gives {key} more than once").format(key=repeated[0]))
    read = {key: FIELDS[key].read(str(value)) for key, value in params.items() if key in FIELDS and key not in ("L", "lang")}
    preset = PRESETS[read.get("preset", "seed")]()
    sizes = read.get("sizes", preset.network.sizes)
    preset_activations = [l.activation for l in preset.network.layers]
    activations = read.get("act", preset_activations if sizes == preset.network.sizes
                           else hidden_activations(preset_activations, len(sizes) - 1))
    if len(activations) != len(sizes) - 1:
        raise ValueError(_("activations: {layers} layers need {layers}, the link gives {n}").format(
            layers=len(sizes) - 1, n=len(activations)))
    train_biases = read.get("bias", str(int(preset.network.train_biases))) == "1"
    base_net, *base_data = base(preset, sizes, activations, read.get("loss", preset.network.loss), train_biases,
                                read.get("seed"), read.get("draw"))
    network = make_network(_layers(params, base_net), base_net.loss, train_biases)
    inputs, targets = _data(read, tuple(base_data), sizes, base_net.loss)
    state = ExplorerState(network, inputs, targets, read.get("lr", preset.learning_rate), preset=preset.name,
                          init_seed=read.get("seed") or 0, weights_seed=read.get("seed"),
                          batch_size=read.get("batch") or None, show=read.get("show", "auto"),
                          projector=read.get("projector") == "1", quiz=read.get("quiz") == "1",
                          quiz_kinds=tuple(k for k in KINDS if k in read.get("ask", KINDS)), draw_seed=read.get("draw"),
                          stop=read.get("stop"))
    state.set_batch_size(state.batch_size)
    if read.get("sample", 1) > len(inputs) or read.get("step", 0) > state.n_steps:
        raise ValueError(_("the link's step or sample is past the end of this network's pass or data"))
    state.sample = read.get("sample", 1) - 1
    state.position = min(read.get("step", 0), state.unlocked)  # a quiz opens at its first unanswered question
    state.start_history()
    return state


def _layers(params: dict[str, str], base: Network) -> list[tuple]:
    """The base's layers with the link's L1, L2, … in place of theirs, each of the right length."""
    layers = [(l.weights, l.biases, l.activation) for l in base.layers]
    for key, value in params.items():
        if (match := LAYER_KEY.fullmatch(str(key))) is None:
            continue
        k = int(match.group(1)) - 1
        if k >= len(layers):
            raise ValueError(_("the link gives {key} for a network of {n} layers").format(key=key, n=len(layers)))
        weights, biases, activation = layers[k]
        numbers = FIELDS["L"].read(str(value))
        if len(numbers) != weights.size + biases.size:
            raise ValueError(_("{key} holds {n} numbers; that layer has {size}").format(
                key=key, n=len(numbers), size=weights.size + biases.size))
        layers[k] = (numbers[:weights.size].reshape(weights.shape), numbers[weights.size:], activation)
    return layers


def _data(read: dict, base: tuple[np.ndarray, np.ndarray], sizes: list[int], loss: str) -> tuple[np.ndarray, np.ndarray]:
    if "x" not in read and "y" not in read:
        return base
    x, y = read.get("x", np.array([])), read.get("y", np.array([]))
    n = len(x) // sizes[0]
    if n < 1 or n > MAX_SAMPLES or len(x) != n * sizes[0] or len(y) != n * sizes[-1]:
        raise ValueError(_("the data must hold whole samples of {inputs} inputs and {targets} targets each").format(
            inputs=sizes[0], targets=sizes[-1]))
    return x.reshape(n, sizes[0]), validate_targets(y.reshape(n, sizes[-1]), loss)
