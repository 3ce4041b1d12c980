"""The explorer's setup actions: presets, layer sizes, activations, loss, files.

Plain functions over the session's ExplorerState (ui/explorer/state.py declares every field they read and write). Each
validates what it is given first; a refusal keeps the old state and says why.
"""
import numpy as np

from backprop import ACTIVATIONS, PRESETS, initialise, make_network
from backprop.fileformat import read
from backprop.i18n import _
from backprop.losses import LOSSES, fitted_targets, targets_problem
from backprop.numbers import read_whole_list

from .. import labels
from ..cells import MAX_SAMPLES, parse_count
from ..limits import EXPLORER_MAX_FILE_BYTES, MAX_LEARNING_RATE, MAX_SEED, sizes_problem
from .state import ExplorerState


def load_preset(state: ExplorerState, name: str):
    if name not in PRESETS:
        return state.refuse(_("unknown preset {name!r}.").format(name=str(name)[:40]), "setup")
    state.start(PRESETS[name]())


def set_activation(state: ExplorerState, layer: int, name: str):
    try:
        state.edit(state.network.with_layer(layer, activation=name),
                   _("{layer} now uses {activation}.").format(layer=state.network.layer_name(layer).capitalize(),
                                                              activation=_(labels.ACTIVATIONS[name])), "setup")
    except ValueError as error:
        state.refuse(str(error), "setup")


def set_loss(state: ExplorerState, name: str):
    """Change the loss; a loss that needs a particular output activation brings it along."""
    if name not in LOSSES:
        return state.refuse(_("unknown loss {name!r}.").format(name=str(name)[:40]), "setup")
    required = LOSSES[name].required_activation
    last = len(state.network.layers) - 1
    output = required or ("identity" if state.network.layers[last].activation == "softmax"
                          else state.network.layers[last].activation)
    layers = [(l.weights, l.biases, l.activation) for l in state.network.layers]
    layers[last] = (layers[last][0], layers[last][1], output)
    try:
        network = make_network(layers, name, state.network.train_biases)
    except ValueError as error:
        return state.refuse(f"{error}. " + _("The loss is unchanged."), "setup")
    text = _("Loss is now {loss}; the output layer uses {activation}.").format(
        loss=labels.loss_name(name), activation=_(labels.ACTIVATIONS[output]))
    if (problem := targets_problem(name, state.targets)) is not None:
        state.targets = fitted_targets(name, state.targets)
        text += " " + _("The targets changed to suit it, since {problem}: they are now {targets}.").format(
            problem=problem, targets=_targets_text(state.targets))
    state.edit(network, text, "setup")


def _targets_text(targets) -> str:
    """The targets as a learner reads them, sample by sample: (0, 1, 0); (1, 0, 0) …"""
    rows = ["(" + ", ".join(f"{v + 0.0:g}" for v in row) + ")" for row in targets[:4]]
    return "; ".join(rows) + (" …" if len(targets) > 4 else "")


def changed_since_preset(state: ExplorerState) -> str | None:
    """The network in words when its sizes, activations or loss are no longer its preset's, else None."""
    preset, net = PRESETS[state.preset]().network, state.network
    shape = (net.sizes, [l.activation for l in net.layers], net.loss)
    if shape == (preset.sizes, [l.activation for l in preset.layers], preset.loss):
        return None
    return labels.network_summary(*shape)


def set_train_biases(state: ExplorerState, train_biases: bool):
    layers = [(l.weights, l.biases, l.activation) for l in state.network.layers]
    state.edit(make_network(layers, state.network.loss, bool(train_biases)),
               _("Biases now train.") if train_biases else _("Biases now stay fixed."), "setup")


def set_architecture(state: ExplorerState, sizes: list[int], seed: int | None = None):
    """New layer sizes (input first), re-initialised from `seed`; data resized to fit."""
    sizes = [int(n) for n in sizes]
    if (problem := sizes_problem(sizes)) is not None:
        return state.refuse(problem + ".", "setup")
    activations = hidden_activations([l.activation for l in state.network.layers], len(sizes) - 1)
    seed = state.init_seed if seed is None else int(seed)
    try:
        network = initialise(sizes, activations, state.network.loss, seed, state.network.train_biases)
    except ValueError as error:  # e.g. one output under a softmax
        return state.refuse(f"{error}. " + _("The network is unchanged."), "setup")
    state.init_seed = state.weights_seed = seed
    state.inputs = resized(state.inputs, sizes[0])
    state.targets = fitted_targets(network.loss, resized(state.targets, sizes[-1]))
    state.new_network(network, _("New {sizes} network, weights drawn with seed {seed}.").format(
        sizes="-".join(map(str, sizes)), seed=seed))


def set_sizes_text(state: ExplorerState, text: str):
    """'4, 3, 3, 1' (or 4-3-3-1, or 4 3 3 1) -> set_architecture; anything else is refused whole."""
    try:
        sizes = read_whole_list(text, _("Neurons per layer"), 1, 999)
    except ValueError as error:
        return state.refuse(f"{error}. " + _("The network is unchanged."), "setup")
    set_architecture(state, sizes)


def allowed_activations(state: ExplorerState, layer: int) -> list[str]:
    """Hidden layers take any element-wise activation; the output takes what the loss allows."""
    if layer < len(state.network.layers) - 1:
        return [a for a in ACTIVATIONS if a != "softmax"]
    required = LOSSES[state.network.loss].required_activation
    return [required] if required else [a for a in ACTIVATIONS if a != "softmax"]


def reinitialise(state: ExplorerState, seed):
    try:
        set_architecture(state, state.sizes, parse_count(seed, _("the seed for new weights"), 0, MAX_SEED))
    except ValueError as error:
        state.refuse(str(error), "setup")


def load_file(state: ExplorerState, content: bytes):
    if len(content) > EXPLORER_MAX_FILE_BYTES:  # refused before it is parsed: a big file costs seconds
        return state.refuse(_("That file was not loaded: it is {size} bytes, and a network the explorer draws fits "
                              "in {limit}. Your network is unchanged.").format(
            size=f"{len(content):,}", limit=f"{EXPLORER_MAX_FILE_BYTES:,}"), "files")
    try:
        file = read(content)
        sizes = file.network.sizes
        if (problem := sizes_problem(sizes)) is not None:
            raise ValueError(_("it holds a {sizes} network, and {problem}").format(
                sizes="-".join(map(str, sizes)), problem=problem))
        if file.inputs is not None and len(file.inputs) > MAX_SAMPLES:
            raise ValueError(_("its data has {n} samples; the explorer holds {limit}").format(
                n=len(file.inputs), limit=MAX_SAMPLES))
        if file.learning_rate is not None and file.learning_rate > MAX_LEARNING_RATE:
            raise ValueError(_("its learning rate is past the explorer's limit of {limit}").format(
                limit=f"{MAX_LEARNING_RATE:g}"))
    except ValueError as error:
        return state.refuse(_("That file was not loaded: {error}. Your network is unchanged.").format(error=error),
                            "files")
    if file.inputs is None:  # version 1, or no data: keep ours, fitted to its layer sizes
        state.inputs, state.targets = resized(state.inputs, sizes[0]), resized(state.targets, sizes[-1])
    else:
        state.inputs, state.targets = file.inputs, file.targets
    state.learning_rate = file.learning_rate or state.learning_rate
    state.weights_seed = None  # a link writes the file's weights against the preset's
    loaded = (_("Loaded a {sizes} network from the file with its data, η and step.") if file.learning_rate
              else _("Loaded a {sizes} network from the file."))
    state.new_network(file.network, loaded.format(sizes="-".join(map(str, sizes))))
    state.set_batch_size(file.batch_size)
    state.position = min(file.position, state.n_steps)


def load_upload(state: ExplorerState, uploaded):
    """A Streamlit UploadedFile (or None when the learner removed it)."""
    if uploaded is not None:
        load_file(state, uploaded.getvalue())


def hidden_activations(old: list[str], n_layers: int) -> list[str]:
    """Activations for a new number of layers: hidden layers keep theirs (new ones take the first
    hidden layer's, or tanh), and the output keeps its own."""
    hidden = old[0] if len(old) > 1 else "tanh"
    return [old[i] if i < len(old) - 1 else hidden for i in range(n_layers - 1)] + [old[-1]]


def resized(data: np.ndarray, columns: int) -> np.ndarray:
    """Keep the first columns, pad new ones with zeros."""
    out = np.zeros((len(data), columns))
    keep = min(columns, data.shape[1])
    out[:, :keep] = data[:, :keep]
    return out
