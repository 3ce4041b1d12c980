"""`python -m backprop explain` end to end, as a teacher would run it."""
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from backprop import PRESETS, backward, forward, loss_of, sgd_step
from backprop.fileformat import dumps
from helpers import numbers_in, shows

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "backprop", "explain", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=60)


def test_markdown_for_the_seed_preset():
    result = run("--preset", "seed")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("# One step of backpropagation through a 4-3-3-1 network")
    for heading in ["## Forward 1 of 3: hidden layer 1", "## Loss 1 of 1", "## Backward 1 of 3: δ of the output layer",
                    "## Backward 3 of 3: δ of hidden layer 1", "## Update 1 of 1"]:
        assert heading in text
    assert shows(text, 3.176794)  # ŷ to 6 significant figures
    assert text.count("$$") % 2 == 0


def test_json_for_a_file_matches_the_core(tmp_path):
    preset = PRESETS["mazur"]()
    path = tmp_path / "mazur.json"
    path.write_text(dumps(preset.network))
    result = run(str(path), "--input", "0.05,0.10", "--target", "0.01,0.99", "--lr", "0.5", "--format", "json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    grads = backward(preset.network, forward(preset.network, preset.inputs), preset.targets)
    after = sgd_step(preset.network, grads, 0.5).network_after
    assert out["loss"] == grads.loss
    assert out["loss_after"] == loss_of(after, preset.inputs, preset.targets)
    assert round(out["loss_after"], 9) == 0.291027774
    assert out["layers"][1]["grad_weights"] == grads.layers[1].grad_weights.tolist()
    assert out["layers"][0]["weights_after"] == after.layers[0].weights.tolist()
    assert out["layers"][0]["biases_after"] == [0.35, 0.35]
    assert set(out["layers"][0]) == {"z", "a", "delta", "grad_weights", "grad_biases", "weights_after", "biases_after"}


def test_a_batch_from_a_data_file(tmp_path):
    data = tmp_path / "xor.json"
    data.write_text('{"inputs": [[0,0],[0,1],[1,0],[1,1]], "targets": [[0],[1],[1],[0]]}')
    result = run("--preset", "xor", "--data", str(data), "--format", "json")
    out = json.loads(result.stdout)
    assert len(out["layers"][0]["z"]) == 4 and len(out["output"]) == 4
    markdown = run("--preset", "xor", "--data", str(data), "--sample", "3").stdout
    assert "The batch has 4 samples. Equations show sample 3" in markdown


@pytest.mark.parametrize("args, message", [
    ([], "give either a network file or --preset"),
    (["net.json", "--preset", "seed"], "give either a network file or --preset"),
    (["--preset", "nope"], "invalid choice: 'nope'"),
    (["missing.json", "--input", "1", "--target", "1"], "cannot read missing.json: No such file or directory"),
    (["--preset", "seed", "--input", "1,2,x,4", "--target", "1"], "--input, number 3: 'x' is not a number"),
    (["--preset", "seed", "--input", "1,2,3", "--target", "1"], "--input: expected 4 value(s) per sample, got 3"),
    (["--preset", "seed", "--input", "1,2,3,nan", "--target", "1"], "--input, number 4: 'nan' is not a number"),
    (["--preset", "seed", "--input", "1,2,3,4"], "--input and --target go together"),
    (["--preset", "seed", "--lr", "-1"], "--lr must be a positive number"),
    (["--preset", "seed", "--lr", "inf"], "--lr: 'inf' is not a number"),
    (["--preset", "seed", "--lr", "1_0"], "--lr: '1_0' is not a number"),
    (["--preset", "seed", "--lr", "1,500"], "--lr: 1,500 could mean 1500 or 1.500"),
    (["--preset", "seed", "--input", "1,5, 2, 3", "--target", "1"], "commas with and without a space"),
    (["--preset", "xor", "--target", "2", "--input", "1,1"], "binary cross-entropy reads each target as a probability"),
    (["--preset", "seed", "--sample", "2"], "--sample: '2' is not a whole number from 1 to 1"),
    (["--preset", "seed", "--format", "pdf"], "invalid choice: 'pdf'"),
])
def test_bad_arguments_give_one_line_and_exit_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("backprop: error: ")
    assert message in lines[0]


def test_a_bad_network_file(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "backprop-explorer/network", "version": 1, "layers": [{"activation": "identity", "weights": [[1, NaN]], "biases": [0]}]}')
    result = run(str(path), "--input", "1,2", "--target", "1")
    assert result.returncode == 2
    assert "NaN is not a finite number" in result.stderr
    no_data = run(str(path).replace("bad", "missing"))
    assert no_data.returncode == 2


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    command = readme.split("<!-- test-command -->")[1].split("```bash\n")[1].split("\n")[0]
    assert "pytest tests" in command and "requirements-dev.txt" in command
    assert "<!-- test-command -->" in (ROOT / ".ci" / "run").read_text()


def test_a_version_2_file_brings_its_own_data_and_rate(tmp_path):
    preset = PRESETS["seed"]()
    path = tmp_path / "lesson.json"
    path.write_text(dumps(preset.network, inputs=preset.inputs, targets=preset.targets, learning_rate=0.005))
    from_file = run(str(path), "--format", "json")
    from_preset = run("--preset", "seed", "--format", "json")
    assert from_file.returncode == 0 and json.loads(from_file.stdout) == json.loads(from_preset.stdout)


def notebook(*args):
    return subprocess.run([sys.executable, "-m", "backprop", "notebook", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def test_notebook_beside_explain_writes_the_explorers_notebook_and_script(tmp_path):
    result = notebook("--preset", "seed", "--epochs", "20")
    assert result.returncode == 0, result.stderr
    cells = json.loads(result.stdout)["cells"]
    assert cells[0]["source"][0] == "# One step of backpropagation through a 4-3-3-1 network\n"
    checks = re.findall(r"np\.testing\.assert_allclose\(Z3, np\.array\(\[\[([^\]]+)\]\]\)", "".join(
        "".join(cell["source"]) for cell in cells))
    assert len(checks) == 1 and abs(float(checks[0]) - 3.176794) < 1e-12  # the output the question's network gives
    script = notebook("--preset", "mazur", "--format", "py", "--epochs", "3", "--lang", "fr")
    assert script.returncode == 0, script.stderr
    path = tmp_path / "mazur.py"
    path.write_text(script.stdout)
    ran = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, ran.stderr
    printed = numbers_in(ran.stdout)  # Mazur's out_o1 and out_o2, printed to 6 decimals
    assert any(abs(a - 0.75136507) < 5e-7 and abs(b - 0.772928465) < 5e-7 for a, b in zip(printed, printed[1:]))


@pytest.mark.parametrize("args, error", [
    (["--preset", "seed", "--epochs", "0"], "--epochs: '0' is not a whole number from 1 to 5000"),
    (["--preset", "xor", "--batch-size", "9"], "--batch-size: '9' is not a whole number from 0 to 4"),
    (["--preset", "seed", "--seed", "-1"], "--seed: '-1' is not a whole number from 0 to 2147483647"),
    (["--preset", "seed", "--format", "pdf"], "invalid choice: 'pdf'"),
])
def test_notebook_refuses_what_it_cannot_write_in_one_line(args, error):
    result = notebook(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert error in result.stderr and result.stderr.count("\n") == 1
