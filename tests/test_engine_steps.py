"""The browser's walk-through (static/engine/steps.js and latex.js) against the core's, under Node: every step's LaTeX
byte for byte, its summary (the clipped loss's sentence included), and its values to 1e-12, on random networks of
every activation × loss, every preset, the cap, every sample shown, and targets no distribution. The words travel as
the server sends them (backprop.steps.step_words), taken from another network of the same shape, so nothing the
mirror shows depends on numbers it was not given."""
import numpy as np
import pytest

from backprop import Network, make_network, walkthrough
from backprop.numbers import read_number
from backprop.steps import step_words
from engine_node import cap_case, network_json, preset_cases, random_cases, run_node
from helpers import random_problem
from test_engine import same
from ui import labels
from ui.tables import step_cells

RUN = """
const steps = await engine("steps.js");
const out = cases.map(({network, x, y, learning_rate, sample, words}) =>
  steps.walkthrough(network, x, y, learning_rate, sample, words).steps);
process.stdout.write(JSON.stringify(out, number));
"""
FORMATS = """
const latex = await engine("latex.js");
process.stdout.write(JSON.stringify(cases.map(([value, digits]) => latex.format_g(Number(value), digits))));  // as text: NaN and ±∞ too
"""


def shaken(network: Network, seed: int) -> Network:
    """The same shape with other numbers: the words the server sent before an edit or an update."""
    rng = np.random.default_rng(seed)
    return make_network([(rng.normal(size=l.weights.shape), rng.normal(size=l.biases.shape), l.activation)
                         for l in network.layers], network.loss, network.train_biases)


def run_steps(cases: list[tuple]) -> list[list[dict]]:
    payload = []
    for k, (network, x, y, rate, sample) in enumerate(cases):
        words = step_words(network, walkthrough(shaken(network, k), x, y, rate, sample))
        payload.append({"network": network_json(network), "x": x.tolist(), "y": y.tolist(), "learning_rate": rate,
                        "sample": sample, "words": words})
    return run_node(RUN, payload)


def check(case, mirrored_steps) -> None:
    network, x, y, rate, sample = case
    walk = walkthrough(network, x, y, rate, sample)
    assert len(mirrored_steps) == len(walk.steps)
    for step, mirrored in zip(walk.steps, mirrored_steps):
        assert mirrored["equations"] == list(step.equations), step.position
        assert (mirrored["summary"], mirrored["title"], mirrored["position"]) == (step.summary, step.title, step.position)
        assert [name for name, _ in mirrored["values"]] == list(step.values)
        for (name, value), expected in zip(mirrored["values"], step.values.values()):
            same(value, expected, f"{name} of {step.position}")


def with_samples(cases: list[tuple]) -> list[tuple]:
    return [(network, x, y, rate, k % len(x)) for k, (network, x, y, rate) in enumerate(cases)]


def test_the_mirror_writes_the_cores_equations_on_random_networks():
    cases = with_samples(random_cases())
    for case, mirrored in zip(cases, run_steps(cases)):
        check(case, mirrored)


def test_the_mirror_writes_the_cores_equations_on_every_preset_the_cap_and_frozen_biases():
    frozen = [(make_network([(l.weights, l.biases, l.activation) for l in n.layers], n.loss, train_biases=False), x, y, r)
              for n, x, y, r in preset_cases()[:3]]
    cases = with_samples(preset_cases() + [cap_case(8)] + frozen)
    for case, mirrored in zip(cases, run_steps(cases)):
        check(case, mirrored)


def test_the_mirror_follows_the_general_softmax_delta_and_the_clipped_loss():
    rng = np.random.default_rng(4)
    network, x, _ = random_problem("sigmoid", "cross_entropy", "softmax", 4, (3, 4, 3), 5)
    large = [c for c in preset_cases() if c[0].sizes == [2, 8, 8, 8, 8, 1]][-1]  # deep_large: clipped from the start
    cases = [(network, x, rng.uniform(-0.5, 1.5, (5, 3)), 0.1, 2), (network, x, np.full((5, 3), 0.3), 0.1, 0),
             (*large, 1)]
    mirrored = run_steps(cases)
    assert any("clipped" in s["summary"] for s in mirrored[2])  # the case means what it says
    for case, steps in zip(cases, mirrored):
        check(case, steps)


@pytest.mark.parametrize("digits", [1, 3, 4, 6, 12])
def test_pythons_float_format_is_mirrored_ties_to_even_included(digits):
    rng = np.random.default_rng(digits)
    values = [0.015625, 2.5, 3.5, 0.125, 1e-5, 123456789.0, 1.5e300, 5e-324, -0.0, 0.0, 0.1, 999999.5, 0.00012345,
              12345.5, 2.675, float("nan"), float("-inf"), float("inf"), 1e16, 9.9999995, -1234.5]
    values += list(rng.normal(size=40) * 10.0 ** rng.integers(-12, 12, 40))
    values += [k / 2 ** 10 for k in range(-40, 40)]  # exact binary fractions: the ties
    mirrored = run_node(FORMATS, [[repr(float(v)).replace("inf", "Infinity").replace("nan", "NaN"), digits] for v in values])
    assert mirrored == [format(v, f".{digits}g") for v in values]


TABLES = """
const steps = await engine("steps.js"), tables = await engine("tables.js");
const out = cases.map(({network, x, y, learning_rate, sample, words, names}) =>
  steps.walkthrough(network, x, y, learning_rate, sample, words).steps.map((step) => tables.step_cells(step, names)));
process.stdout.write(JSON.stringify(out));
"""


def test_each_steps_table_is_the_servers_cell_for_cell():
    cases = with_samples(random_cases()[::4] + preset_cases())
    payload = [{"network": network_json(n), "x": x.tolist(), "y": y.tolist(), "learning_rate": r, "sample": k,
                "words": step_words(n, walkthrough(n, x, y, r, k)),
                "names": [labels.column_labels(c, n.sizes) for c in range(len(n.sizes))]} for n, x, y, r, k in cases]
    for (network, x, y, rate, sample), mirrored in zip(cases, run_node(TABLES, payload)):
        expected = [step_cells(step, network.sizes) for step in walkthrough(network, x, y, rate, sample).steps]
        assert mirrored == expected


READS = """
const numbers = await engine("numbers.js");
process.stdout.write(JSON.stringify(cases.map((text) => numbers.read_number(text))));
"""
TYPED = ["0.5", "-2", "1e-3", "1,5", ",5", ".5", "5.", "+3", "−1.5", "１２.５", "1,500", "12,5000", "1_000", "0x1", "inf",
         "nan", "1e400", "-1e308", "", "   ", " 2 ", "\u3000７\u3000", "\xa03\xa0", "\x1c4", "1e", "e3", "--1", "1.2.3",
         "1,2,3", "٣", "1" * 40, "1" * 41, "2.5E2", "1,", "-,5", "+-1", "0.1e-0500", "999999.5", "1e6", "1000001"]


def test_the_page_reads_a_typed_number_exactly_as_the_core_does():
    """The same number where the core reads one, and nothing where the core refuses (the server then says why)."""
    expected = []
    for text in TYPED:
        try:
            expected.append(read_number(text, "w"))
        except ValueError:
            expected.append(None)
    assert run_node(READS, TYPED) == expected
    assert expected.count(None) >= 15  # the list means what it says
