"""What the playground's page shows, read from its state and never changing it: the boundary and the hidden units
over the plane, the scores, the shown point's pass, the data as a file, and the point as an explorer's state.
Pure Python over the core, no Streamlit."""
from typing import NamedTuple

import numpy as np

from backprop import Network, forward, walkthrough
from backprop.datasets import confusion_matrix, features, grid
from backprop.latex import matrix
from backprop.steps import Walkthrough
from backprop.training import evaluate

from .state import OWN, PlaygroundState

RESOLUTION = 50  # the heatmap's cells per side


class View(NamedTuple):
    """Everything the page draws of the network and its scores."""
    boundary: np.ndarray            # (RESOLUTION, RESOLUTION): p(class 1), or the predicted class for more
    units: list[list[np.ndarray]]   # per hidden layer, per unit: its activation over the same grid
    confusion: np.ndarray           # (classes, classes) on the test points
    train_loss: float
    test_loss: float
    train_accuracy: float
    test_accuracy: float


def view(state: PlaygroundState) -> View:
    data, network = state.data, state.network
    plane = grid(state.extent, RESOLUTION)
    trace = forward(network, features(plane, state.features))
    shape = (RESOLUTION, RESOLUTION)
    output = trace.output
    boundary = output[:, 0] if data.classes == 2 else np.argmax(output, axis=1).astype(float)
    units = [[layer.a[:, unit].reshape(shape) for unit in range(layer.a.shape[1])] for layer in trace.layers[:-1]]
    train_loss, train_accuracy = evaluate(network, data.x[data.train], data.y[data.train])
    test_loss, test_accuracy = evaluate(network, data.x[data.test], data.y[data.test])
    return View(boundary.reshape(shape), units,
                confusion_matrix(data.labels[data.test], predicted(network, data.x[data.test]), data.classes),
                train_loss, test_loss, train_accuracy, test_accuracy)


def predicted(network: Network, x: np.ndarray) -> np.ndarray:
    """The class each row of x gets: p > 0.5 for one sigmoid output, the argmax for softmax."""
    output = forward(network, x).output
    return (output[:, 0] > 0.5).astype(int) if output.shape[1] == 1 else np.argmax(output, axis=1)


def point_walk(state: PlaygroundState) -> Walkthrough | None:
    """The explorer's walk-through of the shown point alone: its forward pass, loss, backward pass
    and the update that one sample would make (without the L2 term: l2_lines shows it)."""
    if state.point is None:
        return None
    k = state.point
    return walkthrough(state.network, state.data.x[k:k + 1], state.data.y[k:k + 1], state.learning_rate)


def l2_lines(state: PlaygroundState) -> list[str]:
    """LaTeX: what the L2 term adds to each layer's gradient, λW, with the numbers."""
    if not state.l2:
        return []
    return [rf"\lambda W^{{({l + 1})}} = {state.l2:g} \cdot {matrix(layer.weights)} = {matrix(state.l2 * layer.weights)}"
            for l, layer in enumerate(state.network.layers)]


def csv(state: PlaygroundState) -> str:
    """The data as the learner can download it: x1, x2, label, and which split each point is in."""
    data = state.data
    held_out = set(data.test.tolist())
    names = state.own[2] if state.dataset == OWN else range(data.classes)  # a file's own label values
    rows = [f"{x1!r},{x2!r},{names[label]},{'test' if k in held_out else 'train'}"
            for k, ((x1, x2), label) in enumerate(zip(data.points.tolist(), data.labels.tolist()))]
    return "\n".join(["x1,x2,label,split", *rows]) + "\n"


def explorer_state(state: PlaygroundState):
    """This network with the shown point as its one sample, as the explorer's state (its link follows)."""
    from ..explorer.state import ExplorerState  # the explorer's whole state module, only when asked for
    k = state.point
    explorer = ExplorerState(state.network, state.data.x[k:k + 1], state.data.y[k:k + 1], state.learning_rate)
    explorer.start_history()
    return explorer
