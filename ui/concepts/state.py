"""Session state of the matrix-product and softmax pages: the learner's numbers, edited safely."""
from dataclasses import dataclass, field

import numpy as np

from backprop.i18n import _
from backprop.lessons import MatmulLesson, SoftmaxLesson, matmul_lesson, random_matrices, softmax_lesson

from ..cells import parse_count, parse_number, parse_numbers
from ..message import Message

MAX_SIDE = 5     # matrices a learner can still read cell by cell
MAX_SEED = 10_000
MAX_CLASSES = 10


def edit_matrix(matrix: np.ndarray, edited_rows: dict, name: str) -> np.ndarray:
    """A copy of matrix with a data editor's edits; columns are named '1', '2', …; ValueError names the cell."""
    out = matrix.copy()
    for row, changes in edited_rows.items():
        for column, value in changes.items():
            i, j = int(row), int(column) - 1
            if not (0 <= i < out.shape[0] and 0 <= j < out.shape[1]):
                raise ValueError(_("{name} has no cell ({row}, {column})").format(name=name, row=i + 1, column=column))
            out[i, j] = parse_number(value, f"{name}[{i + 1},{j + 1}]")
    return out


@dataclass
class MatmulState:
    x: np.ndarray
    w: np.ndarray
    upstream: np.ndarray
    seed: int = 0
    version: int = 0
    message: Message | None = None

    @classmethod
    def create(cls, n: int = 2, m: int = 3, p: int = 2, seed: int = 0) -> "MatmulState":
        return cls(*random_matrices(n, m, p, seed), seed=seed)

    @property
    def lesson(self) -> MatmulLesson:
        return matmul_lesson(self.x, self.w, self.upstream)

    def reshape(self, n, m, p, seed):
        try:
            n, m, p = (parse_count(k, _("Each size"), 1, MAX_SIDE) for k in (n, m, p))
            seed = parse_count(seed, _("The seed"), 0, MAX_SEED)
        except ValueError as error:
            self.message = Message("error", str(error))
        else:
            self.x, self.w, self.upstream = random_matrices(n, m, p, seed)
            self.seed = seed
        self.version += 1

    def edit(self, name: str, edited_rows: dict):
        attribute = {"X": "x", "W": "w", "G": "upstream"}[name]
        try:
            setattr(self, attribute, edit_matrix(getattr(self, attribute), edited_rows, name))
        except ValueError as error:
            self.message = Message("error", str(error))
        self.version += 1


@dataclass
class SoftmaxState:
    logits: np.ndarray = field(default_factory=lambda: np.array([1.0, 2.0, 3.0]))
    target: int = 2
    shift: float = 0.0  # added to every logit, to show overflow and its cure
    version: int = 0
    message: Message | None = None

    @property
    def lesson(self) -> SoftmaxLesson:
        return softmax_lesson(self.logits + self.shift, self.target)

    def set_logits_text(self, text: str):
        """'1, 2, 3' -> logits; between 2 and MAX_CLASSES finite numbers."""
        try:
            values = parse_numbers(text, _("Logits"), _("logit {k}"))
            if not 2 <= len(values) <= MAX_CLASSES:
                raise ValueError(_("give between 2 and {limit} logits, separated by commas").format(limit=MAX_CLASSES))
        except ValueError as error:
            self.message = Message("error", str(error)[0].upper() + str(error)[1:])
        else:
            self.logits = np.array(values)
            self.target = min(self.target, len(values) - 1)
        self.version += 1
