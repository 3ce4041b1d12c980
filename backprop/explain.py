"""The worked example of one SGD iteration as Markdown (a handout) or JSON (for machines)."""
import json

import numpy as np

from .fileformat import dumps
from .i18n import _, speaking
from .losses import LOSSES
from .network import Network
from .steps import walkthrough
from .training import divergence


def check_finite(network: Network, x: np.ndarray, y: np.ndarray, learning_rate: float) -> None:
    """ValueError when a number of the worked example would not be finite: a handout of NaNs teaches
    nothing, and NaN is not JSON."""
    walk = walkthrough(network, x, y, learning_rate)
    if not np.isfinite(walk.backward.loss):
        raise ValueError(_("the loss of this network on this data is infinite or NaN"))
    if (why := divergence(walk.loss_after, walk.update.network_after)) is not None:
        raise ValueError(_("after one step {why}: η = {rate} is too large for these weights").format(
            why=why, rate=f"{learning_rate:g}"))


def explain_json(network: Network, x: np.ndarray, y: np.ndarray, learning_rate: float) -> str:
    """Every number of the iteration; rows of z, a, delta are samples."""
    walk = walkthrough(network, x, y, learning_rate)
    layers = []
    for fwd, grad, after in zip(walk.forward.layers, walk.backward.layers,
                                walk.update.network_after.layers):
        layers.append({"z": fwd.z.tolist(), "a": fwd.a.tolist(), "delta": grad.delta.tolist(),
                       "grad_weights": grad.grad_weights.tolist(),
                       "grad_biases": grad.grad_biases.tolist(),
                       "weights_after": after.weights.tolist(), "biases_after": after.biases.tolist()})
    return json.dumps({"loss": walk.backward.loss, "loss_after": walk.loss_after,
                       "output": walk.forward.output.tolist(), "layers": layers}, indent=1)


def describe(network: Network, x: np.ndarray, learning_rate: float, sample: int) -> list[str]:
    """The network, its loss, η and the convention, as the Markdown lines that open a worked example."""
    sizes = "-".join(map(str, network.sizes))
    activations = ", ".join(_("{layer}: {activation}").format(layer=network.layer_name(i), activation=layer.activation)
                            for i, layer in enumerate(network.layers))
    biases = (_("Learning rate η = {rate}; biases are updated.") if network.train_biases else
              _("Learning rate η = {rate}; biases are frozen (not updated)."))
    lines = ["# " + _("One step of backpropagation through a {sizes} network").format(sizes=sizes), "",
             "- " + _("Activations: {activations}.").format(activations=activations),
             "- " + _("Loss: {name}, {formula}.").format(name=f"{_(LOSSES[network.loss].title)} (`{network.loss}`)",
                                                        formula=f"${LOSSES[network.loss].latex}$"),
             "- " + biases.format(rate=f"{learning_rate:g}"),
             "- " + _("Convention: weights $W$ have one row per neuron, so a layer computes $z = W a + b$ for one "
                      "sample (in code, $Z = X W^\\top + b$ with samples as rows).")]
    if len(x) > 1:
        lines.append("- " + _("The batch has {n} samples. Equations show sample {k}; the loss and the weight gradients "
                              "are over the whole batch.").format(n=len(x), k=sample + 1))
    return lines


def explain_markdown(network: Network, x: np.ndarray, y: np.ndarray, learning_rate: float,
                     sample: int = 0, digits: int = 6, language: str | None = None) -> str:
    """The walk-through in the manner of Mazur's post, for any network, every equation with numbers;
    in `language` (one of i18n.LANGUAGES), else the current one."""
    if language is not None:
        with speaking(language):
            return explain_markdown(network, x, y, learning_rate, sample, digits)
    walk = walkthrough(network, x, y, learning_rate, sample, digits)
    lines = describe(network, x, learning_rate, sample)
    for step in walk.steps:
        lines += ["", f"## {step.position}", "", step.summary, ""]
        for equation in step.equations:
            lines += ["$$", equation, "$$", ""]
    lines += ["## " + _("The network after the update"), "", "```json", dumps(walk.update.network_after), "```"]
    return "\n".join(lines) + "\n"
