"""Names a learner reads: x₁ for inputs, h¹₂ for hidden neurons, ŷ for outputs."""
SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# activations by their plain names; the code's names are in each menu's help
ACTIVATIONS = {"identity": "Identity (none)", "sigmoid": "Sigmoid (logistic)", "tanh": "tanh", "relu": "ReLU",
               "leaky_relu": "Leaky ReLU", "softmax": "Softmax"}


# what the graph's numbers are, by the short titles ui/views.py gives them
NODE_MEANINGS = {"a": "activations a = f(z)", "z": "pre-activations z = W a + b", "δ": "deltas δ = ∂L/∂z"}
EDGE_MEANINGS = {"w": "weights w", "∂L/∂w": "gradients ∂L/∂w = δ aᵀ", "Δw": "updates Δw = −η ∂L/∂w"}


def code_names(names) -> str:
    """A menu's help: each choice's name in code (network files, links, the CLI)."""
    return "In code: " + ", ".join(f"`{name}`" for name in names) + "."


def neuron(column: int, index: int, sizes: list[int]) -> str:
    """column 0 is the input, the last column the output; index is 0-based."""
    n = str(index + 1).translate(SUB)
    if column == 0:
        return f"x{n}"
    if column == len(sizes) - 1:
        return "ŷ" if sizes[-1] == 1 else f"ŷ{n}"
    return f"h{str(column).translate(SUP)}{n}"


def column_labels(column: int, sizes: list[int]) -> list[str]:
    return [neuron(column, i, sizes) for i in range(sizes[column])]


def weight(layer: int, i: int, j: int, sizes: list[int]) -> str:
    """The weight of layer `layer` (0-based) from input j into neuron i, e.g. 'w: x₂ → h¹₁'."""
    return f"w: {neuron(layer, j, sizes)} → {neuron(layer + 1, i, sizes)}"


def bias(layer: int, i: int, sizes: list[int]) -> str:
    return f"b of {neuron(layer + 1, i, sizes)}"
