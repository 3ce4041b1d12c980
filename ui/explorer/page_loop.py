"""The page's side of the explorer's loop: what its engine computes from (page_model), and the server's take, with
the core, of what it computed (the replays). The page computes Apply update, a typed weight or bias, a Train and a
quiz's checks itself (ui/page/, with the engine in static/engine/); its updates, runs and answers then reach the
server through the updates' sync (ui/explorer/stepper.py), its edits through Streamlit's own field."""
import math

from backprop.fileformat import to_dict
from backprop.i18n import _
from backprop.steps import step_words
from backprop.training import NOT_FINITE, TOO_LARGE
from backprop.validation import MAX_ABS_PARAMETER

from .. import labels, session
from ..cells import MAX_SAMPLES
from ..limits import MAX_EPOCHS
from . import quiz
from .edit_actions import pick_key
from .figures import PROJECTOR, SCREEN, graph_style
from .state import UPDATE_APPLIED, UPDATE_REFUSED, UPDATE_ROSE
from .training_actions import page_training, train_chunks

MAX_PAGE_UPDATES = 10_000  # a page's updates in one chain, far past what clicks make before the server replays them


def page_model(state) -> dict:
    """What the page's engine computes from: the network, the data, the choices, and the words. In a quiz the page
    computes only the quiz's checks and the steps they unlock (page_quiz); an update, an edit or a run is the
    server's, since each starts a new pass with new questions."""
    net, scale = state.network, PROJECTOR if state.projector else SCREEN
    pick = state.pick._asdict() if state.pick is not None else None
    return {"network": to_dict(net), "x": state.inputs.tolist(), "y": state.targets.tolist(), "learning_rate": state.learning_rate,
            "sample": state.sample, "show": state.show, "pick": pick, "style": graph_style(scale),
            "names": [labels.column_labels(c, net.sizes) for c in range(len(net.sizes))],
            "words": step_words(net, state.walk), "texts": update_words(state), "edit_key": pick_key(state),
            "train": page_training(state), "quiz": state.quiz}


def update_words(state) -> dict[str, str]:
    """What the page says after its own update, in the session's language: the server's sentences, the numbers
    left as {fields} for the page to fill in (with Python's formats, mirrored)."""
    loss_label = labels.loss_heading(state.network.loss)
    return {"refused": _(UPDATE_REFUSED).format(why="{why}", rate=f"{state.learning_rate:g}"),
            "not_finite": _(NOT_FINITE), "too_large": _(TOO_LARGE).format(largest="{largest}",
                                                                          limit=f"{MAX_ABS_PARAMETER:g}"),
            "applied": _(UPDATE_APPLIED), "rose": _(UPDATE_ROSE),
            "loss": _("{name}: {value}").format(name=loss_label, value="{value}"),
            "clipped": _("{value} (clipped: see the loss step)")}


def page_quiz(state) -> dict | None:
    """The quiz's pass, for the page to ask and check itself (None when the quiz is off): every question as the core
    drew it, the answers so far, the position asked next, the score, what the last answer got, and the words."""
    if not state.quiz:
        return None
    questions = [{"position": q.position, "kind": q.kind, "symbol": q.symbol, "expected": _number(q.expected),
                  "hint": q.hint, "answer": q.answer, "place": q.place._asdict(), "where": quiz.place_name(q, state.sizes),
                  "mistakes": [[_(what), _number(value)] for what, value in q.mistakes]} for q in state.questions.values()]
    answers = {str(p): {"text": a.text, "verdict": None if a.verdict is None else {
        "right": a.verdict.right, "mistake": _(a.verdict.mistake) if a.verdict.mistake else None}}
        for p, a in state.answers.items()}
    answered = [state.questions[p] for p in state.questions if p in state.answers]
    last = answered[-1] if answered else None
    return {"questions": questions, "answers": answers,
            "pending": state.pending.position if state.pending is not None else None,
            "score": quiz.score(state)._asdict(), "last": last.position if last else None,
            "feedback": list(quiz.feedback(last, state.answers[last.position])) if last else None,
            "loss_position": state.loss_position, "words": quiz_words()}


def _number(value: float):
    """A number as the page's JSON can carry it: ±Infinity and NaN as text, which the page reads with Number()."""
    return value if math.isfinite(value) else "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"


def quiz_words() -> dict[str, str]:
    """The quiz panel's words, in the session's language, {fields} left for the page to fill in."""
    return {"question": _("**Question {k} of {asked}** (score {right} of {answered}): before step {position}, what is "
                          "{symbol} at {place}?"),
            "complete": _("Pass complete: {right} right of {answered} answered."),
            "complete_skipped": _("Pass complete: {right} right of {answered} answered, {skipped} skipped."),
            "next_pass": _("Step through it, or Apply update for a new pass."),
            "label": _("Your prediction"), "help": quiz.prediction_help(), "check": _("Check"), "hint": _("Hint"),
            "skip": _("Skip"), "hint_caption": _("Hint: the equation, with the number to find left blank"),
            **quiz.feedback_words()}


def quiz_message(state) -> list[str] | None:
    """[level, text] the quiz said (a prediction refused), once."""
    message = session.take_message(state, "quiz")
    return None if message is None else [message.level, message.text]


def _message(value, name: str, largest: int, extra: int = 0) -> tuple | None:
    """A replay's message, {name: [view, count, sequence, *extra whole numbers]}, as (view, count, *extra) with
    0 < count <= largest; None for anything else (the browser's message is checked, never trusted)."""
    message = session.named(value, name)
    if not (isinstance(message, (list, tuple)) and len(message) == 3 + extra and isinstance(message[0], str)
            and all(type(v) is int for v in message[1:]) and 0 < message[1] <= largest):
        return None
    return message[0], message[1], *message[3:]


def replay_training(state, value) -> bool:
    """{"train": [view, epochs, sequence, batch]}: the page trained `epochs` epochs in batches of `batch` (0: the
    full batch) from `view`; the core trains them too, with the same batches (and stops where the page stopped, at a
    diverging epoch, in its own words). Anything odd, or a view this session has left, changes nothing. True if it
    trained."""
    asked = _message(value, "train", MAX_EPOCHS, extra=1)
    if asked is None or asked[0] != state.drawn_from() or not 0 <= asked[2] <= MAX_SAMPLES:
        return False
    state.set_batch_size(asked[2])
    for _share in train_chunks(state, asked[1]):
        pass
    return True


def _unreplayed(view: str, count: int, done: list | None, drawn: str) -> int | None:
    """How many of a chain's `count` actions since `view` were replayed before (done: [view, count]), or None when
    the chain comes from a view this session has left."""
    if done is not None and done[0] == view:
        return done[1]
    return 0 if view == drawn else None


QUIZ_ACTIONS = ("answer", "hint", "skip")
MAX_PREDICTION_CHARS = 200


def replay_quiz(state, value, done: list | None) -> list | None:
    """{"quiz": [view, count, sequence, actions]}: the page has checked, hinted or skipped `count` questions since
    `view`, each action [position, "answer" | "hint" | "skip", what was typed]. The rest is taken here, through the
    quiz's own functions (which check the answer with the core, and refuse what is not a number); an action for a
    question that is no longer the one asked is ignored. Returns what is now replayed, as replay_updates does."""
    message = session.named(value, "quiz")
    if not (isinstance(message, (list, tuple)) and len(message) == 4 and isinstance(message[0], str)
            and type(message[1]) is int and 0 < message[1] <= MAX_PAGE_UPDATES and isinstance(message[3], list)
            and len(message[3]) == message[1] and all(_action(a) for a in message[3])):
        return done
    view, count, _sequence, actions = message
    if (start := _unreplayed(view, count, done, state.drawn_from())) is None:
        return done
    for position, kind, text in actions[start:]:
        if state.pending is None or state.pending.position != position:
            continue
        if kind == "answer":
            quiz.answer(state, text)
        else:
            (quiz.hint if kind == "hint" else quiz.skip)(state)
    return [view, max(count, start)]


def _action(action) -> bool:
    return (isinstance(action, list) and len(action) == 3 and type(action[0]) is int and action[1] in QUIZ_ACTIONS
            and isinstance(action[2], str) and len(action[2]) <= MAX_PREDICTION_CHARS)


def replay_updates(state, value, done: list | None) -> list | None:
    """{"update": [view, count, sequence]}: the page has applied `count` updates since `view`; done, [view, count],
    is what was replayed of it before. The rest is applied here, each through apply_update (which refuses as the
    page does). Returns what is now replayed; anything odd, or a view this session has left, changes nothing."""
    if (update := _message(value, "update", MAX_PAGE_UPDATES)) is None:
        return done
    view, count = update
    if (start := _unreplayed(view, count, done, state.drawn_from())) is None:
        return done
    for _k in range(count - start):
        state.apply_update()
        if state.message is not None and state.message.level == "error":
            break
    return [view, max(count, start)]
