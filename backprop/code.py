"""The numpy a learner would write for what a concept page shows, written with the page's own numbers. Each piece is
a program that runs as shown, with numpy its one import, and prints what `printed` says; tests/test_code.py runs every
one and holds its variables to the core's arrays. The comments are in the session's language.
"""
from typing import NamedTuple

import numpy as np

from .i18n import _
from .lessons import MatmulLesson, SoftmaxLesson

PRECISION = 4  # the decimals the programs print
HEADER = f"import numpy as np\n\nnp.set_printoptions(precision={PRECISION}, suppress=True)\n"


class Code(NamedTuple):
    source: str    # a program that runs as shown
    printed: str   # what it prints


def literal(values) -> str:
    """An array as the numpy that makes it; every float written as Python writes it, so it reads back exactly."""
    values = np.asarray(values, dtype=float)
    if values.ndim == 1:
        return f"np.array([{', '.join(repr(float(v)) for v in values)}])"
    rows = [f"[{', '.join(repr(float(v)) for v in row)}]" for row in values]
    return "np.array([" + (",\n" + " " * 14).join(rows) + "])"


def printed(*arrays) -> str:
    """What print() writes for each array, one after the other, under the programs' print options."""
    with np.printoptions(precision=PRECISION, suppress=True):
        return "".join(f"{array}\n" for array in arrays)


def _shape(array) -> str:
    return str(tuple(np.shape(array)))


def matmul_code(lesson: MatmulLesson) -> Code:
    """Y = X @ W and both gradients of the product, with the shapes that place each transpose."""
    x, w, g = lesson.x, lesson.w, lesson.upstream
    source = (HEADER + "\n"
              f"X = {literal(x)}  # {_shape(x)}\n"
              f"W = {literal(w)}  # {_shape(w)}\n"
              f"G = {literal(g)}  # ∂L/∂Y, {_shape(g)} = Y.shape\n\n"
              f"Y = X @ W     # {_shape(x)} @ {_shape(w)} -> {_shape(lesson.y)}\n"
              f"dX = G @ W.T  # {_shape(g)} @ {_shape(w.T)} -> {_shape(lesson.grad_x)} = X.shape\n"
              f"dW = X.T @ G  # {_shape(x.T)} @ {_shape(g)} -> {_shape(lesson.grad_w)} = W.shape\n"
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
