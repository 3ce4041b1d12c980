"""The page's side of the explorer's loop: what its engine computes from (page_model), and the server's take, with
the core, of what it computed (the replays). The page computes Apply update, a typed weight or bias and a Train
itself (ui/page/loop.js, with the engine in static/engine/); its updates and runs then reach the server through
the updates' sync (ui/explorer/stepper.py), its edits through Streamlit's own field."""
from backprop.fileformat import to_dict
from backprop.i18n import _
from backprop.steps import step_words
from backprop.training import NOT_FINITE, TOO_LARGE
from backprop.validation import MAX_ABS_PARAMETER

from .. import labels, session
from ..cells import MAX_SAMPLES
from ..limits import MAX_EPOCHS
from .edit_actions import pick_key
from .figures import PROJECTOR, SCREEN, graph_style
from .state import UPDATE_APPLIED, UPDATE_REFUSED, UPDATE_ROSE
from .training_actions import page_training, train_chunks

MAX_PAGE_UPDATES = 10_000  # a page's updates in one chain, far past what clicks make before the server replays them


def page_model(state) -> dict | None:
    """What the page's engine computes from: the network, the data, the choices, and the words. None in a quiz,
    whose steps and checks stay with the server."""
    if state.quiz:
        return None
    net, scale = state.network, PROJECTOR if state.projector else SCREEN
    pick = state.pick._asdict() if state.pick is not None else None
    return {"network": to_dict(net), "x": state.inputs.tolist(), "y": state.targets.tolist(), "learning_rate": state.learning_rate,
            "sample": state.sample, "show": state.show, "pick": pick, "style": graph_style(scale),
            "names": [labels.column_labels(c, net.sizes) for c in range(len(net.sizes))],
            "words": step_words(net, state.walk), "texts": update_words(state), "edit_key": pick_key(state),
            "train": page_training(state)}


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


def replay_updates(state, value, done: list | None) -> list | None:
    """{"update": [view, count, sequence]}: the page has applied `count` updates since `view`; done, [view, count],
    is what was replayed of it before. The rest is applied here, each through apply_update (which refuses as the
    page does). Returns what is now replayed; anything odd, or a view this session has left, changes nothing."""
    if (update := _message(value, "update", MAX_PAGE_UPDATES)) is None:
        return done
    view, count = update
    if done is not None and done[0] == view:
        count, asked = count - done[1], max(count, done[1])
    elif view == state.drawn_from():
        asked = count
    else:
        return done
    for _k in range(count):
        state.apply_update()
        if state.message is not None and state.message.level == "error":
            break
    return [view, asked]
