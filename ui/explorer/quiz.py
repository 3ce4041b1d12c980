"""The explorer's quiz: plain functions over the session's ExplorerState (ui/explorer/state.py declares every field they
read and write). Each validates what the learner typed first; a refusal keeps the old state and says why."""
import secrets
from typing import NamedTuple

from backprop.i18n import _
from backprop.quiz import KINDS, Question, check, drawn_problem

from .. import labels
from ..cells import NUMBER_HELP, kept, parse_number
from ..message import Message
from .state import Answer, ExplorerState

MAX_DRAW_SEED = 999_999  # six digits: short in a link, easy to read out to a class


class Score(NamedTuple):
    right: int
    answered: int  # checked answers, right or wrong
    skipped: int
    asked: int     # questions in this pass


def set_quiz(state: ExplorerState, on: bool):
    state.quiz = bool(on)
    state.hold_position()
    if state.quiz:
        state.message = Message("info", _("Quiz mode: before each step, predict one number it computes. Type it "
                                          "under the stepper and press Enter to check."))


def set_kinds(state: ExplorerState, kinds):
    chosen = tuple(k for k in KINDS if k in set(kinds or ()))
    if not chosen:
        return state.refuse(_("tick at least one kind of number for the quiz to ask. The old choice is kept."), "setup")
    state.quiz_kinds = chosen
    state.hold_position()


def new_network(state: ExplorerState, seed: int | None = None):
    """Weights and one sample drawn from a seed (a fresh one by default), in numbers a learner can work by hand."""
    seed = secrets.randbelow(MAX_DRAW_SEED + 1) if seed is None else int(seed)
    network = state.network
    drawn, x, y = drawn_problem(network.sizes, [l.activation for l in network.layers], network.loss,
                                network.train_biases, seed)
    state.inputs, state.targets, state.sample, state.weights_seed = x, y, 0, None
    state.new_network(drawn, _("New network and sample drawn with seed {seed}: the link holds it, so whoever opens "
                               "it gets the same numbers.").format(seed=seed), draw_seed=seed)


def answer(state: ExplorerState, text):
    """Check the learner's prediction for the pending question; a text that is not a number is refused."""
    question = state.pending
    if question is None:
        return
    try:
        value = parse_number(text, _("your prediction"), 1e300)
    except ValueError as error:
        return state.refuse(str(error).replace(kept(), " " + _("Type it again.")), "quiz")
    state.answers[question.position] = Answer(str(text).strip(), check(question, value))


def skip(state: ExplorerState):
    if (question := state.pending) is not None:
        state.answers[question.position] = Answer("", None)


def hint(state: ExplorerState):
    if (question := state.pending) is not None:
        state.hints.add(question.position)


def score(state: ExplorerState) -> Score:
    verdicts = [a.verdict for a in state.answers.values()]
    checked = [v for v in verdicts if v is not None]
    return Score(sum(v.right for v in checked), len(checked), len(verdicts) - len(checked), len(state.questions))


def place_name(question: Question, sizes: list[int]) -> str:
    """Where the asked number lives on the graph, as the graph names it."""
    place = question.place
    if place.kind == "neuron":
        return labels.neuron(place.layer, place.i, sizes)
    if place.kind == "edge":
        return labels.weight(place.layer, place.i, place.j, sizes)
    return _("the output")


def feedback_words() -> dict[str, str]:
    """feedback's sentences, with their {fields}: the page fills them in too (static/engine/quiz.js)."""
    return {"skipped": _("Skipped: the value is {value}."), "right": _("Right: you wrote {text}, the value is {value}."),
            "wrong": _("Not quite: you wrote {text}, the value is {value}."), "looks_like": _("It looks like {mistake}.")}


def feedback(question: Question, given: Answer) -> tuple[str, str]:
    """(level, sentence) for an answered question."""
    words, true = feedback_words(), f"{question.expected:.6g}"
    if given.verdict is None:
        return "info", words["skipped"].format(value=true)
    if given.verdict.right:
        return "success", words["right"].format(text=given.text, value=true)
    why = " " + words["looks_like"].format(mistake=_(given.verdict.mistake)) if given.verdict.mistake else ""
    return "error", words["wrong"].format(text=given.text, value=true) + why


def prediction_help() -> str:
    return _(NUMBER_HELP) + " " + _("Right within 1 %, or to 2 decimals for small numbers.")
