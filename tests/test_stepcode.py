"""The explorer's numpy beside each step (backprop/stepcode.py), run as shown: the setup, then every step in order,
each printing what the page says it prints, its arrays the core's own, in both conventions."""
import contextlib
import io

import numpy as np
import pytest

from backprop import PRESETS
from backprop.i18n import speaking
from backprop.stepcode import CONVENTIONS, code_words, oriented, setup_code, step_code
from backprop.steps import walkthrough
from helpers import HIDDEN_ACTIVATIONS, LOSS_OUTPUTS, random_problem
from test_code import run

PROBLEMS = [(name, *(lambda p: (p.network, p.inputs, p.targets, p.learning_rate))(PRESETS[name]()))
            for name in sorted(PRESETS)]
PROBLEMS += [(f"{hidden}-{loss}", *random_problem(hidden, loss, output, k, (3, 4, 3, 2) if k % 2 else (2, 3, 2),
                                                   1 + k % 5), 0.1)
             for k, ((loss, output), hidden) in enumerate((p, h) for p in LOSS_OUTPUTS for h in HIDDEN_ACTIVATIONS)
             if k % 3 == 0 or loss in ("cross_entropy", "binary_cross_entropy")]


def pass_in_numpy(network, x, y, rate, convention):
    """Runs the setup and each step after the one before, as a notebook would; yields (step, code, names, printed)."""
    walk = walkthrough(network, x, y, rate)
    names, out = run(setup_code(network, x, y, rate, convention))
    assert out == ""
    for position in range(1, len(walk.steps) + 1):
        code = step_code(network, walk, y, position, convention)
        source = "\n".join(line for line in code.source.splitlines() if not line.startswith("print("))
        exec(compile(source, "<step>", "exec"), names)  # noqa: S102 -- the app's own program, never a learner's
        yield walk, position, code, names, run_after(names, code.source)


def run_after(names: dict, source: str) -> str:
    """What the step's prints write, with the step's arrays as they stand."""
    prints = "\n".join(line for line in source.splitlines() if line.startswith("print("))
    return run_with(names, prints)


def run_with(names: dict, source: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(source, "<prints>", "exec"), dict(names))  # noqa: S102
    return out.getvalue()


@pytest.mark.parametrize("convention", CONVENTIONS)
@pytest.mark.parametrize("name, network, x, y, rate", PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_every_step_runs_and_prints_the_steps_own_numbers(name, network, x, y, rate, convention):
    for walk, position, code, names, printed in pass_in_numpy(network, x, y, rate, convention):
        assert printed == code.printed, (position, code.source)
        last = len(network.layers)
        if position <= last:
            seen = walk.forward.layers[position - 1]
            for kind, value in (("Z", seen.z), ("A", seen.a)):
                found = names[kind + str(position) if convention == "rows" else kind.lower() + str(position)]
                np.testing.assert_allclose(found, oriented(convention, value), rtol=1e-12, atol=1e-15)
        elif position == last + 1:
            assert abs(names["L"] - walk.backward.loss) <= 1e-12 * abs(walk.backward.loss)
        elif position <= 2 * last + 1:
            l = 2 * last + 2 - position
            grad = walk.backward.layers[l - 1]
            np.testing.assert_allclose(names[f"delta{l}"], oriented(convention, grad.delta), rtol=1e-12, atol=1e-15)
            np.testing.assert_allclose(names[f"dW{l}"], grad.grad_weights, rtol=1e-12, atol=1e-15)
            np.testing.assert_allclose(names[f"db{l}"], oriented(convention, grad.grad_biases), rtol=1e-12, atol=1e-15)
        else:
            for l, after in enumerate(walk.update.network_after.layers, 1):
                np.testing.assert_allclose(names[f"W{l}"], after.weights, rtol=1e-12, atol=1e-15)
                np.testing.assert_allclose(names[f"b{l}"], oriented(convention, after.biases), rtol=1e-12, atol=1e-15)


def test_the_seed_prints_its_output_as_the_question_does():
    seed = PRESETS["seed"]()
    walk = walkthrough(seed.network, seed.inputs, seed.targets, seed.learning_rate)
    assert step_code(seed.network, walk, seed.targets, 3, "rows").printed == "[[3.176794]]\n[[3.176794]]\n"
    columns = step_code(seed.network, walk, seed.targets, 1, "columns")
    assert columns.source.startswith("z1 = W1 @ x + b1  # (3, 4) @ (4, 1) + (3, 1) -> (3, 1)\n")
    assert columns.printed.startswith("[[4.8  ]\n [1.21 ]\n [2.385]]\n")
    backward = step_code(seed.network, walk, seed.targets, 6, "rows").source
    assert "dA2 = delta3 @ W3  # (1, 1) @ (1, 3) -> (1, 3)" in backward
    assert "dW2 = delta2.T @ A1  # (3, 1) @ (1, 3) -> (3, 3) = W2.shape" in backward


def test_a_changed_weight_is_the_programs_weight_and_its_numbers_follow():
    seed = PRESETS["seed"]()
    weights = seed.network.layers[0].weights.copy()
    weights[1, 2] = 0.1 + 0.2  # 0.30000000000000004: written so that it reads back exactly
    network = seed.network.with_layer(0, weights=weights)
    setup = setup_code(network, seed.inputs, seed.targets, seed.learning_rate, "rows")
    assert "[0.5, -0.91, 0.30000000000000004, -0.5]" in setup
    before = walkthrough(seed.network, seed.inputs, seed.targets, seed.learning_rate)
    after = walkthrough(network, seed.inputs, seed.targets, seed.learning_rate)
    assert step_code(network, after, seed.targets, 1, "rows").printed != \
        step_code(seed.network, before, seed.targets, 1, "rows").printed


def test_the_fused_softmax_states_its_condition_and_holds_where_targets_do_not_sum_to_one():
    """The core's fused δ is (p Σy − y)/N; the program writes that form, so it is right for any targets."""
    network, x, y = random_problem("tanh", "cross_entropy", "softmax", 3, (2, 3, 3), 2)
    y = np.array([[0.2, 0.2, 0.2], [0.0, 1.5, 0.0]])  # rows summing to 0.6 and 1.5
    walk = walkthrough(network, x, y, 0.1)
    code = step_code(network, walk, y, 4, "rows")
    assert "(A2 * Y.sum(axis=1, keepdims=True) - Y) / N" in code.source
    assert "(p − y)/N when each sample's targets sum to 1" in code.source
    for _walk, position, code, names, printed in pass_in_numpy(network, x, y, 0.1, "rows"):
        assert printed == code.printed
    assert not np.allclose((names["A2"] - y) / 2, walk.backward.layers[-1].delta)  # the short form would be wrong


def test_the_programs_comments_are_in_the_sessions_language():
    seed = PRESETS["seed"]()
    with speaking("fr"):
        words = code_words()
        setup = setup_code(seed.network, seed.inputs, seed.targets, seed.learning_rate, "rows")
    assert words["rate"] != "the learning rate η" and words["rate"] in setup
