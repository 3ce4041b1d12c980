"""Run the browser's engine (static/engine/) under Node: a script reads JSON cases on stdin and writes JSON back.
Numbers JSON cannot carry (NaN, ±Infinity) travel as strings both ways."""
import json
import os
import shutil
import subprocess

import numpy as np
import pytest

from backprop import PRESETS, make_network
from backprop.fileformat import to_dict
from conftest import ROOT
from helpers import HIDDEN_ACTIVATIONS, LOSS_OUTPUTS, random_problem, targets_for
from ui.limits import EXPLORER_MAX_HIDDEN, EXPLORER_MAX_UNITS

ENGINE = ROOT / "static" / "engine"
PRELUDE = """
const engine = (name) => import(new URL(name, process.argv[1]));
const number = (key, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v);
let text = "";
for await (const chunk of process.stdin) text += chunk;
const cases = JSON.parse(text);
"""


def node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Node.js (apt-get install -y nodejs)")
        pytest.skip("Node.js is not installed")
    return found


def network_json(network) -> dict:
    """The network as the page receives it: the network file's own form."""
    return to_dict(network)


def run_node(script: str, cases: list) -> list:
    """script sees `cases` and `engine(name)` (a module of static/engine/), and writes its answer with
    process.stdout.write(JSON.stringify(answer, number))."""
    result = subprocess.run([node(), "--input-type=module", "-e", PRELUDE + script, ENGINE.as_uri() + "/"],
                            input=json.dumps(cases), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout, parse_constant=float)


def random_cases() -> list[tuple]:
    cases = []
    for k, ((loss, output), hidden) in enumerate((pair, act) for pair in LOSS_OUTPUTS for act in HIDDEN_ACTIVATIONS):
        rng = np.random.default_rng(k)
        depth, samples = 1 + k % 3, 1 + k % 8
        sizes = tuple(int(n) for n in rng.integers(1, 6, depth + 2))
        sizes = sizes[:-1] + (max(sizes[-1], 2),) if output == "softmax" else sizes
        network, x, y = random_problem(hidden, loss, output, k, sizes, samples)
        cases.append((network, x, y, float(rng.choice([0.005, 0.1, 1.0]))))
    return cases


def preset_cases() -> list[tuple]:
    return [(p.network, p.inputs, p.targets, p.learning_rate) for p in (make() for make in PRESETS.values())]


def cap_case(samples: int = 256) -> tuple:
    """The explorer's largest network: 6 hidden layers of 12, tanh, softmax and cross-entropy."""
    rng = np.random.default_rng(0)
    sizes = [EXPLORER_MAX_UNITS] * (EXPLORER_MAX_HIDDEN + 2)
    layers = [(rng.normal(0, 0.3, (n_out, n_in)), rng.normal(0, 0.1, n_out), "tanh")
              for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    cap = make_network(layers[:-1] + [(*layers[-1][:2], "softmax")], "cross_entropy")
    return cap, rng.normal(size=(samples, sizes[0])), targets_for("cross_entropy", samples, sizes[-1], rng), 0.1
