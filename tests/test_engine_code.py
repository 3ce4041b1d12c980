"""The browser's numpy beside each step (static/engine/code.js and arrayprint.js) against the core's, under Node: numpy's
print of an array and Python's repr of a float, byte for byte, on edge cases and random arrays; then every step's
program and what it prints, byte for byte, on the presets, random networks of every activation × loss, and the cap,
in both conventions and in another language."""
import numpy as np
import pytest

from backprop import walkthrough
from backprop.i18n import speaking
from backprop.stepcode import CONVENTIONS, setup_code, step_code
from backprop.steps import step_words
from engine_node import cap_case, network_json, preset_cases, random_cases, run_node

PRINT = """
const {array_str, py_repr} = await engine("arrayprint.js");
const read = (v) => (typeof v === "string" ? Number(v) : v);
const out = cases.map(([kind, values, precision]) => kind === "repr" ? py_repr(read(values))
  : array_str(Array.isArray(values[0]) ? values.map((row) => row.map(read)) : values.map(read), precision));
process.stdout.write(JSON.stringify(out));
"""
STEPS = """
const steps = await engine("steps.js"), code = await engine("code.js");
const out = cases.map(({network, x, y, learning_rate, words, convention}) => {
  const walk = steps.walkthrough(network, x, y, learning_rate, 0, words);
  return [code.setup_code(network, x, y, learning_rate, convention, words.code),
          walk.steps.map((_, k) => code.step_code(network, walk, y, k + 1, convention, words.code))];
});
process.stdout.write(JSON.stringify(out));
"""


def as_json(values: np.ndarray) -> list:
    """An array as the engine receives it: NaN and ±Infinity as text."""
    return [as_json(v) for v in values] if values.ndim > 1 else \
        [float(v) if np.isfinite(v) else str(float(v)).replace("inf", "Infinity").replace("nan", "NaN") for v in values]


def edge_arrays() -> list[np.ndarray]:
    ties = [0.0078125, -0.0078125, 0.5, 2.5, 0.00000762939453125, 1.0000005, 0.1234565]
    arrays = [np.array(ties), np.array([-0.0, 1.0]), np.array([-1e-9, 3.0]), np.array([0.0]), np.array([1e8, 1.5]),
              np.array([1.5e8, -2.25e-3, 0.0]), np.array([1e100, -1e-100]), np.array([np.nan, 1.0, -np.inf]),
              np.array([np.nan]), np.array([np.inf, -np.inf]), np.array([[np.nan, 2.0], [3.25, -np.inf]]),
              np.array([99999999.99999999, 0.1]), np.array([123456.7890123, -0.000001]), np.array([5e-7, -5e-7]),
              np.array([3.176794]), np.array([[4.8], [1.21], [2.385]]), np.arange(40) * 1.37 - 20,
              np.array([[1e9, 2.0], [-3.5e12, 4.0]]), np.ones((12, 12)) * 0.3333333, np.linspace(-5, 5, 1003),
              np.arange(3072.0).reshape(256, 12) / 7, np.arange(1001.0) * 1e8, np.array([2.0**60, 1.0])]
    rng = np.random.default_rng(3)
    for k in range(60):
        shape = (int(rng.integers(1, 14)),) if k % 3 == 0 else (int(rng.integers(1, 30)), int(rng.integers(1, 13)))
        scale = 10.0 ** rng.integers(-9, 11)
        values = rng.normal(size=shape) * scale
        if k % 5 == 0:
            values = np.round(values, int(rng.integers(0, 4)))
        if k % 7 == 0:
            values.flat[0] = [np.nan, np.inf, -np.inf][k % 3]
        arrays.append(values)
    return arrays


@pytest.mark.parametrize("precision", [6, 4])
def test_arrays_print_as_numpy_prints_them(precision):
    arrays = edge_arrays()
    mirrored = run_node(PRINT, [["array", as_json(a), precision] for a in arrays])
    for array, text in zip(arrays, mirrored):
        with np.printoptions(precision=precision, suppress=True):
            assert text == str(array), repr(array)


def test_floats_are_written_as_python_writes_them():
    rng = np.random.default_rng(5)
    values = [0.1, 0.1 + 0.2, 1e16, 9999999999999998.0, 1e-4, 1e-5, 0.00012345, 1.5e300, 5e-324, -2.5, 123.0, 1e22,
              2.0**53, -0.0, 0.0, float("nan"), float("inf"), -float("inf"), 0.005, 3.176794]
    values += list(rng.normal(size=100) * 10.0 ** rng.integers(-20, 20, 100))
    payload = [["repr", v if np.isfinite(v) else str(v).replace("inf", "Infinity").replace("nan", "NaN"), 0]
               for v in values]
    assert run_node(PRINT, payload) == [repr(float(v)) for v in values]


def cases() -> list[tuple]:
    return preset_cases() + random_cases() + [cap_case()]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_steps_numpy_and_print_are_the_cores_byte_for_byte(language):
    payload, expected = [], []
    with speaking(language):
        for k, (network, x, y, rate) in enumerate(cases()):
            walk = walkthrough(network, x, y, rate)
            for convention in CONVENTIONS:
                payload.append({"network": network_json(network), "x": x.tolist(), "y": y.tolist(),
                                "learning_rate": rate, "words": step_words(network, walk), "convention": convention})
                expected.append((setup_code(network, x, y, rate, convention),
                                 [step_code(network, walk, y, p, convention) for p in range(1, len(walk.steps) + 1)]))
    for (setup, steps), (mirrored_setup, mirrored_steps) in zip(expected, run_node(STEPS, payload)):
        assert mirrored_setup == setup
        assert [(s["source"], s["printed"]) for s in mirrored_steps] == [(s.source, s.printed) for s in steps]
