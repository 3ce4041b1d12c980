"""What the explorer accepts: the caps every action, file and link is checked against, each defined once."""
from backprop.i18n import _
from backprop.training import MAX_EPOCHS, MAX_SEED

EXPLORER_MAX_UNITS = 12   # the graph stays readable on a projector up to here
EXPLORER_MAX_HIDDEN = 6
MAX_LEARNING_RATE = 100.0
EXPLORER_MAX_FILE_BYTES = 250_000  # the largest network the explorer draws (6 × 12) writes 29 KB
MAX_GRADCHECK_PARAMETERS = 5000  # two forward passes each; beyond this the click stops being quick


def sizes_problem(sizes: list[int]) -> str | None:
    """Why the explorer cannot draw a network of these layer sizes, or None: the one place its cap is checked."""
    if len(sizes) < 2 or len(sizes) - 2 > EXPLORER_MAX_HIDDEN or not 1 <= min(sizes) <= max(sizes) <= EXPLORER_MAX_UNITS:
        return _("the explorer draws 0 to {layers} hidden layers of 1 to {units} neurons, with 1 to {units} inputs and "
                 "outputs").format(layers=EXPLORER_MAX_HIDDEN, units=EXPLORER_MAX_UNITS)
    return None
