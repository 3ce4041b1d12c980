"""The browser's graph (static/engine/graph.js) against ui/explorer/views.py and figures.py, under Node: at every
position of the pass and in every show mode, with and without a pick, the traces are the server's, string for
string, and their numbers equal to 1e-12."""
import pytest

from backprop import walkthrough
from backprop.network import Place
from backprop.steps import step_words
from engine_node import cap_case, network_json, preset_cases, random_cases, run_node
from ui import labels
from ui.explorer.figures import PROJECTOR, SCREEN, graph_style, network_figure_dict
from ui.explorer.state import SHOW_MODES
from ui.explorer.views import graph_view

RUN = """
const steps = await engine("steps.js"), graph = await engine("graph.js");
const out = cases.map(({network, x, y, learning_rate, sample, words, show, pick, names, style}) => {
  const walk = steps.walkthrough(network, x, y, learning_rate, sample, words);
  return walk.steps.map((_, k) => k).concat([walk.steps.length]).map((position) => graph.network_figure_data(
    graph.graph_view(network, walk, position, show, sample, pick, true, names), style.px, names, style));
});
process.stdout.write(JSON.stringify(out, number));
"""


def names(sizes: list[int]) -> list[list[str]]:
    return [labels.column_labels(column, sizes) for column in range(len(sizes))]


def alike(mirrored, expected, where: str) -> None:
    """Strings and structure equal; numbers to 1e-12 of their size."""
    if isinstance(expected, dict):
        assert sorted(mirrored) == sorted(expected), where
        for key in expected:
            alike(mirrored[key], expected[key], f"{where}.{key}")
    elif isinstance(expected, (list, tuple)):
        assert len(mirrored) == len(expected), where
        for k, (m, e) in enumerate(zip(mirrored, expected)):
            alike(m, e, f"{where}[{k}]")
    elif isinstance(expected, float) and not isinstance(mirrored, str):
        assert mirrored == pytest.approx(expected, rel=1e-12, abs=1e-300), where
    else:
        assert mirrored == expected, where


def run_cases(cases):
    payload = []
    for network, x, y, rate, sample, show, pick, scale in cases:
        walk = walkthrough(network, x, y, rate, sample)
        payload.append({"network": network_json(network), "x": x.tolist(), "y": y.tolist(), "learning_rate": rate,
                        "sample": sample, "words": step_words(network, walk), "show": show,
                        "pick": None if pick is None else pick._asdict(), "names": names(network.sizes),
                        "style": graph_style(scale)})
    for (network, x, y, rate, sample, show, pick, scale), figures in zip(cases, run_node(RUN, payload)):
        walk = walkthrough(network, x, y, rate, sample)
        activations = [l.activation for l in network.layers]
        for position, mirrored in enumerate(figures):
            expected = network_figure_dict(graph_view(network, walk, position, show, sample, pick), activations, scale)
            alike(mirrored, expected["data"], f"{network.sizes} {show} at {position}")


def test_the_mirror_draws_the_servers_graph_in_every_show_mode():
    base = random_cases()[::5] + preset_cases()
    modes = list(SHOW_MODES)
    cases = []
    for k, (network, x, y, rate) in enumerate(base):
        pick = [None, Place.edge(0, 0, 0), Place.neuron(len(network.sizes) - 1, 0), Place.neuron(0, 0)][k % 4]
        cases.append((network, x, y, rate, k % len(x), modes[k % len(modes)], pick, PROJECTOR if k % 3 == 0 else SCREEN))
    run_cases(cases)


def test_the_mirror_draws_the_servers_graph_at_the_cap_and_with_all_modes_on_the_seed():
    seed = preset_cases()[0]
    cases = [(*seed, 0, mode, None, SCREEN) for mode in SHOW_MODES]
    cases.append((*cap_case(8), 3, "auto", Place.edge(2, 5, 7), SCREEN))
    run_cases(cases)
