"""Everything one explorer session holds, what is derived from it, and the transitions the actions share.

Plain Python: the page keeps one ExplorerState in its session (ui/session.py) and calls its methods, and the
plain functions of edit_actions.py, setup_actions.py, training_actions.py and quiz.py over it, from widget
callbacks, so each transition is tested without Streamlit. Every action that takes user input validates it
first; a refusal sets `message` and changes nothing.
"""
import hashlib
import secrets
from dataclasses import dataclass, field, fields
from typing import NamedTuple

import numpy as np

from backprop import PRESETS, Network, walkthrough
from backprop.diagnostics import gradient_norms
from backprop.i18n import N_, _, language
from backprop.stopping import Stop
from backprop.network import Place
from backprop.quiz import KINDS, Question, Verdict, questions
from backprop.steps import Step, Walkthrough
from backprop.training import divergence

from ..message import Message

SHOW_MODES = {"auto": N_("follow the step"), "a": N_("weights and activations a"), "z": N_("pre-activations z"),
              "delta": N_("deltas δ"), "grad": N_("gradients ∂L/∂w"), "update": N_("updates Δw")}
# the fields the page is not drawn from; every other field, and any field added later, is in `drawn_from`
NOT_DRAWN = {
    "position": "the browser holds every position's figures and switches between them itself",
    "message": "shown once where it belongs, then cleared",
    "history": "the loss curve's: it only grows when the network changes, which bumps the version",
    "trail": "the two-weight map's: grows with the history",
    "_walk": "a cache of what is drawn", "_quiz": "the quiz's pass: `unlocked` is drawn from it",
    "_digested": "the digest itself, dropped whenever any other field is set",
}
# what Apply update says, beside its button; the browser says the same from these (ui/explorer/stepper.py)
UPDATE_PLACE = "update"
UPDATE_REFUSED = N_("This update was not applied: {why}. The learning rate η = {rate} is too large for these weights; "
                    "try a smaller η.")
UPDATE_APPLIED = N_("Update applied: loss {before} → {after}.")
UPDATE_ROSE = N_("Update applied, but the loss rose: {before} → {after}. The step overshot: try a smaller η.")
TRAIL = 50  # networks kept for the path on the two-weight map: the last updates, epochs and edits


@dataclass
class HistoryPoint:
    epoch: int
    loss: float
    event: str                   # "start", "train", "step" (an applied update) or "edit"
    norms: tuple[float, ...]     # ‖∂L/∂W⁽ˡ⁾‖ per layer on the whole data, at this point


class Answer(NamedTuple):
    text: str                # what the learner typed ("" when skipped)
    verdict: Verdict | None  # None: skipped, revealed without scoring


@dataclass
class ExplorerState:
    network: Network
    inputs: np.ndarray    # (n_samples, n_in)
    targets: np.ndarray   # (n_samples, n_out)
    learning_rate: float
    preset: str = "seed"
    init_seed: int = 0             # the seed the next re-initialise draws with, and batches shuffle by
    weights_seed: int | None = None  # what the weights were drawn with; None: they came from the preset or a file
    batch_size: int | None = None  # None: the whole dataset each step
    stop: Stop | None = None       # what ends a Train early (backprop.stopping); None: every epoch asked for
    position: int = 0              # 0: before the first step; k: steps[k - 1] is on show
    sample: int = 0                # which row of the data the equations show
    show: str = "auto"
    projector: bool = False        # larger type and a taller graph, for the back of a room
    quiz: bool = False             # stepping asks for each step's number before showing it
    quiz_kinds: tuple[str, ...] = tuple(KINDS)  # which numbers the quiz asks for
    draw_seed: int | None = None   # New network drew the weights and data with this seed (None: it did not)
    pick: Place | None = None      # the edge or neuron clicked on the graph
    history: list[HistoryPoint] = field(default_factory=list)
    trail: tuple[Network, ...] = ()  # the network at each of the last TRAIL history points, oldest first
    epochs: int = 0
    version: int = 0               # bumps whenever network or data change
    refusals: int = 0              # bumps on every refused entry, so the refused widget is redrawn
    message: Message | None = None  # what the last action said
    last_update: tuple[float, float] | None = None  # loss before and after the last applied update
    _walk: tuple | None = field(default=None, repr=False)
    _quiz: tuple | None = field(default=None, repr=False)  # (pass, questions, answers, hints): answers per pass
    instance: str = field(default_factory=lambda: secrets.token_hex(4), repr=False)  # tells sessions apart
    _digested: str | None = field(default=None, init=False, repr=False, compare=False)

    def __setattr__(self, name, value):
        object.__setattr__(self, name, value)
        if name not in NOT_DRAWN:  # fields are replaced, never changed in place: a new value is a new digest
            object.__setattr__(self, "_digested", None)

    @classmethod
    def from_preset(cls, name: str = "seed") -> "ExplorerState":
        preset = PRESETS[name]()
        state = cls(preset.network, preset.inputs, preset.targets, preset.learning_rate)
        state.start(preset)
        return state

    def start(self, preset):
        """Take a preset's network, data and learning rate; the history starts again."""
        self.inputs, self.targets, self.learning_rate, self.preset = (preset.inputs, preset.targets,
                                                                      preset.learning_rate, preset.name)
        self.init_seed, self.weights_seed, self.batch_size, self.sample = 0, None, None, 0
        self.new_network(preset.network, _("Loaded the {name} preset.").format(name=preset.name)
                         + " " + _(preset.description))

    # ----- derived
    def _digest(self) -> str:
        """Every field but NOT_DRAWN, digested: a network or data compared by their numbers."""
        if self._digested is None:
            self._digested = self._hashed("state", *(getattr(self, f.name) for f in fields(self) if f.name not in NOT_DRAWN))
        return self._digested

    def drawn_from(self) -> str:
        """What the page and its figures are drawn from, the position aside: the figures are cached on it, and the
        browser's stepper and graph start a new view when it changes."""
        return f"{self._digest()}:{self.unlocked}:{language()}"

    @property
    def walk(self) -> Walkthrough:
        key = (self._digest(), language())  # its steps speak the session's language
        if self._walk is None or self._walk[0] != key:
            self._walk = (key, walkthrough(self.network, self.inputs, self.targets,
                                           self.learning_rate, self.sample))
        return self._walk[1]

    def _quiz_pass(self) -> tuple:
        """(the pass's questions, answers by position, positions hinted); new for every new pass or choice of kinds."""
        key = (self.version, self.learning_rate, self.sample, self.quiz_kinds, self.draw_seed)
        if self._quiz is None or self._quiz[0] != key:
            asked = questions(self.network, self.walk, self.targets, self.quiz_kinds, self.sample, self.draw_seed or 0)
            self._quiz = (key, asked, {}, set())
        return self._quiz[1:]

    @property
    def questions(self) -> dict[int, Question]:
        """The quiz's question for each step that has one (none when the quiz is off)."""
        return self._quiz_pass()[0] if self.quiz else {}

    @property
    def answers(self) -> dict[int, "Answer"]:
        return self._quiz_pass()[1]

    @property
    def hints(self) -> set[int]:
        return self._quiz_pass()[2]

    @property
    def unanswered(self) -> list[Question]:
        """The pass's questions still to answer, in step order."""
        return [q for p, q in self.questions.items() if p not in self.answers]

    @property
    def pending(self) -> Question | None:
        """The question to answer next, if any."""
        return next(iter(self.unanswered), None)

    @property
    def unlocked(self) -> int:
        """The last position the learner may see: in a quiz, the step before the first unanswered question."""
        return self.n_steps if self.pending is None else self.pending.position - 1

    @property
    def step(self) -> Step | None:
        return self.walk.steps[self.position - 1] if self.position else None

    @property
    def n_steps(self) -> int:
        """Forward per layer, the loss, backward per layer, the update: known without computing the walk."""
        return 2 * len(self.network.layers) + 2

    @property
    def sizes(self) -> list[int]:
        return self.network.sizes

    @property
    def loss_position(self) -> int:
        """The position of the loss step: every forward step comes before it."""
        return len(self.network.layers) + 1

    @property
    def loss_known(self) -> bool:
        """The pass has reached the loss step."""
        return self.position >= self.loss_position

    def position_text(self, position: int | None = None) -> str:
        """What the stepper says at `position` (default: the current one)."""
        position = self.position if position is None else position
        if position == 0:
            return _("Ready: {n} steps ahead. Press Next ▶ to start the forward pass.").format(n=self.n_steps)
        return _("Step {k} of {n}").format(k=position, n=self.n_steps) + f" · {self.walk.steps[position - 1].position}"

    # ----- the stepper
    def step_targets(self, position: int | None = None) -> dict[str, int]:
        """Where each stepping button leads from `position`; the browser's stepper reads this too."""
        p, last = self.position if position is None else position, self.unlocked  # a quiz stops at its next question
        return {"reset": 0, "prev": max(p - 1, 0), "next": min(p + 1, last),
                "forward": min(self.loss_position, last),  # every forward step and the loss
                "backward": min(self.n_steps - 1, last)}   # every backward step, the update not yet applied

    def set_position(self, position):
        """Where the browser's stepper says the learner is; anything odd is clamped, never trusted."""
        try:
            self.position = int(np.clip(int(position), 0, self.unlocked))
        except (TypeError, ValueError, OverflowError):
            pass

    def apply_update(self):
        """The update step's w ← w − η ∂L/∂w, kept; refused when it diverges. Its message goes beside the button."""
        walk = self.walk
        if (why := divergence(walk.loss_after, walk.update.network_after)) is not None:
            return self.refuse(_(UPDATE_REFUSED).format(why=why, rate=f"{self.learning_rate:g}"), UPDATE_PLACE)
        self.last_update = (walk.backward.loss, walk.loss_after)
        self.epochs += 1
        self.replace_network(walk.update.network_after, "step")
        self.position = 0
        before, after = f"{walk.backward.loss:.6g}", f"{walk.loss_after:.6g}"
        if self.quiz:  # the new loss is the next pass's first answer to find
            self.message = Message("success", _("Update applied. A new pass begins with the new weights: predict "
                                                "its numbers."), UPDATE_PLACE)
        elif walk.loss_after > walk.backward.loss:  # applied, but said honestly
            self.message = Message("warning", _(UPDATE_ROSE).format(before=before, after=after), UPDATE_PLACE)
        else:
            self.message = Message("success", _(UPDATE_APPLIED).format(before=before, after=after), UPDATE_PLACE)

    # ----- settings without input to validate (edits: ui/explorer/edit_actions.py)
    def set_show(self, show: str):
        if show in SHOW_MODES:
            self.show = show

    def set_projector(self, on: bool):
        self.projector = bool(on)

    def set_sample(self, sample: int):
        self.sample = int(np.clip(sample, 0, len(self.inputs) - 1))
        self.hold_position()

    def set_batch_size(self, size: int | None):
        self.batch_size = None if not size or size >= len(self.inputs) else int(size)

    # ----- widget keys: a widget is rebuilt only when what it shows changes, or after a refusal
    def key(self, name: str, *shown) -> str:
        """The language is part of every key: a menu's browser sends back the label it shows, so a menu kept
        across a language switch would read its old labels as unknown choices (a quiz once lost its kinds)."""
        return self._hashed(name, language(), *shown)

    def _hashed(self, name: str, *items) -> str:
        digest = hashlib.blake2b(digest_size=6)
        for item in items:
            _feed(digest, item)
        return f"{name}_{digest.hexdigest()}_{self.refusals}"

    def layer_key(self, layer: int) -> str:
        params = self.network.layers[layer]
        return self.key(f"layer{layer}", params.weights, params.biases)

    def data_key(self) -> str:
        return self.key("data", self.inputs, self.targets)

    # ----- internals
    def refuse(self, text: str, place: str = "top"):
        self.message = Message("error", text[0].upper() + text[1:], place)
        self.refusals += 1  # widgets are keyed by it: the refused one is redrawn showing the old value

    def _changed(self, event: str | None):
        self.version += 1
        if event is not None:  # the walk is cached per version and the page draws it next anyway
            grads = self.walk.backward
            self.history.append(HistoryPoint(self.epochs, grads.loss, event, gradient_norms(grads)))
            self.extend_trail((self.network,))
        self.hold_position()

    def extend_trail(self, networks: tuple[Network, ...]):
        """Networks at new points of the loss curve; the two-weight map draws the last TRAIL of them."""
        self.trail = (self.trail + tuple(networks))[-TRAIL:]

    def hold_position(self):
        """A new pass, or the quiz, may hide steps: the position stays on one the learner may see."""
        self.position = min(self.position, self.unlocked)

    def replace_network(self, network: Network, event: str | None):
        self.network = network
        self._changed(event)

    def replace_data(self, inputs: np.ndarray, targets: np.ndarray):
        self.inputs, self.targets = inputs, targets
        self.sample = min(self.sample, len(inputs) - 1)
        self._changed("edit")

    def edit(self, network: Network, text: str, place: str):
        self.replace_network(network, "edit")
        self.message = Message("success", text, place)

    def start_history(self):
        """The loss curve starts again from the current network."""
        self.history, self.trail = [], ()
        self._changed("start")

    def new_network(self, network: Network, text: str, draw_seed: int | None = None):
        self.network, self.position, self.pick, self.epochs, self.history, self.trail = network, 0, None, 0, [], ()
        self.draw_seed = draw_seed
        self.sample = min(self.sample, len(self.inputs) - 1)
        self.last_update = None
        self._changed("start")
        self.message = Message("info", text)


def _feed(digest, item) -> None:
    """Digest an item by its value: arrays by their bytes (their repr elides large ones), networks by their layers."""
    if isinstance(item, np.ndarray):
        digest.update(f"{item.dtype}{item.shape}".encode() + item.tobytes())
    elif isinstance(item, Network):
        digest.update(f"{item.loss}{item.train_biases}".encode())
        for layer in item.layers:
            digest.update(layer.activation.encode())
            _feed(digest, layer.weights)
            _feed(digest, layer.biases)
    else:
        digest.update(repr(item).encode())

