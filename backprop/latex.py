"""Numbers, vectors and matrices as LaTeX, large ones summarised so an equation stays readable."""
import re

import numpy as np

MAX_SHOWN = 6  # rows or columns written out in full; beyond this the middle becomes dots


def number(value: float, digits: int = 4) -> str:
    """A float with `digits` significant figures, ×10^k for very large or small magnitudes."""
    value = float(value)
    if not np.isfinite(value):
        return r"\text{" + str(value) + "}"
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        return rf"{mantissa} \times 10^{{{int(exponent)}}}"
    return text


def _positions(n: int) -> list[int | None]:
    """Indices to show along one axis; None marks the elided middle."""
    if n <= MAX_SHOWN:
        return list(range(n))
    half = MAX_SHOWN // 2
    return list(range(half - 1)) + [None] + list(range(n - half, n))


def matrix(values, digits: int = 4) -> str:
    """A 2-D array as a bmatrix; a 1-D array as a column vector."""
    array = np.asarray(values, dtype=float)
    if array.ndim == 1:
        array = array[:, None]
    rows = []
    for i in _positions(array.shape[0]):
        cells = []
        for j in _positions(array.shape[1]):
            if i is None:
                cells.append(r"\ddots" if j is None else r"\vdots")
            else:
                cells.append(r"\cdots" if j is None else number(array[i, j], digits))
        rows.append(" & ".join(cells))
    return r"\begin{bmatrix}" + r" \\ ".join(rows) + r"\end{bmatrix}"


def row(values, digits: int = 4) -> str:
    """A 1-D array as a row vector (a transposed column)."""
    return matrix(np.asarray(values, dtype=float)[None, :], digits)


# roughly what fits across a classroom screen at display size, in visible characters
LINE_WIDTH = 70


def _visible_width(tex: str) -> int:
    """About how many characters wide tex displays: a matrix counts as its widest row,
    a column gap as two characters, commands and braces as nothing."""
    width = 0
    for k, block in enumerate(re.split(r"\\begin\{bmatrix\}|\\end\{bmatrix\}", tex)):
        rows = block.split(r"\\") if k % 2 else [block]
        width += max(len(re.sub(r"\\[a-zA-Z]+|[{}^_ ]", "", row).replace("&", "  ")) for row in rows)
    return width


def chain(*parts: str) -> str:
    """a = b = c on one line, or one '= …' a line when that would run off the screen."""
    if _visible_width(" = ".join(parts)) <= LINE_WIDTH:
        return " = ".join(parts)
    lines = [parts[0] + " &= " + parts[1]] + ["&= " + p for p in parts[2:]]
    return r"\begin{aligned}" + r" \\[4pt] ".join(lines) + r"\end{aligned}"
