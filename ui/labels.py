"""Names a learner reads: x₁ for inputs, h¹₂ for hidden neurons, ŷ for outputs."""
from functools import lru_cache

from backprop.i18n import N_, _

SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# activations by their plain names; the code's names are in each menu's help
ACTIVATIONS = {"identity": N_("Identity (none)"), "sigmoid": N_("Sigmoid (logistic)"), "tanh": N_("tanh"), "relu": N_("ReLU"),
               "leaky_relu": N_("Leaky ReLU"), "softmax": N_("Softmax")}


# losses by their plain names, for labels and chart axes; menus give the longer titles of backprop.losses
LOSS_NAMES = {"mse": N_("mean squared error"), "half_sse": N_("half squared error"),
              "cross_entropy": N_("cross-entropy"), "binary_cross_entropy": N_("binary cross-entropy")}


def loss_name(name: str) -> str:
    return _(LOSS_NAMES[name])


def loss_heading(name: str) -> str:
    """'Loss (mean squared error)': how the stepper names the pass's loss."""
    return _("Loss ({name})").format(name=loss_name(name))


# the graph's column titles name activations as the code does; the one that is an everyday word is translated
GRAPH_ACTIVATIONS = {"identity": N_("identity")}


# what the graph's numbers are, by the short titles ui/explorer/views.py gives them
NODE_MEANINGS = {"a": N_("activations a = f(z)"), "z": N_("pre-activations z = W a + b"), "δ": N_("deltas δ = ∂L/∂z")}
EDGE_MEANINGS = {"w": N_("weights w"), "∂L/∂w": N_("gradients ∂L/∂w = δ aᵀ"), "Δw": N_("updates Δw = −η ∂L/∂w")}


def sample_choice(k: int, x, y) -> str:
    """A sample in a menu: 'sample 2: x = (0.5, -1.2), y = (1)', each number to 4 significant digits."""
    def vector(values) -> str:
        return "(" + ", ".join(f"{float(v) + 0.0:.4g}" for v in values) + ")"
    return _("sample {k}").format(k=k + 1) + f": x = {vector(x)}, y = {vector(y)}"


def code_names(names) -> str:
    """A menu's help: each choice's name in code (network files, links, the CLI)."""
    return _("In code: {names}.").format(names=", ".join(f"`{name}`" for name in names))


def neuron(column: int, index: int, sizes: list[int]) -> str:
    """column 0 is the input, the last column the output; index is 0-based."""
    return _neuron(column, index, len(sizes) - 1, sizes[-1] == 1)


@lru_cache(maxsize=4096)  # every figure names every neuron: the same few hundred strings
def _neuron(column: int, index: int, output_column: int, one_output: bool) -> str:
    n = str(index + 1).translate(SUB)
    if column == 0:
        return f"x{n}"
    if column == output_column:
        return "ŷ" if one_output else f"ŷ{n}"
    return f"h{str(column).translate(SUP)}{n}"


def column_labels(column: int, sizes: list[int]) -> list[str]:
    return [neuron(column, i, sizes) for i in range(sizes[column])]


def weight(layer: int, i: int, j: int, sizes: list[int]) -> str:
    """The weight of layer `layer` (0-based) from input j into neuron i, e.g. 'w: x₂ → h¹₁'."""
    return f"w: {neuron(layer, j, sizes)} → {neuron(layer + 1, i, sizes)}"


def bias(layer: int, i: int, sizes: list[int]) -> str:
    return _("b of {neuron}").format(neuron=neuron(layer + 1, i, sizes))


def parameter(layer: int, neuron: int, source: int | None, sizes: list[int]) -> str:
    """A weight (source is its input) or, with source None, a bias."""
    return bias(layer, neuron, sizes) if source is None else weight(layer, neuron, source, sizes)


PRESETS = {"seed": N_("Seed 4-3-3-1 (identity, MSE)"), "mazur": N_("Mazur's 2-2-2 (sigmoid)"), "xor": N_("XOR 2-3-1 (tanh, sigmoid)"),
           "deep_sigmoid": N_("Deep sigmoid 2-8-8-8-8-1 (vanishing gradients)"),
           "deep_relu": N_("Deep ReLU 2-8-8-8-8-1 (He weights)"),
           "deep_large": N_("Deep ReLU, weights ×3 (exploding gradients)")}


def network_summary(sizes: list[int], activations: list[str], loss: str) -> str:
    """'3-4-2 (sigmoid, softmax), cross-entropy': a network as the Preset menu's captions read it."""
    names = ", ".join(dict.fromkeys(_(ACTIVATIONS[a]) for a in activations))
    return "-".join(map(str, sizes)) + f" ({names}), " + loss_name(loss)


# the playground's datasets and input features by their plain names
DATASETS = {"circle": N_("Circle"), "xor": N_("XOR"), "gaussians": N_("Two gaussians"), "spiral": N_("Spiral (2 classes)"),
            "spiral3": N_("Spiral (3 classes)"), "own": N_("Your data (uploaded CSV)")}
FEATURES = {"x1": "x₁", "x2": "x₂", "x1^2": "x₁²", "x2^2": "x₂²", "x1x2": "x₁x₂", "sin_x1": "sin x₁", "sin_x2": "sin x₂"}
