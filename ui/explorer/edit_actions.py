"""The explorer's edits, each a plain function over the state: a weight or bias typed in, a layer's or the data's
table edited, the learning rate, the graph's pick. Every value is validated first; a refusal names the field,
says why, and changes nothing."""
import numpy as np

from backprop.i18n import _
from backprop.losses import targets_problem
from backprop.network import Place
from backprop.validation import MAX_ABS_PARAMETER

from .. import labels
from ..cells import apply_data_edits, apply_layer_edits, kept, layer_columns, parse_number, shown
from ..limits import MAX_LEARNING_RATE
from ..message import Message
from .state import ExplorerState


def set_weight(state: ExplorerState, layer: int, i: int, j: int, value):
    what = labels.weight(layer, i, j, state.sizes)
    number = _number(state, value, what, "pick")
    if number is not None:
        weights = state.network.layers[layer].weights.copy()
        weights[i, j] = number
        state.edit(state.network.with_layer(layer, weights=weights), set_to(what, number), "pick")


def if_typed(drawn: str, apply):
    """apply, for the pick's editor drawn showing `drawn`: a value equal to it is no edit of the learner's. Streamlit
    can call a rebuilt field's on_change with the value it was drawn with once a later run has changed the weight
    (an update, a training run); applied, it would put back the weight the update had moved."""
    return lambda *args: None if args[-1] == drawn else apply(*args)


def set_bias(state: ExplorerState, layer: int, i: int, value):
    what = labels.bias(layer, i, state.sizes)
    number = _number(state, value, what, "pick")
    if number is not None:
        biases = state.network.layers[layer].biases.copy()
        biases[i] = number
        state.edit(state.network.with_layer(layer, biases=biases), set_to(what, number), "pick")


def edit_layer(state: ExplorerState, layer: int, edited_rows: dict):
    """Apply a data editor's edited_rows to one layer's table (rows neurons, columns inputs + b)."""
    try:
        weights, biases = apply_layer_edits(state.network, layer, edited_rows)
    except ValueError as error:
        return state.refuse(str(error), "layers")
    table = np.column_stack([weights, biases])  # each cell named with the number read, so a lost keystroke shows
    columns = layer_columns(state.network, layer)
    cells = [f"{labels.column_labels(layer + 1, state.sizes)[int(r)]}, {c} = {shown(table[int(r), columns.index(c)])}"
             for r, changes in edited_rows.items() for c in changes]
    state.edit(state.network.with_layer(layer, weights=weights, biases=biases),
               _("{layer} updated: {cells}.").format(layer=state.network.layer_name(layer).capitalize(),
                                                     cells="; ".join(cells)), "layers")


def edit_data(state: ExplorerState, editor_state: dict):
    """Apply a data editor's edits (rows samples, columns inputs then targets)."""
    try:
        inputs, targets = apply_data_edits(state.inputs, state.targets, state.sizes, editor_state)
    except ValueError as error:
        return state.refuse(str(error), "data")
    if (problem := targets_problem(state.network.loss, targets)) is not None:
        return state.refuse(problem + ". " + _("The data is unchanged."), "data")
    state.replace_data(inputs, targets)
    state.message = Message("success", _("Data updated: {n} sample(s).").format(n=len(inputs)), "data")


def set_learning_rate(state: ExplorerState, value):
    number = _number(state, value, _("the learning rate η"), "setup", MAX_LEARNING_RATE)
    if number is None:
        return
    if number <= 0:
        return state.refuse(_("the learning rate η must be above 0 (and at most {limit}).").format(
            limit=f"{MAX_LEARNING_RATE:g}") + kept(), "setup")
    state.learning_rate = number
    state.hold_position()


def set_pick(state: ExplorerState, points):
    """A chart selection's points: the first whose customdata names a real edge (layer, i, j) or
    neuron (column, i) becomes the pick. Anything else (a tampered or stale selection) is ignored."""
    sizes = state.sizes
    for point in points if isinstance(points, list) else []:
        data = point.get("customdata") if isinstance(point, dict) else None
        if not isinstance(data, list) or not all(type(v) is int for v in data):
            continue
        if len(data) == 3 and 0 <= data[0] < len(sizes) - 1 and 0 <= data[1] < sizes[data[0] + 1] \
                and 0 <= data[2] < sizes[data[0]]:
            state.pick = Place.edge(*data)
            return
        if len(data) == 2 and 0 <= data[0] < len(sizes) and 0 <= data[1] < sizes[data[0]]:
            state.pick = Place.neuron(*data)
            return


def picked_value(state: ExplorerState) -> float | None:
    """The weight or bias the pick edits; None for no pick, or an input neuron (edited in the data table)."""
    pick = state.pick
    if pick is not None and pick.kind == "edge":
        return float(state.network.layers[pick.layer].weights[pick.i, pick.j])
    if pick is not None and pick.kind == "neuron" and pick.layer > 0:
        return float(state.network.layers[pick.layer - 1].biases[pick.i])
    return None


def pick_key(state: ExplorerState) -> str | None:
    """The pick's editor's widget key: rebuilt when the pick or its value changes. The page finds the field by it."""
    value = picked_value(state)
    return None if value is None else state.key("pick", state.pick, value)


def set_to(what: str, number: float) -> str:
    return _("{what} set to {number}.").format(what=what, number=f"{number:g}")


def _number(state: ExplorerState, value, what: str, place: str, limit: float = MAX_ABS_PARAMETER) -> float | None:
    try:
        return parse_number(value, what, limit)
    except ValueError as error:
        state.refuse(str(error), place)
        return None
