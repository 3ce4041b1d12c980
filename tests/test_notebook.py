"""The notebook that reproduces the explorer (backprop/notebook.py), run for real: each preset's in a fresh Jupyter
kernel (nbclient, ipykernel), random networks of every activation × loss in one kernel reset between them, and the
script form as Python runs it. Every step prints the core's numbers and asserts them, the training section asserts
the curve the core's Train makes, and PyTorch's autograd agrees wherever torch is installed (the CI's torch stage)."""
import contextlib
import importlib.util
import io
import json
import warnings

import nbformat
import numpy as np
import pytest
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from backprop import PRESETS, train, walkthrough
from backprop.i18n import speaking
from backprop.notebook import Training, notebook_json, notebook_script
from backprop.stepcode import step_code
from helpers import HIDDEN_ACTIVATIONS, LOSS_OUTPUTS, random_problem

TORCH = importlib.util.find_spec("torch") is not None
AGREES = "autograd agrees with every δ and gradient above"
SKIPPED = "PyTorch is not installed, so this check is skipped. Install it with: pip install torch"
RANDOM = [(f"{hidden}-{loss}-{output}", *random_problem(hidden, loss, output, k, (2, 3, 4, 3)[:2 + k % 3] + (3,),
                                                          1 + k % 6), 0.1 if k % 2 else 0.5,
           Training(5 + k % 7, None if k % 3 == 0 else 2, k, 3 * (k % 4)))
          for k, ((loss, output), hidden) in enumerate((p, h) for p in LOSS_OUTPUTS for h in HIDDEN_ACTIVATIONS)]


def preset_problem(name: str, epochs: int = 50):
    preset = PRESETS[name]()
    return preset.network, preset.inputs, preset.targets, preset.learning_rate, Training(epochs, None, 0, 0)


def outputs(notebook) -> str:
    """What the notebook's code cells printed, in order; an error's traceback if one failed."""
    return "".join(out.get("text", "") for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs)


def expected_prints(network, x, y, rate) -> str:
    """What the pass's cells print: each step's numbers, exactly as the explorer's numpy panel prints them, and the
    loss before and after the update as its step shows them."""
    walk = walkthrough(network, x, y, rate)
    return "".join(step_code(network, walk, y, p, "rows").printed for p in range(1, len(walk.steps) + 1)) + \
        f"L: {walk.backward.loss:.6g} -> {walk.loss_after:.6g}\n"


def run_in_kernel(text: str, km: KernelManager | None = None):
    notebook = nbformat.reads(text, as_version=4)
    nbformat.validate(notebook)
    if km is not None:  # a kernel shared by many notebooks: nothing of the one before is left
        notebook.cells.insert(0, nbformat.v4.new_code_cell("%reset -f"))
    NotebookClient(notebook, timeout=300, kernel_name="python3", km=km).execute()
    return notebook


@pytest.fixture(scope="module")
def kernel():
    km = KernelManager(kernel_name="python3")
    km.start_kernel()
    yield km
    km.shutdown_kernel(now=True)


@pytest.mark.torch
@pytest.mark.parametrize("name", sorted(PRESETS))
def test_each_presets_notebook_runs_in_a_fresh_kernel_and_asserts_the_explorers_numbers(name):
    network, x, y, rate, training = preset_problem(name)
    notebook = run_in_kernel(notebook_json(network, x, y, rate, training))
    printed = outputs(notebook)
    assert printed.startswith(expected_prints(network, x, y, rate))
    assert (AGREES if TORCH else SKIPPED) in printed
    if name == "seed":
        assert "[[3.176794]]\n" in printed  # the output of the question's network


@pytest.mark.torch
@pytest.mark.parametrize("name, network, x, y, rate, training", RANDOM, ids=[r[0] for r in RANDOM])
def test_random_networks_of_every_activation_and_loss_run_in_a_kernel(kernel, name, network, x, y, rate, training):
    printed = outputs(run_in_kernel(notebook_json(network, x, y, rate, training), kernel))
    assert printed.startswith(expected_prints(network, x, y, rate))
    assert (AGREES if TORCH else SKIPPED) in printed


def run_script(text: str) -> tuple[dict, str]:
    names, out = {}, io.StringIO()
    with contextlib.redirect_stdout(out), np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        exec(compile(text, "<notebook as a script>", "exec"), names)  # noqa: S102 -- the app's own program
    return names, out.getvalue()


@pytest.mark.parametrize("name, network, x, y, rate, training", RANDOM[::7], ids=[r[0] for r in RANDOM[::7]])
def test_the_script_is_the_notebook_and_trains_as_the_explorers_train(name, network, x, y, rate, training):
    names, printed = run_script(notebook_script(network, x, y, rate, training))
    assert printed.startswith(expected_prints(network, x, y, rate))
    curve = train(network, x, y, rate, training.epochs, training.batch_size, training.seed, training.start_epoch)
    np.testing.assert_allclose(names["losses"], curve.losses, rtol=1e-12, atol=1e-15)
    cells = json.loads(notebook_json(network, x, y, rate, training))["cells"]
    assert sum(cell["cell_type"] == "code" for cell in cells) == notebook_script(network, x, y, rate, training) \
        .count("# %%\n")


def test_a_changed_weight_changes_the_notebooks_numbers_and_a_wrong_one_fails_it():
    network, x, y, rate, training = preset_problem("seed", 5)
    weights = network.layers[1].weights.copy()
    weights[0, 1] = 0.25
    edited = network.with_layer(1, weights=weights)
    text = notebook_script(edited, x, y, rate, training)
    assert "W2 = np.array([[0.1, 0.25, 0.5]," in text
    names, printed = run_script(text)
    assert printed.startswith(expected_prints(edited, x, y, rate)) and names["A3"][0, 0] != 3.176794
    tampered = text.replace("W2 = np.array([[0.1, 0.25, 0.5],", "W2 = np.array([[0.1, 0.26, 0.5],", 1)
    with pytest.raises(AssertionError):  # its numbers are no longer the explorer's, and the notebook says so
        run_script(tampered)
    bad = notebook_json(edited, x, y, rate, training).replace("[0.1, 0.25, 0.5]", "[0.1, 0.26, 0.5]", 1)
    with pytest.raises(CellExecutionError):
        run_in_kernel(bad)


def test_the_prose_is_in_the_sessions_language():
    network, x, y, rate, training = preset_problem("mazur", 3)
    with speaking("zh"):
        chinese = notebook_json(network, x, y, rate, training)
    english = notebook_json(network, x, y, rate, training)
    assert "Training, as the explorer's Train runs it" in english and "Training, as" not in chinese
    run_in_kernel(chinese)  # the same code runs, its comments and messages translated
