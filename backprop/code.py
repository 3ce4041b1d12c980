"""The numpy a learner would write for what a concept page shows, written with the page's own numbers. Each piece is
a program that runs as shown (numpy its one import, and scikit-learn's bundled digits for the digits) and prints what
the page says it prints; tests/test_code.py runs every one and holds its variables to the core's arrays. The comments
are in the session's language.
"""
from typing import NamedTuple

import numpy as np

from .activations import LEAKY_SLOPE, RECTIFIED
from .i18n import _
from .lessons import MatmulLesson, SoftmaxLesson

PRECISION = 4  # the decimals the programs print
HEADER = f"import numpy as np\n\nnp.set_printoptions(precision={PRECISION}, suppress=True)\n"


class Code(NamedTuple):
    source: str    # a program that runs as shown
    printed: str   # what it prints


def literal(values, indent: int = 14) -> str:
    """An array as the numpy that makes it; every float written as Python writes it, so it reads back exactly. A matrix
    has a row to a line, each lined up under the first when the literal starts `indent` characters into its line
    (14 after `X = np.array([`)."""
    values = np.asarray(values, dtype=float)
    if values.ndim == 1:
        return f"np.array([{', '.join(map(_float, values.tolist()))}])"
    rows = [f"[{', '.join(map(_float, row))}]" for row in values.tolist()]
    return "np.array([" + (",\n" + " " * indent).join(rows) + "])"


def assignment(name: str, values, comment: str) -> str:
    """`name = np.array(...)  # comment`, its rows lined up."""
    return f"{name} = {literal(values, len(name) + 13)}  # {comment}"


def _float(value: float) -> str:
    if value == value and abs(value) != float("inf"):
        return repr(value)
    return "np.nan" if value != value else ("np.inf" if value > 0 else "-np.inf")


def printed(*arrays, precision: int = PRECISION) -> str:
    """What print() writes for each array, one after the other, under the programs' print options."""
    with np.printoptions(precision=precision, suppress=True):
        return "".join(f"{array}\n" for array in arrays)


def shape(array) -> str:
    return str(tuple(np.shape(array)))


def matmul_code(lesson: MatmulLesson) -> Code:
    """Y = X @ W and both gradients of the product, with the shapes that place each transpose."""
    x, w, g = lesson.x, lesson.w, lesson.upstream
    source = (HEADER + "\n"
              f"X = {literal(x)}  # {shape(x)}\n"
              f"W = {literal(w)}  # {shape(w)}\n"
              f"G = {literal(g)}  # ∂L/∂Y, {shape(g)} = Y.shape\n\n"
              f"Y = X @ W     # {shape(x)} @ {shape(w)} -> {shape(lesson.y)}\n"
              f"dX = G @ W.T  # {shape(g)} @ {shape(w.T)} -> {shape(lesson.grad_x)} = X.shape\n"
              f"dW = X.T @ G  # {shape(x.T)} @ {shape(g)} -> {shape(lesson.grad_w)} = W.shape\n"
              "print(dX)\nprint(dW)\n")
    return Code(source, printed(lesson.grad_x, lesson.grad_w))


def softmax_code(lesson: SoftmaxLesson) -> Code:
    """The seed's loop, which uses the input z where the output s belongs, beside the Jacobian written whole and the
    gradient of the cross-entropy both ways: through the Jacobian, and fused as s − y, whose condition it states."""
    k = len(lesson.z)
    source = (HEADER + "\n"
              f"z = {literal(lesson.z)}  # ({k},)\n"
              "s = np.exp(z - z.max())  # " + _("softmax, shifted by max(z) so that exp cannot overflow") + "\n"
              "s /= s.sum()\n\n"
              "# " + _("the loop as the seed wrote it: z where s belongs") + "\n"
              f"loop = np.zeros(({k}, {k}))\n"
              f"for i in range({k}):\n"
              f"    for j in range({k}):\n"
              "        if i == j:\n"
              "            loop[i, j] = s[i] * (1 - z[i])\n"
              "        else:\n"
              "            loop[i, j] = -s[i] * z[j]\n\n"
              f"J = np.diag(s) - np.outer(s, s)  # ∂s_i/∂z_j = s_i (δ_ij − s_j), ({k}, {k})\n\n"
              f"y = {literal(lesson.target)}  # " + _("one-hot: it sums to 1") + "\n"
              "dL_ds = -y / s           # L = −Σ y log s\n"
              "dz_chain = J.T @ dL_ds   # " + _("through the Jacobian") + "\n"
              "dz_fused = s - y         # " + _("fused: equal to dz_chain only when y sums to 1") + "\n"
              "print(J)\nprint(loop)\nprint(dz_chain)\nprint(dz_fused)\n")
    return Code(source, printed(lesson.jacobian, lesson.buggy, lesson.chained, lesson.fused))


# each hidden activation and its derivative as the core computes them, so the program's numbers are the page's
ACTIVATION_CODE = {
    "relu": ("np.maximum(z, 0.0)", "z > 0"),
    "leaky_relu": (f"np.where(z > 0, z, {LEAKY_SLOPE!r} * z)", f"np.where(z > 0, 1.0, {LEAKY_SLOPE!r})"),
    "tanh": ("np.tanh(z)", "1.0 - a * a"),
    "sigmoid": ("np.where(z >= 0, 1.0 / (1.0 + np.exp(-np.abs(z))), np.exp(-np.abs(z)) / (1.0 + np.exp(-np.abs(z))))",
                "a * (1.0 - a)"),
}


def digits_code(hidden: int, activation: str, learning_rate: float, batch_size: int, seed: int, epochs: int,
                test_fraction: float, split_seed: int) -> str:
    """The digits page's training as a numpy program: the same split, the same first weights (He scaling for a ReLU,
    Xavier otherwise), the same batches epoch by epoch, and the test accuracy after each epoch, as the curves show."""
    f, slope = ACTIVATION_CODE[activation]
    scale = "np.sqrt(2.0 / 64)" if activation in RECTIFIED else f"np.sqrt(2.0 / (64 + {hidden}))"
    return (
        "import numpy as np\nfrom sklearn.datasets import load_digits\n\n"
        "digits = load_digits()\n"
        "x, labels = digits.data / 16.0, digits.target  # (1797, 64), (1797,)\n"
        f"order = np.random.default_rng({split_seed}).permutation(len(x))\n"
        f"n_test = int(round(len(x) * {test_fraction!r}))\n"
        "train, test = np.sort(order[n_test:]), np.sort(order[:n_test])\n"
        "Y = np.eye(10)[labels]  # " + _("one-hot") + ", (1797, 10)\n"
        "X_train, Y_train, X_test, labels_test = x[train], Y[train], x[test], labels[test]\n\n"
        f"rng = np.random.default_rng({seed})\n"
        f"W1 = rng.normal(0.0, {scale}, ({hidden}, 64))  # (n_out, n_in)\n"
        f"W2 = rng.normal(0.0, np.sqrt(2.0 / ({hidden} + 10)), (10, {hidden}))\n"
        f"b1, b2 = np.zeros({hidden}), np.zeros(10)\n"
        f"eta, batch = {float(learning_rate)!r}, {batch_size}\n\n\n"
        "def forward(X):\n"
        "    z = X @ W1.T + b1  # (n, 64) @ (64, " f"{hidden}) -> (n, {hidden})\n"
        f"    a = {f}\n"
        "    z2 = a @ W2.T + b2  # (n, " f"{hidden}) @ ({hidden}, 10) -> (n, 10)\n"
        "    p = np.exp(z2 - z2.max(axis=1, keepdims=True))\n"
        "    return z, a, p / p.sum(axis=1, keepdims=True)\n\n\n"
        f"for epoch in range(1, {epochs} + 1):\n"
        f"    order = np.random.default_rng([{seed}, epoch]).permutation(len(X_train))\n"
        "    for start in range(0, len(X_train), batch):\n"
        "        i = order[start:start + batch]\n"
        "        z, a, p = forward(X_train[i])\n"
        "        delta2 = (p - Y_train[i]) / len(i)  # " + _("softmax with cross-entropy: each row of Y sums to 1") + "\n"
        f"        delta1 = (delta2 @ W2) * ({slope})  # (n, 10) @ (10, {hidden}) -> (n, {hidden})\n"
        "        W2 -= eta * (delta2.T @ a)\n"
        "        b2 -= eta * delta2.sum(axis=0)\n"
        "        W1 -= eta * (delta1.T @ X_train[i])\n"
        "        b1 -= eta * delta1.sum(axis=0)\n"
        "    p = forward(X_test)[2]\n"
        "    print(f\"{epoch:3d}  {np.mean(p.argmax(axis=1) == labels_test):.1%}\")\n")


def digits_printed(test_accuracies) -> str:
    """What digits_code prints for a run with these test accuracies, one per epoch."""
    return "".join(f"{epoch:3d}  {accuracy:.1%}\n" for epoch, accuracy in enumerate(test_accuracies, 1))
