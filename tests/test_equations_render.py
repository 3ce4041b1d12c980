"""Every equation a learner reads renders: KaTeX (Streamlit's own copy) accepts each one."""
import numpy as np
import pytest

from backprop import PRESETS, initialise, walkthrough
from backprop.explain import explain_markdown
from backprop.i18n import _, speaking
from catalogues import TRANSLATED, read_catalogue
from helpers import HIDDEN_ACTIVATIONS, LOSS_OUTPUTS, random_problem
from katex import katex_errors, math_in


def preset_walks():
    for name, make in PRESETS.items():
        preset = make()
        yield name, preset.network, preset.inputs, preset.targets, preset.learning_rate


def varied_walks():
    """Every activation and loss, one and several samples, one to three hidden layers."""
    for k, ((loss, output), hidden) in enumerate(zip(LOSS_OUTPUTS, HIDDEN_ACTIVATIONS * 3)):
        sizes = [(2, 3, 1), (3, 4, 3, 2), (2, 3, 3, 3, 4)][k % 3]
        network, x, y = random_problem(hidden, loss, output, seed=k, sizes=sizes, n_samples=1 + 2 * (k % 2))
        yield f"{loss}-{hidden}-{sizes}", network, x, y, 0.1
    # a network with no hidden layer, and numbers too large or small to print plainly
    network = initialise([3, 2], ["identity"], "mse", 0)
    yield "no-hidden-huge", network, np.array([[1e9, -3e-12, 0.0]]), np.array([[1e-7, 2.0]]), 5.0


def test_the_fixed_gradient_equation_renders():
    assert katex_errors([r"\delta^{(2)} a^{(1)\top}", r"\delta^{(2)}_n a^{(1)\top}_{n}"]) == []
    assert len(katex_errors([r"a^{(2)}^\top"])) == 1  # the checker sees what the page showed in red


@pytest.mark.parametrize("source", ["presets", "varied"])
def test_every_step_of_every_walk_renders(source):
    walks = preset_walks() if source == "presets" else varied_walks()
    equations, samples = [], 0
    for name, network, x, y, lr in walks:
        for sample in sorted({0, len(x) - 1}):
            samples += 1
            equations += [eq for step in walkthrough(network, x, y, lr, sample).steps for eq in step.equations]
    assert len(equations) > 20 * samples // 2
    assert katex_errors(equations) == []


def test_the_markdown_worked_example_renders():
    equations = []
    for name, network, x, y, lr in [*preset_walks(), *varied_walks()]:
        equations += math_in(explain_markdown(network, x, y, lr, sample=len(x) - 1))
    assert any(r"a^{(1)\top}" in eq for eq in equations)
    assert katex_errors(equations) == []


def test_the_playgrounds_point_pass_and_l2_terms_render():
    from ui.playground import views
    from ui.playground.state import PlaygroundState
    state = PlaygroundState.opened_with("spiral3")
    state.set_l2("1e-3")
    state.set_point(5)
    equations = [e for step in views.point_walk(state).steps for e in step.equations] + views.l2_lines(state)
    assert len(equations) > 10 and katex_errors(equations) == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_equation_renders_in_chinese_and_french(code):
    """The words inside equations are translated (\\text{…}), and every formula of a translated text survives."""
    with speaking(code):
        equations = [eq for name, network, x, y, lr in [*preset_walks(), *varied_walks()]
                     for step in walkthrough(network, x, y, lr, len(x) - 1).steps for eq in step.equations]
        preset = PRESETS["mazur"]()
        equations += math_in(explain_markdown(preset.network, preset.inputs, preset.targets, preset.learning_rate))
        frozen = next(eq for eq in equations if r"\text{" in eq)  # the update of a network whose biases are fixed
        assert "biases are frozen" not in frozen
        words = [_(word) for word in ("rule", "differences", "layer")]
        equations += [rf"\text{{{word}: }} x" for word in words] + [rf"W_\text{{{words[2]}}}^\top"]
    equations += [formula for message in read_catalogue(code) if message.id for formula in math_in(message.string)]
    assert len(equations) > 300 and katex_errors(equations) == []
