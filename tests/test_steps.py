"""The step sequence: titles, positions, live numbers, and what each step highlights."""
import numpy as np
import pytest

from backprop import PRESETS, walkthrough
from backprop.i18n import _, speaking
from backprop.latex import matrix, number
from helpers import numbers_in
from ui.labels import EDGE_MEANINGS, NODE_MEANINGS


def seed_walk():
    preset = PRESETS["seed"]()
    return preset, walkthrough(preset.network, preset.inputs, preset.targets, preset.learning_rate)


def test_the_seed_sequence():
    _, walk = seed_walk()
    assert [s.position for s in walk.steps] == [
        "Forward 1 of 3: hidden layer 1", "Forward 2 of 3: hidden layer 2", "Forward 3 of 3: output layer",
        "Loss 1 of 1: Mean squared error",
        "Backward 1 of 3: δ of the output layer", "Backward 2 of 3: δ of hidden layer 2",
        "Backward 3 of 3: δ of hidden layer 1",
        "Update 1 of 1: w ← w − η ∂L/∂w"]


def test_equations_carry_the_live_numbers():
    _, walk = seed_walk()
    first = walk.steps[0].equations[0]
    assert r"\begin{bmatrix}0.2 & 0.8 & -0.5 & 1 \\ 0.5 & -0.91 & 0.26 & -0.5" in first
    assert first.endswith(r"\begin{bmatrix}4.8 \\ 1.21 \\ 2.385\end{bmatrix}")
    share, total = walk.steps[3].equations[1:]
    assert share.startswith(r"\ell_{1} = \big[(3.177 - 0.5)^2\big] = ") and total.startswith(r"L = \ell_{1} = ")
    assert numbers_in(share)[-1] == numbers_in(total)[-1] == pytest.approx(7.16523, abs=5e-6)
    # δ of the output = 2(ŷ − y) for MSE on one sample with identity activation
    assert np.isclose(walk.steps[4].values["δ"][0], 2 * (3.176794 - 0.5))
    assert numbers_in(walk.steps[-1].equations[-1])[0] == pytest.approx(7.16523, abs=5e-6)


def test_highlights_follow_the_step():
    preset, walk = seed_walk()
    forward_2 = walk.steps[1]
    assert set(forward_2.neurons) == {(1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2)}
    assert len(forward_2.edges) == 9 and {e[0] for e in forward_2.edges} == {1}
    hidden_1_backward = walk.steps[6]
    assert {e[0] for e in hidden_1_backward.edges} == {0, 1}
    assert len(walk.steps[-1].edges) == 12 + 9 + 3


def test_mazur_frozen_biases_are_said():
    preset = PRESETS["mazur"]()
    walk = walkthrough(preset.network, preset.inputs, preset.targets, 0.5)
    assert r"\text{biases are frozen: they keep their values}" in walk.steps[-1].equations
    assert walk.steps[3].position == "Backward 1 of 2: δ of the output layer"
    assert walk.steps[4].position == "Backward 2 of 2: δ of hidden layer 1"


def test_large_matrices_are_summarised():
    text = matrix(np.arange(100.0).reshape(10, 10))
    assert text.count(r"\\") == 5 and r"\ddots" in text and r"\cdots" in text and "99" in text
    assert number(1.23456e-9) == r"1.235 \times 10^{-9}"
    assert number(0.0) == "0" and number(float("nan")) == r"\text{nan}"


def test_the_first_backward_step_derives_the_loss_with_its_numbers():
    _, walk = seed_walk()
    first = walk.steps[4].equations[0]
    assert first.startswith(r"\frac{\partial L}{\partial \hat{y}} = \frac{2}{N K}\left(\hat{y} - y\right) = "
                            r"\frac{2}{1 \cdot 1}\left(\begin{bmatrix}3.177\end{bmatrix} - \begin{bmatrix}0.5\end{bmatrix}\right)")
    assert first.endswith(r"\begin{bmatrix}5.354\end{bmatrix}")  # 2 (3.176794 − 0.5)
    preset = PRESETS["mazur"]()
    mazur = walkthrough(preset.network, preset.inputs, preset.targets, 0.5)
    assert r"\frac{1}{N}\left(\hat{y} - y\right)" in mazur.steps[3].equations[0]


def test_every_step_says_what_it_does_in_one_sentence():
    _, walk = seed_walk()
    summaries = [step.summary for step in walk.steps]
    assert all(s and s.count(". ") <= 2 and "$" not in s for s in summaries)
    assert summaries[0].startswith("Each neuron of the hidden layer 1 adds up its inputs times their weights")
    assert "passes z on unchanged (identity)" in summaries[0]
    assert summaries[3].startswith("The mean squared error compares the output ŷ with the target y")
    assert summaries[4].startswith("Backward starts at the loss: ∂L/∂ŷ")
    assert "(Wᵀδ)" in summaries[5] and "η = 0.005" in summaries[7]
    preset = PRESETS["mazur"]()
    mazur = walkthrough(preset.network, preset.inputs, preset.targets, 0.5)
    assert "applies sigmoid" in mazur.steps[0].summary and "biases stay fixed" in mazur.steps[-1].summary


def test_the_french_and_chinese_steps_read_as_a_teacher_writes_them():
    preset = PRESETS["seed"]()
    with speaking("fr"):
        walk = walkthrough(preset.network, preset.inputs, preset.targets, preset.learning_rate)
        assert [s.position.split(" :")[0] for s in walk.steps[2:5]] == [
            "Passe avant 3 sur 3", "Perte 1 sur 1", "Passe arrière 1 sur 3"]
        assert _(NODE_MEANINGS["δ"]).startswith("les ") and _(EDGE_MEANINGS["w"]).startswith("les ")
    with speaking("zh"):
        assert _(NODE_MEANINGS["δ"]) == "误差项 δ = ∂L/∂z"  # not the English word delta
