"""The concept pages' numbers: the rules hold, the seed's Jacobian does not."""
import numpy as np
import pytest

from backprop.lessons import buggy_softmax_jacobian, matmul_lesson, random_matrices, softmax_lesson


@pytest.mark.parametrize("shape", [(1, 3, 1), (2, 3, 4), (5, 1, 2), (4, 4, 4)])
def test_matrix_product_rule_holds_for_every_shape(shape):
    lesson = matmul_lesson(*random_matrices(*shape, seed=3))
    n, m, p = shape
    assert lesson.grad_x.shape == (n, m) and lesson.grad_w.shape == (m, p) and lesson.y.shape == (n, p)
    assert max(lesson.errors) < 1e-7
    # each entry is the sum it claims to be
    assert np.isclose(lesson.grad_x[0, 0], sum(lesson.upstream[0, k] * lesson.w[0, k] for k in range(p)))


def test_random_matrices_are_seeded_and_one_decimal():
    first, again = random_matrices(2, 3, 4, 9), random_matrices(2, 3, 4, 9)
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert all(np.array_equal(np.round(a, 1), a) for a in first)


def test_the_seed_jacobian_is_wrong_and_the_right_one_is_right():
    lesson = softmax_lesson(np.array([1.0, 2.0, 3.0]), 2)
    correct, buggy = lesson.errors
    assert correct < 1e-7 and buggy > 0.5
    assert np.isclose(lesson.buggy[0, 0], lesson.s[0] * (1 - 1.0))
    assert np.isclose(lesson.buggy[0, 1], -lesson.s[0] * 2.0)


def test_cross_entropy_through_the_jacobian_is_p_minus_y():
    lesson = softmax_lesson(np.array([0.5, -1.0, 2.0, 0.0]), 1)
    np.testing.assert_allclose(lesson.chained, lesson.fused, atol=1e-12)
    assert np.array_equal(lesson.fused, lesson.s - np.eye(4)[1])


def test_large_logits():
    lesson = softmax_lesson(np.array([1000.0, 1001.0, 1002.0]), 0)
    assert np.isnan(lesson.naive).all() and np.isfinite(lesson.s).all()
    assert round(lesson.s[2], 8) == 0.66524096


def test_buggy_jacobian_shape():
    assert buggy_softmax_jacobian(np.zeros(5)).shape == (5, 5)


def test_dot_case_and_layer_view():
    from backprop.lessons import as_layer, dot_case
    lesson = matmul_lesson(*random_matrices(3, 4, 2, seed=1))
    dot = dot_case(lesson)
    assert np.isclose(dot.y, lesson.y[0, 0])
    # the scalar gradients are G[1,1]'s share of the matrix ones
    np.testing.assert_allclose(dot.grad_w, lesson.upstream[0, 0] * lesson.x[0])
    grad_x, grad_weights, agrees = as_layer(lesson)
    assert agrees and grad_weights.shape == (2, 4)
