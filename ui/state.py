"""Everything one explorer session holds, and every way a learner can change it.

Plain Python: the page keeps one ExplorerState in st.session_state and calls its methods
from widget callbacks, so each transition is tested without Streamlit. Every method that
takes user input validates it first; a refusal sets `message` and changes nothing.
"""
import hashlib
from dataclasses import dataclass, field

import numpy as np

from backprop import ACTIVATIONS, PRESETS, Network, initialise, make_network, train, walkthrough
from backprop.fileformat import loads
from backprop.gradcheck import GradientCheck, gradient_check
from backprop.losses import LOSSES
from backprop.steps import Step, Walkthrough
from backprop.training import evaluate

from . import labels
from .cells import apply_data_edits, apply_layer_edits, parse_number

SHOW_MODES = {"auto": "follow the step", "a": "weights and activations a", "z": "pre-activations z", "delta": "deltas δ",
              "grad": "gradients ∂L/∂w", "update": "updates Δw"}
MAX_EPOCHS = 5000
MAX_GRADCHECK_PARAMETERS = 5000  # two forward passes each; beyond this the click stops being quick
EXPLORER_MAX_UNITS = 12          # the graph stays readable on a projector up to here
EXPLORER_MAX_HIDDEN = 6


@dataclass
class HistoryPoint:
    epoch: int
    loss: float
    event: str  # "start", "train", "step" (an applied update) or "edit"


@dataclass
class ExplorerState:
    network: Network
    inputs: np.ndarray    # (n_samples, n_in)
    targets: np.ndarray   # (n_samples, n_out)
    learning_rate: float
    preset: str = "seed"
    init_seed: int = 0
    batch_size: int | None = None  # None: the whole dataset each step
    position: int = 0              # 0: before the first step; k: steps[k - 1] is on show
    sample: int = 0                # which row of the data the equations show
    show: str = "auto"
    pick: tuple | None = None      # ("edge", layer, i, j) or ("neuron", column, i)
    history: list[HistoryPoint] = field(default_factory=list)
    epochs: int = 0
    version: int = 0               # bumps whenever network or data change
    refusals: int = 0              # bumps on every refused entry, so the refused widget is redrawn
    message: tuple[str, str] | None = None  # (level, text) of the last action
    last_update: tuple[float, float] | None = None  # loss before and after the last applied update
    _walk: tuple | None = field(default=None, repr=False)

    @classmethod
    def from_preset(cls, name: str = "seed") -> "ExplorerState":
        preset = PRESETS[name]()
        state = cls(preset.network, preset.inputs, preset.targets, preset.learning_rate, preset=name)
        state._new_network(state.network, f"Loaded the {name} preset. {preset.description}")
        return state

    # ----- derived
    @property
    def walk(self) -> Walkthrough:
        key = (self.version, self.learning_rate, self.sample)
        if self._walk is None or self._walk[0] != key:
            self._walk = (key, walkthrough(self.network, self.inputs, self.targets,
                                           self.learning_rate, self.sample))
        return self._walk[1]

    @property
    def step(self) -> Step | None:
        return self.walk.steps[self.position - 1] if self.position else None

    @property
    def n_steps(self) -> int:
        return len(self.walk.steps)

    @property
    def sizes(self) -> list[int]:
        return self.network.sizes

    @property
    def loss_known(self) -> bool:
        """The pass has reached the loss step."""
        return self.position > len(self.network.layers)

    def position_text(self) -> str:
        if self.step is None:
            return f"Ready: {self.n_steps} steps ahead. Press Next ▶ to start the forward pass."
        return f"Step {self.position} of {self.n_steps} · {self.step.position}"

    # ----- the stepper
    def next(self):
        self.position = min(self.position + 1, self.n_steps)

    def prev(self):
        self.position = max(self.position - 1, 0)

    def reset_pass(self):
        self.position = 0

    def run_forward(self):
        self.position = len(self.network.layers) + 1  # every forward step and the loss

    def run_backward(self):
        self.position = self.n_steps - 1  # up to the last backward step, update not yet applied

    def apply_update(self):
        walk = self.walk
        after = walk.update.network_after
        if not np.isfinite(walk.loss_after) or not all(np.isfinite(l.weights).all() for l in after.layers):
            return self._refuse("This update would make the loss infinite: the learning rate is too "
                                "large for these weights. Nothing was changed; try a smaller η.")
        self.last_update = (walk.backward.loss, walk.loss_after)
        self.epochs += 1
        self._replace_network(after, "step")
        self.position = 0
        self.message = ("success", f"Update applied: loss {walk.backward.loss:.6g} → {walk.loss_after:.6g}.")

    # ----- editing, every value validated first
    def set_weight(self, layer: int, i: int, j: int, value):
        what = labels.weight(layer, i, j, self.sizes)
        number = self._number(value, what)
        if number is not None:
            weights = self.network.layers[layer].weights.copy()
            weights[i, j] = number
            self._edit(self.network.with_layer(layer, weights=weights), f"{what} set to {number:g}.")

    def set_bias(self, layer: int, i: int, value):
        what = labels.bias(layer, i, self.sizes)
        number = self._number(value, what)
        if number is not None:
            biases = self.network.layers[layer].biases.copy()
            biases[i] = number
            self._edit(self.network.with_layer(layer, biases=biases), f"{what} set to {number:g}.")

    def edit_layer(self, layer: int, edited_rows: dict):
        """Apply a data editor's edited_rows to one layer's table (rows neurons, columns inputs + b)."""
        try:
            weights, biases = apply_layer_edits(self.network, layer, edited_rows)
        except ValueError as error:
            return self._refuse(str(error))
        cells = [f"{labels.column_labels(layer + 1, self.sizes)[int(r)]}, {c}"
                 for r, changes in edited_rows.items() for c in changes]
        self._edit(self.network.with_layer(layer, weights=weights, biases=biases),
                   f"{self.network.layer_name(layer).capitalize()} updated: {'; '.join(cells)}.")

    def edit_data(self, editor_state: dict):
        """Apply a data editor's edits (rows samples, columns inputs then targets)."""
        try:
            inputs, targets = apply_data_edits(self.inputs, self.targets, self.sizes, editor_state)
        except ValueError as error:
            return self._refuse(str(error))
        self.inputs, self.targets = inputs, targets
        self.sample = min(self.sample, len(inputs) - 1)
        self._changed("edit")
        self.message = ("success", f"Data updated: {len(inputs)} sample(s).")

    def set_learning_rate(self, value):
        number = self._number(value, "the learning rate η")
        if number is None:
            return
        if number <= 0 or number > 100:
            return self._refuse("the learning rate η must be above 0 and at most 100.")
        self.learning_rate = number

    def set_sample(self, sample: int):
        self.sample = int(np.clip(sample, 0, len(self.inputs) - 1))

    def set_batch_size(self, size: int | None):
        self.batch_size = None if not size or size >= len(self.inputs) else int(size)

    # ----- setup
    def load_preset(self, name: str):
        if name not in PRESETS:
            return self._refuse(f"unknown preset {name!r}.")
        fresh = ExplorerState.from_preset(name)
        self.__dict__.update({k: v for k, v in fresh.__dict__.items() if k != "version"})
        self.version += 1

    def set_activation(self, layer: int, name: str):
        try:
            self._edit(self.network.with_layer(layer, activation=name),
                       f"{self.network.layer_name(layer).capitalize()} now uses {name}.")
        except ValueError as error:
            self._refuse(str(error))

    def set_loss(self, name: str):
        """Change the loss; a loss that needs a particular output activation brings it along."""
        if name not in LOSSES:
            return self._refuse(f"unknown loss {name!r}.")
        required = LOSSES[name].required_activation
        last = len(self.network.layers) - 1
        output = required or ("identity" if self.network.layers[last].activation == "softmax"
                              else self.network.layers[last].activation)
        layers = [(l.weights, l.biases, l.activation) for l in self.network.layers]
        layers[last] = (layers[last][0], layers[last][1], output)
        self._edit(make_network(layers, name, self.network.train_biases),
                   f"Loss is now {name}; the output layer uses {output}.")

    def set_train_biases(self, train_biases: bool):
        layers = [(l.weights, l.biases, l.activation) for l in self.network.layers]
        self._edit(make_network(layers, self.network.loss, bool(train_biases)),
                   "Biases now " + ("train." if train_biases else "stay fixed."))

    def set_architecture(self, sizes: list[int], seed: int | None = None):
        """New layer sizes (input first), re-initialised from `seed`; data resized to fit."""
        sizes = [int(n) for n in sizes]
        if len(sizes) < 2 or len(sizes) - 2 > EXPLORER_MAX_HIDDEN or max(sizes) > EXPLORER_MAX_UNITS \
                or min(sizes) < 1:
            return self._refuse(f"the explorer draws 0 to {EXPLORER_MAX_HIDDEN} hidden layers of 1 to "
                                f"{EXPLORER_MAX_UNITS} neurons, with 1 to {EXPLORER_MAX_UNITS} inputs and outputs.")
        old = [l.activation for l in self.network.layers]
        hidden = old[0] if len(old) > 1 else "tanh"
        activations = [old[i] if i < len(old) - 1 else hidden for i in range(len(sizes) - 2)] + [old[-1]]
        seed = self.init_seed if seed is None else int(seed)
        network = initialise(sizes, activations, self.network.loss, seed, self.network.train_biases)
        self.init_seed = seed
        self.inputs = _resize(self.inputs, sizes[0])
        self.targets = _resize(self.targets, sizes[-1])
        self._new_network(network, f"New {'-'.join(map(str, sizes))} network, weights drawn with seed {seed}.")

    def set_sizes_text(self, text: str):
        """'4, 3, 3, 1' (commas, spaces or dashes) -> set_architecture."""
        parts = [p for p in str(text).replace("-", ",").replace(" ", ",").split(",") if p]
        if not parts or not all(p.isdigit() for p in parts):
            return self._refuse(f"{str(text)[:40]!r} is not a list of layer sizes such as 4, 3, 3, 1.")
        self.set_architecture([int(p) for p in parts])

    def allowed_activations(self, layer: int) -> list[str]:
        """Hidden layers take any element-wise activation; the output takes what the loss allows."""
        if layer < len(self.network.layers) - 1:
            return [a for a in ACTIVATIONS if a != "softmax"]
        required = LOSSES[self.network.loss].required_activation
        return [required] if required else [a for a in ACTIVATIONS if a != "softmax"]

    def reinitialise(self, seed: int):
        self.set_architecture(self.sizes, seed)

    def load_file(self, content: bytes):
        try:
            network = loads(content)
        except ValueError as error:
            return self._refuse(f"That file was not loaded: {error}. Your network is unchanged.")
        sizes = network.sizes
        if len(sizes) - 2 > EXPLORER_MAX_HIDDEN or max(sizes) > EXPLORER_MAX_UNITS:
            return self._refuse(f"That file holds a {'-'.join(map(str, sizes))} network; the explorer "
                                f"draws at most {EXPLORER_MAX_HIDDEN} hidden layers of {EXPLORER_MAX_UNITS} "
                                "neurons. Your network is unchanged.")
        self.inputs, self.targets = _resize(self.inputs, sizes[0]), _resize(self.targets, sizes[-1])
        self.preset = "file"
        self._new_network(network, f"Loaded a {'-'.join(map(str, sizes))} network from the file.")

    def load_upload(self, uploaded):
        """A Streamlit UploadedFile (or None when the learner removed it)."""
        if uploaded is not None:
            self.load_file(uploaded.getvalue())

    # ----- training and checking
    def train_chunks(self, epochs: int, chunks: int = 20):
        """Train in chunks, yielding the share done after each; the history grows as it goes."""
        epochs = int(epochs)
        if not 1 <= epochs <= MAX_EPOCHS:
            return self._refuse(f"train between 1 and {MAX_EPOCHS} epochs at a time.")
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
                    f"Training stopped at epoch {result.diverged_at}: the loss became infinite or NaN, "
                    f"so η = {self.learning_rate:g} is too large here. The weights after epoch "
                    f"{result.diverged_at - 1} are kept.")
            yield done / epochs
        self.message = ("success", f"Trained {epochs} epochs: loss {self.history[-1].loss:.6g}.")

    def gradient_check(self) -> GradientCheck | None:
        n = sum(l.weights.size + l.biases.size for l in self.network.layers)
        if n > MAX_GRADCHECK_PARAMETERS:
            self._refuse(f"{n} parameters is too many to check one by one here "
                         f"(limit {MAX_GRADCHECK_PARAMETERS}).")
            return None
        with np.errstate(all="ignore"):
            return gradient_check(self.network, self.inputs, self.targets)

    # ----- widget keys: a widget is rebuilt only when what it shows changes, or after a refusal
    def key(self, name: str, *shown) -> str:
        digest = hashlib.blake2b(digest_size=6)
        for item in shown:
            digest.update(item.tobytes() if isinstance(item, np.ndarray) else repr(item).encode())
        return f"{name}_{digest.hexdigest()}_{self.refusals}"

    def layer_key(self, layer: int) -> str:
        params = self.network.layers[layer]
        return self.key(f"layer{layer}", params.weights, params.biases)

    def data_key(self) -> str:
        return self.key("data", self.inputs, self.targets)

    # ----- internals
    def _number(self, value, what: str) -> float | None:
        try:
            return parse_number(value, what)
        except ValueError as error:
            self._refuse(str(error))
            return None

    def _refuse(self, text: str):
        self.message = ("error", text[0].upper() + text[1:])
        self.refusals += 1  # widgets are keyed by it: the refused one is redrawn showing the old value

    def _changed(self, event: str | None):
        self.version += 1
        if event is not None:
            loss, _ = evaluate(self.network, self.inputs, self.targets)
            self.history.append(HistoryPoint(self.epochs, loss, event))

    def _replace_network(self, network: Network, event: str | None):
        self.network = network
        self._changed(event)

    def _edit(self, network: Network, text: str):
        self._replace_network(network, "edit")
        self.message = ("success", text)

    def _new_network(self, network: Network, text: str):
        self.network, self.position, self.pick, self.epochs, self.history = network, 0, None, 0, []
        self.sample = min(self.sample, len(self.inputs) - 1)
        self.last_update = None
        self._changed("start")
        self.message = ("info", text)


def _resize(data: np.ndarray, columns: int) -> np.ndarray:
    """Keep the first columns, pad new ones with zeros."""
    out = np.zeros((len(data), columns))
    keep = min(columns, data.shape[1])
    out[:, :keep] = data[:, :keep]
    return out
