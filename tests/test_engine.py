"""The browser engine (ui/engine.js) against the numpy core, run under Node: every z, a, ∂L/∂a, δ, gradient, update,
loss, loss after the update, clipped flag and refusal, on random networks of every activation × loss with 1-3
hidden layers and 1-8 samples, every preset, and the explorer's cap. A change to the core the engine does not
follow fails here."""
import json
import os
import shutil
import subprocess

import numpy as np
import pytest

from backprop import PRESETS, backward, forward, loss_of, make_network, sgd_step
from backprop.losses import clipped
from backprop.training import divergence
from conftest import ROOT
from helpers import HIDDEN_ACTIVATIONS, LOSS_OUTPUTS, numbers_in, random_problem, targets_for
from ui.limits import EXPLORER_MAX_HIDDEN, EXPLORER_MAX_UNITS

ENGINE = ROOT / "ui" / "engine.js"
# Node reads the cases on stdin and writes what the engine computed; numbers JSON cannot carry travel as text
RUN = """
const engine = await import(process.argv[1]);
const number = (key, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v);
let text = "";
for await (const chunk of process.stdin) text += chunk;
const out = JSON.parse(text).map(({network, x, y, learning_rate}) => {
  const trace = engine.forward(network, x), grads = engine.backward(network, trace, y);
  const update = engine.sgd_step(network, grads, learning_rate);
  const loss_after = engine.loss_of(update.network_after, x, y);
  return {trace: trace.layers, grads, network_after: update.network_after.layers, loss_after,
          clipped: engine.clipped(network.loss, trace.output, y),
          divergence: engine.divergence(loss_after, update.network_after)};
});
process.stdout.write(JSON.stringify(out, number));
"""
TOLERANCE = 1e-12


def node() -> str:
    found = shutil.which("node") or shutil.which("nodejs")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Node.js (apt-get install -y nodejs)")
        pytest.skip("Node.js is not installed")
    return found


def run_engine(cases: list[tuple]) -> list[dict]:
    payload = [{"network": {"layers": [{"weights": l.weights.tolist(), "biases": l.biases.tolist(),
                                        "activation": l.activation} for l in network.layers],
                            "loss": network.loss, "train_biases": network.train_biases},
                "x": x.tolist(), "y": y.tolist(), "learning_rate": rate} for network, x, y, rate in cases]
    result = subprocess.run([node(), "--input-type=module", "-e", RUN, ENGINE.as_uri()], input=json.dumps(payload),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout, parse_constant=float)


def same(engine, core, what: str) -> None:
    """Equal to 1e-12 of the array's largest magnitude: entries summed to near zero carry the rounding of their
    terms, so each is held to the scale of the numbers it came from."""
    core = np.asarray(core, dtype=float)
    engine = np.asarray([float(v) if isinstance(v, str) else v for v in np.ravel(engine)], dtype=float).reshape(core.shape)
    scale = np.max(np.abs(core[np.isfinite(core)]), initial=0.0)
    assert np.array_equal(np.isfinite(engine), np.isfinite(core)), what
    finite = np.isfinite(core)
    gap = np.abs(engine[finite] - core[finite])
    assert np.all(gap <= TOLERANCE * np.maximum(np.abs(core[finite]), scale)), (what, float(np.max(gap, initial=0)))


def check(case, computed) -> None:
    network, x, y, rate = case
    with np.errstate(all="ignore"):
        trace = forward(network, x)
        grads = backward(network, trace, y)
        update = sgd_step(network, grads, rate)
        loss_after = loss_of(update.network_after, x, y)
    for l, (seen, mirrored) in enumerate(zip(trace.layers, computed["trace"])):
        same(mirrored["z"], seen.z, f"z of layer {l + 1}")
        same(mirrored["a"], seen.a, f"a of layer {l + 1}")
    same(computed["grads"]["loss"], grads.loss, "loss")
    for l, (grad, mirrored) in enumerate(zip(grads.layers, computed["grads"]["layers"])):
        for name in ("grad_a", "delta", "grad_weights", "grad_biases"):
            same(mirrored[name], getattr(grad, name), f"{name} of layer {l + 1}")
        assert mirrored["fused"] == grad.fused
    same(computed["grads"]["grad_x"], grads.grad_x, "∂L/∂x")
    for l, (after, mirrored) in enumerate(zip(update.network_after.layers, computed["network_after"])):
        same(mirrored["weights"], after.weights, f"updated weights of layer {l + 1}")
        same(mirrored["biases"], after.biases, f"updated biases of layer {l + 1}")
    same(computed["loss_after"], loss_after, "loss after the update")
    assert computed["clipped"] == clipped(network.loss, trace.output, y)
    refused = divergence(loss_after, update.network_after)
    assert (computed["divergence"] is None) == (refused is None), refused
    if refused is not None:  # the same reason: the sentence comes from the catalogue, the number from the engine
        reason = computed["divergence"]
        assert reason["why"] == ("not_finite" if "infinite" in refused else "too_large")
        if reason["why"] == "too_large":
            assert numbers_in(refused)[0] == pytest.approx(float(reason["largest"]), rel=5e-3)  # said to 3 digits


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


def test_the_engine_computes_the_cores_numbers_on_random_networks():
    cases = random_cases()
    assert len(cases) == len(LOSS_OUTPUTS) * len(HIDDEN_ACTIVATIONS) == 60
    for case, computed in zip(cases, run_engine(cases)):
        check(case, computed)


def test_the_engine_computes_the_cores_numbers_on_every_preset_and_the_cap():
    cases = [(p.network, p.inputs, p.targets, p.learning_rate) for p in (make() for make in PRESETS.values())]
    rng = np.random.default_rng(0)
    sizes = [EXPLORER_MAX_UNITS] * (EXPLORER_MAX_HIDDEN + 2)
    layers = [(rng.normal(0, 0.3, (n_out, n_in)), rng.normal(0, 0.1, n_out), "tanh")
              for n_in, n_out in zip(sizes[:-1], sizes[1:])]
    cap = make_network(layers[:-1] + [(*layers[-1][:2], "softmax")], "cross_entropy")
    cases.append((cap, rng.normal(size=(256, sizes[0])), targets_for("cross_entropy", 256, sizes[-1], rng), 0.1))
    for case, computed in zip(cases, run_engine(cases)):
        check(case, computed)


def test_the_engine_follows_the_general_softmax_delta_for_targets_that_are_no_distribution():
    """The app holds cross-entropy's targets to distributions, but the core is right for any; so is its mirror."""
    rng = np.random.default_rng(4)
    network, x, _ = random_problem("sigmoid", "cross_entropy", "softmax", 4, (3, 4, 3), 5)
    cases = [(network, x, rng.uniform(-0.5, 1.5, (5, 3)), 0.1), (network, x, np.full((5, 3), 0.3), 0.1)]
    for case, computed in zip(cases, run_engine(cases)):
        check(case, computed)


def test_the_engine_refuses_what_the_core_refuses():
    """A clipped loss, a step past ±10⁶ and a step to an infinite loss: the same flag and the same reason."""
    xor = PRESETS["xor"]()
    large = PRESETS["deep_large"]()
    cases = [(large.network, large.inputs, large.targets, 0.3),   # clipped from the start
             (xor.network, xor.inputs, xor.targets, 1e9),         # a weight past the cap
             (PRESETS["seed"]().network, PRESETS["seed"]().inputs, PRESETS["seed"]().targets, 1e300)]  # overflow
    results = run_engine(cases)
    assert results[0]["clipped"] and results[1]["divergence"]["why"] == "too_large"
    assert results[2]["divergence"] == {"why": "not_finite"}
    for case, computed in zip(cases, results):
        check(case, computed)
