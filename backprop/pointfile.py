"""A learner's own 2-D data as CSV: two numeric feature columns and a whole-number class label.

    x1,x2,label        (the header row is optional)
    0.5,-1.2,0
    1e-1,0.3,1

Read whole or refused whole: every refusal names the row and column, and nothing is guessed. Labels
may be any whole numbers; they become classes 0, 1, … in increasing order.
"""
import csv
import io

import numpy as np

from .i18n import _
from .numbers import read_number

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
MAX_CLASSES = 10
MIN_ROWS = 10  # enough to hold some out for testing
COLUMNS = ("x1", "x2", "label")


def read_points(data: bytes | str) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """(points (n, 2), classes (n,) from 0, the label each class stands for); ValueError naming the
    row and column of the first problem. Rows are counted as a spreadsheet does, from 1."""
    if len(data) > MAX_BYTES:
        raise ValueError(_("the file is {size} MB; the limit is {limit} MB").format(
            size=f"{len(data) / 1e6:.1f}", limit=f"{MAX_BYTES / 1e6:.0f}"))
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError(_("the file is not text (UTF-8)")) from None
    rows = [(number, row) for number, row in enumerate(csv.reader(io.StringIO(data)), start=1) if any(c.strip() for c in row)]
    if rows and not any(_numeric(cell) for cell in rows[0][1]):
        rows = rows[1:]  # a header: no cell of the first row is a number
    if not rows:
        raise ValueError(_("the file has no data rows"))
    if len(rows) > MAX_ROWS:
        raise ValueError(_("the file has {n} rows; the limit is {limit}").format(n=f"{len(rows):,}", limit=f"{MAX_ROWS:,}"))

    points, labels = np.empty((len(rows), 2)), np.empty(len(rows), dtype=np.int64)
    for k, (number, row) in enumerate(rows):
        if len(row) != 3:
            raise ValueError(_("row {row} has {n} columns; each row needs 3: x1, x2, label").format(row=number, n=len(row)))
        for column in range(3):
            points_or_label = _cell(row[column], number, column)
            if column < 2:
                points[k, column] = points_or_label
            else:
                labels[k] = points_or_label
    values = sorted(set(labels.tolist()))
    if len(values) < 2:
        raise ValueError(_("every row has label {label}: a classifier needs at least two classes").format(label=values[0]))
    if len(values) > MAX_CLASSES:
        raise ValueError(_("the labels name {n} classes; the limit is {limit}").format(n=len(values), limit=MAX_CLASSES))
    if len(rows) < MIN_ROWS:
        raise ValueError(_("the file has {n} data rows; a classifier needs at least {limit}, some of them held out for "
                           "testing").format(n=len(rows), limit=MIN_ROWS))
    return points, np.searchsorted(values, labels), values


def _numeric(text: str) -> bool:
    try:
        read_number(text, "")
    except ValueError:
        return False
    return True


def _cell(text: str, row: int, column: int) -> float | int:
    name, text = COLUMNS[column], text.strip()
    where = _("row {row}, column {column} ({name})").format(row=row, column=column + 1, name=name)
    if not text:
        raise ValueError(_("{where} is empty").format(where=where))
    value = read_number(text, where)
    if abs(value) > 1e6:
        raise ValueError(_("{where}: {text!r} is not a finite number within ±1e6").format(where=where, text=text))
    if column == 2:
        if value != int(value):
            raise ValueError(_("{where}: {text!r} is not a whole number").format(where=where, text=text))
        return int(value)
    return value
