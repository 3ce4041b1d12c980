"""The explorer's setup actions: presets, layer sizes, activations, loss, files.

A mixin of ExplorerState (ui/state.py), which declares every field these methods read and write.
"""
import re

import numpy as np

from backprop import ACTIVATIONS, PRESETS, initialise, make_network
from backprop.fileformat import read
from backprop.i18n import _
from backprop.losses import LOSSES

from . import labels
from .cells import MAX_SAMPLES, parse_count

EXPLORER_MAX_UNITS = 12   # the graph stays readable on a projector up to here
EXPLORER_MAX_HIDDEN = 6
MAX_SEED = 2**31 - 1
MAX_LEARNING_RATE = 100.0
EXPLORER_MAX_FILE_BYTES = 250_000  # the largest network the explorer draws (6 × 12) writes 29 KB
# whole numbers of up to 3 ASCII digits, each pair split by one comma, dash or run of spaces
SIZES = re.compile(r"[0-9]{1,3}(?:\s*[,-]\s*[0-9]{1,3}|\s+[0-9]{1,3})*")


class SetupActions:
    def load_preset(self, name: str):
        if name not in PRESETS:
            return self._refuse(_("unknown preset {name!r}.").format(name=str(name)[:40]), "setup")
        self._start(PRESETS[name]())

    def set_activation(self, layer: int, name: str):
        try:
            self._edit(self.network.with_layer(layer, activation=name),
                       _("{layer} now uses {activation}.").format(layer=self.network.layer_name(layer).capitalize(),
                                                                  activation=_(labels.ACTIVATIONS[name])), "setup")
        except ValueError as error:
            self._refuse(str(error), "setup")

    def set_loss(self, name: str):
        """Change the loss; a loss that needs a particular output activation brings it along."""
        if name not in LOSSES:
            return self._refuse(_("unknown loss {name!r}.").format(name=str(name)[:40]), "setup")
        required = LOSSES[name].required_activation
        last = len(self.network.layers) - 1
        output = required or ("identity" if self.network.layers[last].activation == "softmax"
                              else self.network.layers[last].activation)
        layers = [(l.weights, l.biases, l.activation) for l in self.network.layers]
        layers[last] = (layers[last][0], layers[last][1], output)
        try:
            network = make_network(layers, name, self.network.train_biases)
        except ValueError as error:
            return self._refuse(f"{error}. " + _("The loss is unchanged."), "setup")
        self._edit(network, _("Loss is now {loss}; the output layer uses {activation}.").format(
            loss=_(LOSSES[name].title).lower(), activation=_(labels.ACTIVATIONS[output])), "setup")

    def set_train_biases(self, train_biases: bool):
        layers = [(l.weights, l.biases, l.activation) for l in self.network.layers]
        self._edit(make_network(layers, self.network.loss, bool(train_biases)),
                   _("Biases now train.") if train_biases else _("Biases now stay fixed."), "setup")

    def set_architecture(self, sizes: list[int], seed: int | None = None):
        """New layer sizes (input first), re-initialised from `seed`; data resized to fit."""
        sizes = [int(n) for n in sizes]
        if (problem := sizes_problem(sizes)) is not None:
            return self._refuse(problem + ".", "setup")
        activations = hidden_activations([l.activation for l in self.network.layers], len(sizes) - 1)
        seed = self.init_seed if seed is None else int(seed)
        try:
            network = initialise(sizes, activations, self.network.loss, seed, self.network.train_biases)
        except ValueError as error:  # e.g. one output under a softmax
            return self._refuse(f"{error}. " + _("The network is unchanged."), "setup")
        self.init_seed = self.weights_seed = seed
        self.inputs = resized(self.inputs, sizes[0])
        self.targets = resized(self.targets, sizes[-1])
        self._new_network(network, _("New {sizes} network, weights drawn with seed {seed}.").format(
            sizes="-".join(map(str, sizes)), seed=seed))

    def set_sizes_text(self, text: str):
        """'4, 3, 3, 1' (or 4-3-3-1, or 4 3 3 1) -> set_architecture; anything else is refused whole."""
        text = str(text).strip()
        if not SIZES.fullmatch(text):
            return self._refuse(_("{text!r} is not a list of layer sizes such as 4, 3, 3, 1.").format(text=text[:40])
                                + " " + _("The network is unchanged."), "setup")
        self.set_architecture([int(p) for p in re.findall("[0-9]+", text)])

    def allowed_activations(self, layer: int) -> list[str]:
        """Hidden layers take any element-wise activation; the output takes what the loss allows."""
        if layer < len(self.network.layers) - 1:
            return [a for a in ACTIVATIONS if a != "softmax"]
        required = LOSSES[self.network.loss].required_activation
        return [required] if required else [a for a in ACTIVATIONS if a != "softmax"]

    def reinitialise(self, seed):
        try:
            self.set_architecture(self.sizes, parse_count(seed, _("the seed for new weights"), 0, MAX_SEED))
        except ValueError as error:
            self._refuse(str(error), "setup")

    def load_file(self, content: bytes):
        if len(content) > EXPLORER_MAX_FILE_BYTES:  # refused before it is parsed: a big file costs seconds
            return self._refuse(_("That file was not loaded: it is {size} bytes, and a network the explorer draws fits "
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
            return self._refuse(_("That file was not loaded: {error}. Your network is unchanged.").format(error=error),
                                "files")
        if file.inputs is None:  # version 1, or no data: keep ours, fitted to its layer sizes
            self.inputs, self.targets = resized(self.inputs, sizes[0]), resized(self.targets, sizes[-1])
        else:
            self.inputs, self.targets = file.inputs, file.targets
        self.learning_rate = file.learning_rate or self.learning_rate
        self.weights_seed = None  # a link writes the file's weights against the preset's
        loaded = (_("Loaded a {sizes} network from the file with its data, η and step.") if file.learning_rate
                  else _("Loaded a {sizes} network from the file."))
        self._new_network(file.network, loaded.format(sizes="-".join(map(str, sizes))))
        self.set_batch_size(file.batch_size)
        self.position = min(file.position, self.n_steps)

    def load_upload(self, uploaded):
        """A Streamlit UploadedFile (or None when the learner removed it)."""
        if uploaded is not None:
            self.load_file(uploaded.getvalue())


def sizes_problem(sizes: list[int]) -> str | None:
    """Why the explorer cannot draw a network of these layer sizes, or None: the one place its cap is checked."""
    if len(sizes) < 2 or len(sizes) - 2 > EXPLORER_MAX_HIDDEN or not 1 <= min(sizes) <= max(sizes) <= EXPLORER_MAX_UNITS:
        return _("the explorer draws 0 to {layers} hidden layers of 1 to {units} neurons, with 1 to {units} inputs and "
                 "outputs").format(layers=EXPLORER_MAX_HIDDEN, units=EXPLORER_MAX_UNITS)
    return None


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
