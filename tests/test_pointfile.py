"""A learner's own CSV: what is read, and every refusal, each naming its row and column."""
import numpy as np
import pytest

from backprop.pointfile import MAX_BYTES, MAX_ROWS, read_points


def test_a_file_with_a_header_and_any_whole_labels():
    more = b"".join(b"%d,%d,7\r\n" % (k, k) for k in range(7))
    points, classes, names = read_points(b"x1,x2,label\r\n0.5,-1,3\r\n1e-1,2.5E1,7\r\n,,\r\n-3,.5,3\r\n" + more)
    assert points.tolist()[:3] == [[0.5, -1.0], [0.1, 25.0], [-3.0, 0.5]] and len(points) == 10
    assert classes.tolist()[:4] == [0, 1, 0, 1] and names == [3, 7]


def test_a_file_without_a_header_and_a_bom():
    points, classes, names = read_points(("\ufeff" + "".join(f"{k},2,{k % 2}\n" for k in range(10))).encode("utf-8"))
    assert points.shape == (10, 2) and names == [0, 1]


@pytest.mark.parametrize("text, reason", [
    (b"", "no data rows"),
    (b"x1,x2,label\n", "no data rows"),
    (b"1,2,0\n1,2\n", "row 2 has 2 columns; each row needs 3"),
    (b"1,2,0\n1,2,1,4\n", "row 2 has 4 columns"),
    (b"1,2,0\nred,2,1\n", "row 2, column 1 (x1): 'red' is not a number"),
    (b"1,2,0\n1,nan,1\n", "row 2, column 2 (x2): 'nan' is not a number"),
    (b"1,2,0\n1,inf,1\n", "row 2, column 2 (x2): 'inf' is not a number"),
    (b"1,2,0\n1,,1\n", "row 2, column 2 (x2) is empty"),
    (b"1,2,0\n1,2,\n", "row 2, column 3 (label) is empty"),
    (b"1,2,0\n1,1_000,1\n", "'1_000' is not a number"),
    (b"1,2,0\n1,0x10,1\n", "'0x10' is not a number"),
    (b"1,2,0\n1,1e400,1\n", "1e400 is too large to compute with"),
    (b"1,2,0\n1,2,0.5\n", "row 2, column 3 (label): '0.5' is not a whole number"),
    (b"1,2,cat\n3,4,dog\n", "row 1, column 3 (label): 'cat' is not a number"),
    (b"1,2,0\n3,4,0\n", "every row has label 0: a classifier needs at least two classes"),
    (b"1,2,0\n3,4,1\n", "the file has 2 data rows; a classifier needs at least 10"),
    ("".join(f"{k},{k},{k}\n" for k in range(11)).encode(), "the labels name 11 classes; the limit is 10"),
    (b"\xff\xfe\x00", "not text (UTF-8)"),
])
def test_every_refusal_names_what_is_wrong(text, reason):
    with pytest.raises(ValueError) as error:
        read_points(text)
    assert reason in str(error.value)


def test_the_size_caps_are_checked_first():
    with pytest.raises(ValueError, match="the limit is 5 MB"):
        read_points(b"1" * (MAX_BYTES + 1))
    rows = "".join(f"{k % 7},{k % 5},{k % 2}\n" for k in range(MAX_ROWS + 1)).encode()
    with pytest.raises(ValueError, match="10,001 rows; the limit is 10,000"):
        read_points(rows)
    points, classes, _ = read_points(rows[:rows.rindex(b"\n", 0, len(rows) - 1) + 1])
    assert len(points) == MAX_ROWS and np.bincount(classes).tolist() == [5000, 5000]
