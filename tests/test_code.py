"""The concept pages' numpy (backprop/code.py), run as shown: each program prints what the page says it prints, and
its variables are the core's own numbers."""
import contextlib
import io

import numpy as np
import pytest

from backprop.code import digits_code, digits_printed, literal, matmul_code, softmax_code
from backprop.lessons import matmul_lesson, softmax_lesson


def run(source: str) -> tuple[dict, str]:
    """The program's variables and what it printed: the test runs what the app wrote, never anything a learner typed."""
    names, out = {}, io.StringIO()
    with contextlib.redirect_stdout(out), np.errstate(divide="ignore", invalid="ignore"):
        exec(compile(source, "<page's numpy>", "exec"), names)  # noqa: S102
    return names, out.getvalue()


@pytest.mark.parametrize("n, m, p, seed", [(2, 3, 2, 0), (1, 1, 1, 3), (4, 2, 3, 7), (3, 4, 1, 11)])
def test_the_matrix_products_numpy_runs_and_prints_the_pages_gradients(n, m, p, seed):
    rng = np.random.default_rng(seed)
    lesson = matmul_lesson(rng.normal(size=(n, m)), rng.normal(size=(m, p)), rng.normal(size=(n, p)))
    code = matmul_code(lesson)
    names, out = run(code.source)
    assert out == code.printed
    assert np.allclose(names["dX"], lesson.grad_x, rtol=1e-12) and np.allclose(names["dW"], lesson.grad_w, rtol=1e-12)
    assert names["dX"].shape == (n, m) and names["dW"].shape == (m, p)
    assert f"dX = G @ W.T  # ({n}, {p}) @ ({p}, {m}) -> ({n}, {m}) = X.shape" in code.source


def test_the_numpy_follows_the_numbers_on_the_page():
    """A value edited on the page is the value in the program, to the last digit."""
    x, w, g = np.array([[0.3, -0.5, -0.9], [-1.0, 0.6, 0.8]]), np.array([[0.2, 0.5], [0.1, 0.9], [0.6, -1.0]]), \
        np.array([[0.7, -0.9], [0.5, -0.6]])
    before = matmul_code(matmul_lesson(x, w, g))
    x[1, 2] = 0.1 + 0.2  # 0.30000000000000004: written so that it reads back exactly
    after = matmul_code(matmul_lesson(x, w, g))
    assert "[-1.0, 0.6, 0.30000000000000004]" in after.source and "[-1.0, 0.6, 0.8]" in before.source
    assert run(after.source)[0]["X"][1, 2] == 0.1 + 0.2 and after.printed != before.printed
    assert literal(np.array([1.5, -0.0])) == "np.array([1.5, -0.0])"
    assert literal(np.array([np.nan, -np.inf])) == "np.array([np.nan, -np.inf])"


@pytest.mark.parametrize("z, target", [([2.0, 1.0, 0.1], 0), ([1000.0, 999.0, 0.0, -3.5], 2), ([0.3, -1.2], 1)])
def test_the_softmax_numpy_shows_the_seeds_loop_beside_the_jacobian_and_both_gradients(z, target):
    lesson = softmax_lesson(np.array(z), target)
    code = softmax_code(lesson)
    names, out = run(code.source)
    assert out == code.printed
    for name, expected in (("J", lesson.jacobian), ("loop", lesson.buggy), ("dz_chain", lesson.chained),
                           ("dz_fused", lesson.fused)):
        assert np.allclose(names[name], expected, rtol=1e-12, equal_nan=True), name
    assert np.isfinite(names["s"]).all()  # z of 1000 is no trouble, shifted
    assert not np.allclose(names["loop"], names["J"])  # the seed's loop is wrong, and the page shows where


def test_the_seeds_loop_is_right_only_by_chance_where_z_equals_s():
    """z = (0.5, 0.5) gives s = z: there the loop's z stands for s, and its numbers agree with J."""
    names, _ = run(softmax_code(softmax_lesson(np.array([0.5, 0.5]), 1)).source)
    assert np.allclose(names["s"], names["z"]) and np.allclose(names["loop"], names["J"])


def test_the_fused_gradient_states_its_condition_and_a_target_that_breaks_it_breaks_it():
    """s − y is the gradient only when y sums to 1 (STYLE.md 6): with a y summing to 2 the program's own chain rule
    gives s·Σy − y, not s − y."""
    code = softmax_code(softmax_lesson(np.array([2.0, 1.0, 0.1]), 0))
    assert "dz_fused = s - y         # fused: equal to dz_chain only when y sums to 1" in code.source
    broken = code.source.replace("y = np.array([1.0, 0.0, 0.0])", "y = np.array([1.0, 1.0, 0.0])")
    assert broken != code.source
    names, _ = run(broken)
    assert not np.allclose(names["dz_chain"], names["dz_fused"])
    assert np.allclose(names["dz_chain"], names["s"] * 2 - names["y"])


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "tanh", "sigmoid"])
def test_the_digits_training_loop_in_numpy_gives_the_pages_test_accuracy_epoch_by_epoch(activation):
    """The program trains from scratch with the page's settings and prints the test accuracy after each epoch: the
    page's own curve, trained by the core in two runs (chunks replay: the batches depend on seed and epoch only)."""
    from ui.concepts.datasets import SPLIT_SEED, TEST_FRACTION, digits
    from ui.concepts.digits_state import DigitsState
    state, data = DigitsState(hidden=12, activation=activation, learning_rate=0.3, batch_size=50, seed=4), digits()
    state.reset()
    for chunk in (2, 1):
        list(state.train_chunks(data, chunk))
    assert state.replayable
    source = digits_code(state.hidden, state.activation, state.learning_rate, state.batch_size, state.seed, state.epochs,
                         TEST_FRACTION, SPLIT_SEED)
    names, out = run(source)
    assert out == digits_printed(state.history["test_accuracy"]) and out.count("\n") == 3
    for mine, core in zip((names["W1"], names["b1"], names["W2"], names["b2"]),
                          (state.network.layers[0].weights, state.network.layers[0].biases,
                           state.network.layers[1].weights, state.network.layers[1].biases)):
        assert np.allclose(mine, core, rtol=0, atol=1e-12)


def test_the_digits_page_says_when_its_numpy_cannot_replay_the_curve():
    """Epochs trained with two learning rates: the program, with today's, would not give the curve."""
    from ui.concepts.datasets import digits
    from ui.concepts.digits_state import DigitsState
    state, data = DigitsState(hidden=4), digits()
    state.reset()
    list(state.train_chunks(data, 1))
    state.set_learning_rate("0.5")
    assert not state.replayable
    list(state.train_chunks(data, 1))
    assert not state.replayable and state.trained_with is None
    state.reset()
    list(state.train_chunks(data, 1))
    assert state.replayable
