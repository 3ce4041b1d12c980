"""What a class answered to one question, as the projector shows it on reveal: how many answered, the share right, the
named mistakes with their shares, and the spread of the values as a histogram that holds the right answer."""
from typing import NamedTuple

import numpy as np


class ClassAnswer(NamedTuple):
    value: float
    right: bool
    mistake: str | None  # the known mistake a wrong answer matched (untranslated), or None


class Summary(NamedTuple):
    answered: int
    right: float                             # the share right, 0 to 1 (0 with no answer)
    mistakes: tuple[tuple[str, float], ...]  # (what went wrong, its share of the answers), the commonest first
    edges: tuple[float, ...]                 # the histogram's bin edges, len(counts) + 1
    counts: tuple[int, ...]


def summary(answers: list[ClassAnswer], expected: float, bins: int = 9) -> Summary:
    """The class's answers at a glance. The bins span every answer and the right one, so no answer falls outside."""
    n = len(answers)
    if n == 0:
        return Summary(0, 0.0, (), (), ())
    named: dict[str, int] = {}
    for answer in answers:
        if answer.mistake is not None:
            named[answer.mistake] = named.get(answer.mistake, 0) + 1
    mistakes = tuple((what, count / n) for what, count in sorted(named.items(), key=lambda item: (-item[1], item[0])))
    values = np.array([answer.value for answer in answers] + [expected], dtype=float)
    low, high = float(values.min()), float(values.max())
    if high - low < 1e-12:  # every answer the same: a bin either side of it
        low, high = low - max(abs(low), 1.0) / 2, high + max(abs(high), 1.0) / 2
    counts, edges = np.histogram(values[:-1], bins=bins, range=(low, high))
    return Summary(n, sum(answer.right for answer in answers) / n, mistakes, tuple(map(float, edges)),
                   tuple(map(int, counts)))
