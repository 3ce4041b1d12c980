"""Turning what a learner typed into numbers, or into a message that names the cell."""
import numpy as np

from backprop.i18n import N_, _
from backprop.network import Network
from backprop.numbers import read_number, read_numbers, read_whole, read_whole_list
from backprop.validation import MAX_ABS_PARAMETER

from . import labels

MAX_SAMPLES = 256


def parse_number(value, what: str, limit: float = MAX_ABS_PARAMETER) -> float:
    """A finite float with |x| <= limit from a cell or input, read by backprop.numbers (the app's one
    reader), else ValueError naming `what` and saying the old value is kept."""
    return _within(_or_kept(read_number, value, what), what, limit)


def parse_numbers(text, what: str, item: str, limit: float = MAX_ABS_PARAMETER) -> list[float]:
    """Every number of a typed list (backprop.numbers gives the separators), each within ±limit; `item`
    names one, as "logit {k}"."""
    numbers = _or_kept(read_numbers, text, what, item)
    return [_within(number, item.format(k=k + 1), limit) for k, number in enumerate(numbers)]


def parse_counts(text, what: str, low: int, high: int) -> list[int]:
    """Whole numbers from low to high, typed as a list or as 4-3-3-1."""
    return _or_kept(read_whole_list, text, what, low, high)


NUMBER_HELP = N_("A number such as 0.5, -2, 1e-3 or 1,5 (a decimal comma). Press Enter to apply.")  # shown with _


def _within(number: float, what: str, limit: float) -> float:
    if not abs(number) <= limit:
        raise ValueError(_("{what}: {number} is too large (the limit is ±{limit}).").format(
            what=what, number=f"{number:g}", limit=f"{limit:g}") + kept())
    return number


def _or_kept(read, *args):
    """read(*args), where a refusal ends by saying the old value is kept."""
    try:
        return read(*args)
    except ValueError as error:
        raise ValueError(f"{error}." + kept()) from None


def kept() -> str:
    """What every refusal of a typed value ends with."""
    return " " + _("The old value is kept.")


def shown(value: float) -> str:
    """A number as a text field shows it: 12 significant digits, so what the learner sees is what is used; −0 is 0."""
    return f"{float(value) + 0.0:.12g}"


def parse_count(value, what: str, low: int, high: int) -> int:
    """A whole number from low to high, typed or given, else ValueError naming `what` and the range."""
    return _or_kept(read_whole, value, what, low, high)


def layer_columns(network: Network, layer: int) -> list[str]:
    """Column names of a layer's table: one per input neuron, then the bias."""
    return labels.column_labels(layer, network.sizes) + ["b"]


def apply_layer_edits(network: Network, layer: int, edited_rows: dict) -> tuple[np.ndarray, np.ndarray]:
    """(weights, biases) with a data editor's {row: {column: value}} applied, all or nothing."""
    weights = network.layers[layer].weights.copy()
    biases = network.layers[layer].biases.copy()
    columns, rows = layer_columns(network, layer), labels.column_labels(layer + 1, network.sizes)
    for row, changes in edited_rows.items():
        i = int(row)
        for column, value in changes.items():
            if not 0 <= i < len(rows) or column not in columns:
                raise ValueError(_("there is no cell ({row}, {column}) in this layer").format(row=row, column=column))
            what = _("{layer}, row {row}, column {column}").format(layer=network.layer_name(layer), row=rows[i],
                                                                    column=column)
            number = parse_number(value, what)
            if column == "b":
                biases[i] = number
            else:
                weights[i, columns.index(column)] = number
    return weights, biases


def data_columns(sizes: list[int]) -> list[str]:
    """Inputs x₁… then targets y (or y₁…), matching the network's first and last layers."""
    targets = ["y"] if sizes[-1] == 1 else [f"y{str(k + 1).translate(labels.SUB)}" for k in range(sizes[-1])]
    return labels.column_labels(0, sizes) + targets


def apply_data_edits(inputs: np.ndarray, targets: np.ndarray, sizes: list[int],
                     editor: dict) -> tuple[np.ndarray, np.ndarray]:
    """Apply edited, added and deleted rows of the data table, all or nothing.

    Cells of a freshly added row start at 0, since the browser adds a row before it is filled.
    """
    columns = data_columns(sizes)
    table = np.hstack([inputs, targets])
    for row, changes in editor.get("edited_rows", {}).items():
        for column, value in changes.items():
            if column not in columns or not 0 <= int(row) < len(table):
                raise ValueError(_("there is no cell ({row}, {column}) in the data").format(row=row, column=column))
            table[int(row), columns.index(column)] = parse_number(
                value, _("sample {k}, {column}").format(k=int(row) + 1, column=column))
    new_rows = []
    for k, added in enumerate(editor.get("added_rows", [])):
        cells = np.zeros(len(columns))
        for column, value in added.items():
            if column in columns and value is not None:
                cells[columns.index(column)] = parse_number(
                    value, _("new sample {k}, {column}").format(k=k + 1, column=column))
        new_rows.append(cells)
    deleted = {int(r) for r in editor.get("deleted_rows", [])}
    rows = [r for i, r in enumerate(table) if i not in deleted] + new_rows
    if not rows:
        raise ValueError(_("the data needs at least one sample. Nothing was deleted."))
    if len(rows) > MAX_SAMPLES:
        raise ValueError(_("the explorer holds at most {limit} samples.").format(limit=MAX_SAMPLES))
    table = np.array(rows)
    return table[:, :sizes[0]], table[:, sizes[0]:]
