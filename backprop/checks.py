"""What a guided lesson checks: the numbers a page shows (Scene), and the tests a task puts to them. Each test
answers with a Result: done, or what is off, said in the app's own numbers. Plain Python over the core.
"""
from typing import Callable, NamedTuple

import numpy as np

from .activations import ACTIVATIONS
from .i18n import N_
from .latex import number
from .lessons import MatmulLesson, SoftmaxLesson
from .network import Network, Place
from .quiz import BLANK, bracketed, candidates
from .steps import Walkthrough


class Scene(NamedTuple):
    """What a page shows, as a lesson's checks read it; each page fills in its own fields."""
    page: str                            # "explorer", "matmul", "softmax", "playground" or "digits"
    network: Network | None = None
    walk: Walkthrough | None = None      # the explorer's pass
    targets: np.ndarray | None = None    # (n_samples, n_out)
    sample: int = 0                      # the sample the equations show
    learning_rate: float | None = None
    position: int = 0                    # the explorer's step; 0 before the first
    losses: tuple[float, ...] = ()       # the explorer's loss curve, oldest first
    events: tuple[str, ...] = ()         # what made each point: "start", "train", "step" (an update) or "edit"
    matmul: MatmulLesson | None = None
    softmax: SoftmaxLesson | None = None
    dataset: str | None = None           # the playground's
    hidden: tuple[int, ...] = ()         # units per hidden layer (playground, digits)
    epochs: int = 0                      # epochs trained (playground, digits)
    test_accuracy: float | None = None   # on the held-out points (playground, digits)


class Result(NamedTuple):
    done: bool
    text: str = ""                # what to say, untranslated, with {fields}
    fields: tuple = ()            # (name, text) pairs for its {fields}
    equation: str = ""            # LaTeX that shows the app's numbers, where they say what is off


class Ask(NamedTuple):
    """A number the learner types, and what the app computes for it."""
    symbol: str                             # LaTeX
    expected: float
    equation: str                           # LaTeX, the numbers filled in, without the value
    mistakes: tuple[tuple[str, float], ...] = ()  # (what went wrong, untranslated; the value it gives)


RELATIVE, FLOOR = 0.01, 1e-9  # right within 1 %: a lesson's numbers may be small (Mazur's δ are about 0.002)


def close(answer: float, value: float) -> bool:
    return abs(answer - value) <= max(RELATIVE * abs(value), FLOOR)


def judge(ask: Ask, answer: float) -> Result:
    """Right within 1 %; else the known mistake the answer matches, or the equation to redo."""
    if close(answer, ask.expected):
        return Result(True, N_("Right."), equation=f"{ask.symbol} = {ask.equation} = {number(ask.expected)}")
    hint = f"{ask.symbol} = {ask.equation} = {BLANK}"
    for what, value in ask.mistakes:
        if close(answer, value) and not close(value, ask.expected):
            return Result(False, N_("Not quite: {mistake}. Try again with these numbers:"), (("mistake", what),), hint)
    return Result(False, N_("Not quite: that is more than 1 % off. Work it again from these numbers:"), equation=hint)


def _shown(value: float) -> str:
    return f"{value:.6g}"


# ---------------------------------------------------------------- the explorer
def at_step(position: int) -> Callable[[Scene], Result]:
    def check(scene: Scene) -> Result:
        if scene.position >= position:
            return Result(True)
        return Result(False, N_("The stepper is at step {now}: press Next ▶ until step {want}."),
                      (("now", str(scene.position)), ("want", str(position))))
    return check


def from_pass(kind: str, place: Place) -> Callable[[Scene], Ask | None]:
    """The number the quiz would ask for at `place`, with its named mistakes (None: the network has no such place)."""
    def ask(scene: Scene) -> Ask | None:
        for question in candidates(scene.network, scene.walk, scene.targets, scene.sample):
            if question.kind == kind and question.place == place:
                symbol, _, rest = question.hint.partition(" = ")
                return Ask(symbol, question.expected, rest.removesuffix(f" = {BLANK}"), question.considered)
        return None
    return ask


def loss_now(scene: Scene) -> Ask | None:
    """The loss of the network as it is now, from its equation; the loss before the last update is a known mistake."""
    ask = from_pass("loss", Place("loss"))(scene)
    if ask is None or scene.events[-1:] != ("step",):
        return ask
    return ask._replace(mistakes=ask.mistakes + ((N_("that is the loss before the update"), scene.losses[-2]),))


def updated(scene: Scene) -> Result:
    if "step" in scene.events:
        return Result(True)
    return Result(False, N_("No update yet: step to the end of the pass and press Apply update."))


def _last_run(scene: Scene) -> tuple[float, float] | None:
    """(the loss before the last Train, the loss after it), or None when nothing trained since the last change."""
    events = list(scene.events)
    if not events or events[-1] != "train":
        return None
    start = max((i for i, event in enumerate(events) if event != "train"), default=0)
    return scene.losses[start], scene.losses[-1]


def rate_at_least(rate: float) -> Callable[[Scene], Result]:
    def check(scene: Scene) -> Result:
        if scene.learning_rate >= rate:
            return Result(True)
        return Result(False, N_("η is {rate}: set the learning rate η in the sidebar to at least {want}."),
                      (("rate", _shown(scene.learning_rate)), ("want", _shown(rate))))
    return check


def loss_rose(scene: Scene) -> Result:
    if (run := _last_run(scene)) is None:
        return Result(False, N_("Press Train: nothing has trained since the last change."))
    if run[1] > run[0]:
        return Result(True)
    return Result(False, N_("The loss fell over your last Train, from {before} to {after}: η is still small enough. "
                            "Raise it and train again."), (("before", _shown(run[0])), ("after", _shown(run[1]))))


def loss_fell(share: float, most_rate: float | None = None) -> Callable[[Scene], Result]:
    """The last Train took the loss down by at least `share` of it, at η no larger than most_rate."""
    def check(scene: Scene) -> Result:
        if most_rate is not None and scene.learning_rate > most_rate:
            return Result(False, N_("η is {rate}: bring it down to {want} or less (Load preset restores the "
                                    "preset's)."),
                          (("rate", _shown(scene.learning_rate)), ("want", _shown(most_rate))))
        if (run := _last_run(scene)) is None:
            return Result(False, N_("Press Train: nothing has trained since the last change."))
        if run[1] <= (1 - share) * run[0]:
            return Result(True)
        return Result(False, N_("Your last Train took the loss from {before} to {after}, less than {share} lower."),
                      (("before", _shown(run[0])), ("after", _shown(run[1])), ("share", f"{share:.0%}")))
    return check


def hidden_not(activation: str) -> Callable[[Scene], Result]:
    def check(scene: Scene) -> Result:
        layers = scene.network.layers[:-1]
        if layers and all(layer.activation != activation for layer in layers):
            return Result(True)
        return Result(False, N_("{count} of the {hidden} hidden layers still use {name}."), (
            ("count", str(sum(layer.activation == activation for layer in layers))), ("hidden", str(len(layers))),
            ("name", activation)))
    return check


def sigmoid_slope_at_0(scene: Scene) -> Ask:
    """σ′(0) = σ(0)(1 − σ(0)), the largest slope a sigmoid has, as the core's activation computes it."""
    sigmoid, z = ACTIVATIONS["sigmoid"], np.zeros(1)
    a = sigmoid.forward(z)
    return Ask(r"\sigma'(0)", float(sigmoid.derivative(z, a)[0]), r"\sigma(0)\,\big(1 - \sigma(0)\big)",
               ((N_("that is σ(0), not its slope"), float(a[0])),
                (N_("that is the slope of tanh at 0, or of a ReLU"), 1.0)))


# ---------------------------------------------------------------- the matrix-product and softmax pages
def shapes(n: int, m: int, p: int) -> Callable[[Scene], Result]:
    def check(scene: Scene) -> Result:
        now = (*scene.matmul.x.shape, scene.matmul.w.shape[1])
        if now == (n, m, p):
            return Result(True)
        return Result(False, N_("The menus say n = {n}, m = {m}, p = {p}."), tuple(zip("nmp", map(str, now))))
    return check


def grad_w_entry(scene: Scene) -> Ask:
    """(∂L/∂W)₁₁ = Σₖ X[k, 1] G[k, 1], a sum over the n rows."""
    x, g = scene.matmul.x[:, 0], scene.matmul.upstream[:, 0]
    terms = " + ".join(rf"{bracketed(u)} \cdot {bracketed(v)}" for u, v in zip(x, g))
    return Ask(r"\left(\frac{\partial L}{\partial W}\right)_{11}", float(scene.matmul.grad_w[0, 0]), terms,
               ((N_("that is only the first row's product: the sum runs over all n rows of X and G"), x[0] * g[0]),
                (N_("that is (∂L/∂X)₁₁, the other gradient"), float(scene.matmul.grad_x[0, 0]))))


def grad_w_size(scene: Scene) -> Ask:
    (n, m), p = scene.matmul.x.shape, scene.matmul.w.shape[1]
    return Ask(r"\text{size}\left(\frac{\partial L}{\partial W}\right)", m * p, rf"m \times p = {m} \times {p}",
               ((N_("that is the size of G, which is n × p"), n * p),
                (N_("that is the size of X, which is n × m"), n * m)))


def target_probability(scene: Scene) -> Ask:
    lesson, t = scene.softmax, int(np.argmax(scene.softmax.target))
    exps = " + ".join(f"e^{{{number(v)}}}" for v in lesson.z)
    total = float(np.sum(lesson.z))
    plain = ((N_("that divides the logits, not their exponentials"), float(lesson.z[t]) / total),) if total else ()
    return Ask(f"p_{{{t + 1}}}", float(lesson.s[t]), rf"\frac{{e^{{{number(lesson.z[t])}}}}}{{{exps}}}", plain)


def first_logit_gradient(scene: Scene) -> Ask:
    """∂L/∂z₁ = p₁ − y₁ for L = −Σ y log p; the seed's Jacobian gives Σⱼ J̃ⱼ₁ ∂L/∂pⱼ instead."""
    lesson = scene.softmax
    with np.errstate(all="ignore"):
        buggy = float((lesson.buggy.T @ lesson.grad_p)[0])
    value = float(lesson.fused[0])
    equation = rf"p_1 - y_1 = {number(lesson.s[0])} - {number(lesson.target[0])}"
    return Ask(r"\frac{\partial L}{\partial z_1}", value, equation,
               ((N_("that is what the seed's Jacobian gives: it writes sᵢ(1 − zᵢ) where sᵢ(1 − sᵢ) belongs"), buggy),
                (N_("the sign is reversed: it is p − y"), -value)))


def naive_overflows(scene: Scene) -> Result:
    if not np.all(np.isfinite(scene.softmax.naive)):
        return Result(True)
    return Result(False, N_("exp(z)/Σexp(z) still gives numbers: add more to every logit."))


# ---------------------------------------------------------------- the playground and the digits page
def dataset_is(name: str) -> Callable[[Scene], Result]:
    def check(scene: Scene) -> Result:
        return Result(True) if scene.dataset == name else Result(False, N_("Choose the dataset in the sidebar."))
    return check


def _trained(scene: Scene, epochs: int) -> Result:
    if scene.epochs < epochs:
        return Result(False, N_("Trained {epochs} epochs so far: play or train to at least {want}."),
                      (("epochs", str(scene.epochs)), ("want", str(epochs))))
    return Result(True)


def trained_without_hidden(epochs: int) -> Callable[[Scene], Result]:
    def check(scene: Scene) -> Result:
        if scene.hidden:
            return Result(False, N_("The network still has hidden layers ({hidden}): empty that field."),
                          (("hidden", ", ".join(map(str, scene.hidden))),))
        return _trained(scene, epochs)
    return check


def hidden_at_most(units: int, epochs: int) -> Callable[[Scene], Result]:
    def check(scene: Scene) -> Result:
        if not scene.hidden or max(scene.hidden) > units:
            return Result(False, N_("The hidden layer has {hidden} units: bring it down to {want} or fewer."),
                          (("hidden", ", ".join(map(str, scene.hidden)) or "0"), ("want", str(units))))
        return _trained(scene, epochs)
    return check


def accuracy_at_least(share: float, units: int = 1) -> Callable[[Scene], Result]:
    """A test accuracy of `share`, with a hidden layer of at least `units`."""
    def check(scene: Scene) -> Result:
        if not scene.hidden or max(scene.hidden) < units:
            return Result(False, N_("Give the network a hidden layer of at least {want} units first."),
                          (("want", str(units)),))
        if scene.test_accuracy is None or scene.test_accuracy < share:
            shown = "–" if scene.test_accuracy is None else f"{scene.test_accuracy:.0%}"
            return Result(False, N_("The test accuracy is {now}: train on until it reaches {want}."),
                          (("now", shown), ("want", f"{share:.0%}")))
        return Result(True)
    return check
