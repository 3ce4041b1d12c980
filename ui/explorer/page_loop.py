"""The page's side of the explorer's loop: what its engine computes from (page_model), and the server's take, with
the core, of what it computed (the replays). The page computes Apply update, a typed weight or bias and a full-batch
Train itself (ui/page/loop.js, with the engine in static/engine/); its updates and runs then reach the server through
the updates' sync (ui/explorer/stepper.py), its edits through Streamlit's own field."""
from backprop.i18n import _
from backprop.steps import step_words
from backprop.training import NOT_FINITE, TOO_LARGE
from backprop.validation import MAX_ABS_PARAMETER

from .. import labels, session
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
    return {"network": {"layers": [{"weights": l.weights.tolist(), "biases": l.biases.tolist(), "activation": l.activation}
                                   for l in net.layers], "loss": net.loss, "train_biases": net.train_biases},
            "x": state.inputs.tolist(), "y": state.targets.tolist(), "learning_rate": state.learning_rate,
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


def replay_training(state, value) -> bool:
    """{"train": [view, epochs, sequence]}: the page trained `epochs` full-batch epochs from `view`; the core trains
    them too (and stops where the page stopped, at a diverging epoch, in its own words). Anything odd, or a view
    this session has left, changes nothing. True if it trained."""
    train = session.named(value, "train")
    if not (isinstance(train, (list, tuple)) and len(train) == 3 and isinstance(train[0], str)
            and isinstance(train[1], int) and 0 < train[1] <= MAX_EPOCHS) or train[0] != state.drawn_from():
        return False
    state.set_batch_size(None)
    for _share in train_chunks(state, train[1]):
        pass
    return True


def replay_updates(state, value, done: list | None) -> list | None:
    """{"update": [view, count, sequence]}: the page has applied `count` updates since `view`; done, [view, count],
    is what was replayed of it before. The rest is applied here, each through apply_update (which refuses as the
    page does). Returns what is now replayed; anything odd, or a view this session has left, changes nothing."""
    update = session.named(value, "update")
    if not (isinstance(update, (list, tuple)) and len(update) == 3 and isinstance(update[0], str)
            and isinstance(update[1], int) and 0 < update[1] <= MAX_PAGE_UPDATES):
        return done
    view, count = update[0], update[1]
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
