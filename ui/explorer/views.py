"""What the graph shows at a given point of the walk-through: pure data, no drawing.

A value appears only once the pass has computed it, so stepping forward fills the graph
in from the left and stepping backward fills the deltas in from the right.
"""
from dataclasses import dataclass
from itertools import product

import numpy as np

from backprop.network import Network, Place
from backprop.steps import Walkthrough

from backprop.i18n import _

from .. import labels

NODE_TITLES = {"a": "a", "z": "z", "delta": "δ", "grad": "δ", "update": "δ"}
AUTO_SHOW = {"forward": "a", "loss": "a", "backward": "grad", "update": "update"}
EDGE_TITLES = {"a": "w", "z": "w", "delta": "w", "grad": "∂L/∂w", "update": "Δw"}


@dataclass(frozen=True)
class GraphView:
    sizes: list[int]
    node_values: list[np.ndarray | None]   # per column, None until computed
    edge_values: list[np.ndarray | None]   # per layer (n_out, n_in), None until computed
    node_title: str
    edge_title: str
    node_hover: list[list[str]]            # per column, per neuron
    edge_hover: list[np.ndarray]           # per layer, (n_out, n_in) strings
    highlight_neurons: frozenset | None    # None: nothing dimmed
    highlight_edges: frozenset | None
    pick: Place | None


def progress(n_layers: int, position: int) -> tuple[int, int]:
    """(layers through forward, layers through backward) after `position` steps."""
    return min(position, n_layers), max(0, min(position - n_layers - 1, n_layers))


def _fmt(value: float) -> str:
    return f"{value:.6g}"


def _node_hover(network, walk, sample, forward_done, backward_done) -> list[list[str]]:
    sizes, L = network.sizes, len(network.layers)
    hover = [[f"{labels.neuron(0, j, sizes)} = {_fmt(walk.forward.x[sample, j])} (input)" for j in range(sizes[0])]]
    for l in range(L):
        column = []
        for i in range(sizes[l + 1]):
            parts = [labels.neuron(l + 1, i, sizes), f"b = {_fmt(network.layers[l].biases[i])}"]
            if l < forward_done:
                parts += [f"z = {_fmt(walk.forward.layers[l].z[sample, i])}",
                          f"a = {_fmt(walk.forward.layers[l].a[sample, i])}"]
            if l >= L - backward_done:
                grads = walk.backward.layers[l]
                parts += [f"δ = ∂L/∂z = {_fmt(grads.delta[sample, i])}", f"∂L/∂b = {_fmt(grads.grad_biases[i])}"]
            column.append("<br>".join(parts))
        hover.append(column)
    return hover


def _edge_hover(network, walk, backward_done, updates_known=True) -> list[np.ndarray]:
    sizes, L, out = network.sizes, len(network.layers), []
    for l, layer in enumerate(network.layers):
        text = np.empty(layer.weights.shape, dtype=object)
        for i, j in product(*map(range, layer.weights.shape)):  # np.ndindex costs more than the loop
            parts = [labels.weight(l, i, j, sizes), f"w = {_fmt(layer.weights[i, j])}"]
            if l >= L - backward_done:
                parts.append(f"∂L/∂w = {_fmt(walk.backward.layers[l].grad_weights[i, j])}")
                if updates_known:
                    parts.append(f"Δw = −η·∂L/∂w = {_fmt(walk.update.delta_weights[l][i, j])}")
            text[i, j] = "<br>".join(parts)
        out.append(text)
    return out


def shown_kind(walk: Walkthrough, position: int, show: str) -> str:
    """What the graph shows at `position`: the show mode chosen, or for "auto", what the step's phase computes."""
    if show != "auto":
        return show
    return AUTO_SHOW[walk.steps[position - 1].phase] if position else "a"


def titles(walk: Walkthrough, position: int, show: str) -> tuple[str, str]:
    """(what the neurons show, what the edges show) at `position`, as the graph's legend names them."""
    kind = shown_kind(walk, position, show)
    return NODE_TITLES[kind], EDGE_TITLES[kind]


def graph_view(network: Network, walk: Walkthrough, position: int, show: str, sample: int = 0,
               pick: Place | None = None, updates_known: bool = True) -> GraphView:
    """show: a key of NODE_TITLES, or "auto" to follow the step (a forward, gradients backward).
    updates_known False (a quiz still to ask an updated weight): no Δw on the graph before the update step."""
    L = len(network.layers)
    step = walk.steps[position - 1] if position else None
    show = shown_kind(walk, position, show)
    forward_done, backward_done = progress(L, position)
    updates_known = updates_known or (step is not None and step.phase == "update")
    known = [l >= L - backward_done for l in range(L)]
    x = walk.forward.x[sample]
    if show in ("a", "z"):
        nodes = [x] + [getattr(walk.forward.layers[l], show)[sample] if l < forward_done else None
                       for l in range(L)]
    else:
        nodes = [x] + [walk.backward.layers[l].delta[sample] if known[l] else None for l in range(L)]
    if show == "grad":
        edges = [walk.backward.layers[l].grad_weights if known[l] else None for l in range(L)]
    elif show == "update":
        edges = [walk.update.delta_weights[l] if known[l] and updates_known else None for l in range(L)]
    else:
        edges = [layer.weights for layer in network.layers]
    return GraphView(network.sizes, nodes, edges, NODE_TITLES[show], EDGE_TITLES[show],
                     _node_hover(network, walk, sample, forward_done, backward_done),
                     _edge_hover(network, walk, backward_done, updates_known),
                     frozenset(step.neurons) if step else None,
                     frozenset(step.edges) if step else None, pick)


def start_text(network: Network, n_samples: int, learning_rate: float) -> str:
    """What the explorer says under the graph before the first step: the network on screen in one sentence, and what
    the pass will do. It depends on the network's shape and choices only, so a view the page computes keeps it."""
    return network_sentence(network, n_samples, learning_rate) + " " + _(
        "Nothing is computed yet. Next ▶ (or Space, to play it) runs the forward pass one layer at a time, then the loss, "
        "then backpropagation from the output back to the first layer, and last the update of every weight.")


def network_sentence(network: Network, n_samples: int, learning_rate: float) -> str:
    """The network in one sentence: its layers, its loss, its data and η."""
    layers = [_("{n} inputs").format(n=network.sizes[0])]
    for index, layer in enumerate(network.layers):
        layers.append(_("{layer}: {n} × {activation}").format(layer=network.layer_name(index),
                                                              n=network.sizes[index + 1], activation=layer.activation))
    return _("The network: {layers}; the loss is the {loss}, over {n} sample(s), and η = {rate}.").format(
        layers=", ".join(layers), loss=labels.loss_name(network.loss), n=n_samples, rate=f"{learning_rate:g}")
