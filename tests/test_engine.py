"""The browser engine's pass (static/engine/trace.js) against the numpy core, run under Node: every z, a, ∂L/∂a, δ, gradient, update,
loss, loss after the update, clipped flag and refusal, on random networks of every activation × loss with 1-3
hidden layers and 1-8 samples, every preset, and the explorer's cap. A change to the core the engine does not
follow fails here."""
import numpy as np
import pytest

from backprop import PRESETS, backward, forward, loss_of, sgd_step, train
from backprop.i18n import _
from backprop.losses import clipped
from backprop.stopping import BELOW, CLASSIFIED, PLATEAU, Stop
from backprop.training import divergence
from engine_node import cap_case, network_json, preset_cases, random_cases, run_node
from helpers import HIDDEN_ACTIVATIONS, LOSS_OUTPUTS, numbers_in, random_problem

# the engine's answer for each case: every number of the pass, the flag and the refusal
RUN = """
const trace = await engine("trace.js"), training = await engine("training.js");
const out = cases.map(({network, x, y, learning_rate}) => {
  const forward = trace.forward(network, x), grads = trace.backward(network, forward, y);
  const update = trace.sgd_step(network, grads, learning_rate);
  const loss_after = trace.loss_of(update.network_after, x, y);
  return {trace: forward.layers, grads, network_after: update.network_after.layers, loss_after,
          clipped: trace.clipped(network.loss, forward.output, y),
          divergence: training.divergence(loss_after, update.network_after)};
});
process.stdout.write(JSON.stringify(out, number));
"""
TOLERANCE = 1e-12


def run_engine(cases: list[tuple]) -> list[dict]:
    return run_node(RUN, [{"network": network_json(network), "x": x.tolist(), "y": y.tolist(), "learning_rate": rate}
                          for network, x, y, rate in cases])


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


def test_the_engine_computes_the_cores_numbers_on_random_networks():
    cases = random_cases()
    assert len(cases) == len(LOSS_OUTPUTS) * len(HIDDEN_ACTIVATIONS) == 60
    for case, computed in zip(cases, run_engine(cases)):
        check(case, computed)


def test_the_engine_computes_the_cores_numbers_on_every_preset_and_the_cap():
    cases = preset_cases() + [cap_case()]
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


TRAIN = """
const training = await engine("training.js");
const out = cases.map(({network, x, y, learning_rate, epochs, batch_size, seed, start_epoch}) => {
  const result = training.train(network, x, y, learning_rate, epochs, batch_size, seed, start_epoch);
  return {losses: result.losses, diverged_at: result.diverged_at, layers: result.network.layers};
});
process.stdout.write(JSON.stringify(out, number));
"""


def test_the_engine_trains_as_the_core_does():
    """Its own training, for the explorer's Train: the losses of every epoch and the weights after, on every preset
    and random networks of every loss, full batch and mini-batch, from epoch 0 and from later epochs, and where the
    core stops at a diverging epoch, the page stops there too. The batches are the core's (numpy's shuffle,
    mirrored); a long run's rounding compounds, so the runs agree to 1e-10 of their scale."""
    cases = [(n, x, y, r, 300, None, 0, 0) for n, x, y, r in preset_cases()]
    cases += [(n, x, y, r, 60, None if k % 2 else 1 + k % 3, k, 7 * k) for k, (n, x, y, r) in enumerate(random_cases()[::6])]
    cases += [(n, x, y, r, 40, 2, 12345678901234, 3) for n, x, y, r in preset_cases()[:3]]  # a seed past 2**32
    cases.append((*preset_cases()[0][:3], 0.5, 40, None, 0, 0))  # η far too large: the seed network diverges
    cases.append((*preset_cases()[0][:3], 0.5, 40, 1, 3, 10))    # and one sample at a time, from epoch 11
    payload = [{"network": network_json(n), "x": x.tolist(), "y": y.tolist(), "learning_rate": r, "epochs": e,
                "batch_size": b, "seed": s, "start_epoch": start} for n, x, y, r, e, b, s, start in cases]
    stops = []
    for (network, x, y, rate, epochs, batch, seed, start), mirrored in zip(cases, run_node(TRAIN, payload)):
        core = train(network, x, y, rate, epochs, batch, seed, start_epoch=start)
        assert mirrored["diverged_at"] == core.diverged_at
        stops.append(core.diverged_at)
        scale = max(core.losses, default=0.0)  # a loss trained to 0 agrees to the scale it fell from
        assert np.allclose(mirrored["losses"], core.losses, rtol=1e-10, atol=1e-10 * scale)
        for layer, after in zip(mirrored["layers"], core.network.layers):
            assert np.allclose(layer["weights"], after.weights, rtol=1e-10, atol=1e-13)
            assert np.allclose(layer["biases"], after.biases, rtol=1e-10, atol=1e-13)
    assert None not in stops[-2:] and stops[-1] > 10  # the last two cases mean what they say


SHUFFLE = """
const random = await engine("random.js");
process.stdout.write(JSON.stringify(cases.map(([seed, epoch, n]) => random.default_rng([BigInt(seed), epoch]).permutation(n))));
"""


def test_the_engine_shuffles_as_numpy_does():
    """The batches' order: numpy's default_rng([seed, epoch]).permutation(n), mirrored bit for bit (SeedSequence,
    PCG64, masked rejection), for seeds past 2**32 and 2**64 (sent as text: JSON's numbers stop at 2**53) and every
    batch length the explorer allows."""
    rng = np.random.default_rng(2026)
    cases = [[int(rng.integers(0, 2**31)), int(rng.integers(1, 10**6)), n] for n in range(1, 257)]
    cases += [[2**32 + 5, 1, 17], [2**64 + 3, 2, 256], [0, 0, 1], [12345678901234567890123, 9, 100]]
    for (seed, epoch, n), order in zip(cases, run_node(SHUFFLE, [[str(s), e, n] for s, e, n in cases])):
        assert order == np.random.default_rng([seed, epoch]).permutation(n).tolist(), (seed, epoch, n)


STOPPED = """
const training = await engine("training.js"), latex = await engine("latex.js");
const out = cases.map(({network, x, y, learning_rate, epochs, batch_size, stop, run_losses, words}) => {
  const result = training.train(network, x, y, learning_rate, epochs, batch_size, 0, 0, stop, run_losses);
  const s = result.stopped;
  const said = s === null ? null : words[s.why].replace("{threshold}", s.threshold === undefined ? "" :
    latex.format_g(s.threshold, 6)).replace("{epochs}", String(s.epochs));
  return {epochs: result.losses.length, said};
});
process.stdout.write(JSON.stringify(out, number));
"""


def test_a_run_stops_where_the_core_stops_and_says_the_same():
    """Stop conditions (backprop/stopping.py) in the page's engine: a loss below a threshold, every sample classified,
    a plateau judged over a run trained in chunks; the run stops at the core's epoch, for the core's reason."""
    words = {"below": _(BELOW), "classified": _(CLASSIFIED), "plateau": _(PLATEAU)}
    xor = PRESETS["xor"]()
    seed = PRESETS["seed"]()
    network, x, y = random_problem("tanh", "cross_entropy", "softmax", 4, (3, 5, 3), 12)
    cases = [(seed.network, seed.inputs, seed.targets, seed.learning_rate, 300, None, Stop(below=1e-3), []),
             (xor.network, xor.inputs, xor.targets, xor.learning_rate, 500, None, Stop(classified=True), []),
             (network, x, y, 0.5, 400, 4, Stop(classified=True, plateau=20), []),
             (xor.network, xor.inputs, xor.targets, 0.05, 400, None, Stop(plateau=30), [0.7] * 25),
             (seed.network, seed.inputs, seed.targets, seed.learning_rate, 30, None, Stop(below=1e-30), [])]
    payload = [{"network": network_json(n), "x": xs.tolist(), "y": ys.tolist(), "learning_rate": r, "epochs": e,
                "batch_size": b, "stop": stop._asdict(), "run_losses": run, "words": words}
               for n, xs, ys, r, e, b, stop, run in cases]
    reasons = []
    for (n, xs, ys, r, e, b, stop, run), mirrored in zip(cases, run_node(STOPPED, payload)):
        core = train(n, xs, ys, r, e, b, 0, 0, stop=stop, run_losses=run)
        assert mirrored == {"epochs": len(core.losses), "said": core.stopped_because}
        reasons.append(core.stopped_because)
    assert reasons[0] == "the loss fell below 0.001" and reasons[1] == "every sample is classified right"
    assert reasons[3] == "the loss fell by less than 0.1 % in the last 30 epochs" and reasons[4] is None
