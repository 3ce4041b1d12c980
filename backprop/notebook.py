"""A Jupyter notebook, and the same as a plain script, that reproduces the explorer for the network, data, η and batch
size on screen. One cell per step, each the step's numpy (backprop/stepcode.py, a batch as rows) with its sentence,
asserting the numbers the explorer shows; a training section that runs the explorer's Train (the same first weights,
batches and order) and asserts its loss curve; and PyTorch's autograd checking every gradient, skipped with a word on
how to install it where torch is missing. The prose is in the session's language.
"""
import json
from typing import NamedTuple

import numpy as np

from .code import literal
from .explain import describe
from .i18n import _, speaking
from .losses import LOSSES
from .network import Network
from .stepcode import ACTIVATE, FUSED, GRAD, SHARES, SLOPE, FLOOR, setup_code, step_parts
from .steps import walkthrough
from .training import train
from .validation import MAX_ABS_PARAMETER

CLOSE = "rtol=1e-10, atol=1e-12"  # the explorer's numbers, which a fresh kernel's BLAS may differ from in the last bits
CURVE = "rtol=1e-9, atol=1e-12"  # a loss after many epochs gathers those bits; below 1e-12 the chart shows 0


class Training(NamedTuple):
    epochs: int              # what Train runs, as its field says
    batch_size: int | None   # None: the whole data each step
    seed: int                # the batches are shuffled by (seed, epoch)
    start_epoch: int         # epochs the explorer has trained already: Train numbers its epochs on from there


def _check(name: str, value) -> str:
    prefix = f"np.testing.assert_allclose({name}, "
    return f"{prefix}{literal(value, len(prefix) + 10)}, {CLOSE})"


def step_cells(network: Network, x: np.ndarray, y: np.ndarray, learning_rate: float) -> list[tuple[str, str]]:
    """The setup, then each step's sentence and its code, which prints and asserts the step's numbers."""
    walk = walkthrough(network, x, y, learning_rate)
    weights = ", ".join(f"W{l}, b{l}" for l in range(1, len(network.layers) + 1))
    cells = [("code", setup_code(network, x, y, learning_rate, "rows").removesuffix("\n")),
             ("code", f"start = ({weights})  # " + _("the network on screen: the update below replaces these names, "
                                                     "training and PyTorch start again from here"))]
    for position, step in enumerate(walk.steps, 1):
        lines, shown = step_parts(network, walk, y, position, "rows")
        checks = [_check(name, value) if not isinstance(value, str) else
                  f"np.testing.assert_allclose(L, {walk.backward.loss!r}, {CLOSE})" for name, value in shown]
        prints = [f"print({name})" for name, _value in shown]
        if step.phase == "update":
            lines += _loss_after(network)
            prints.append('print(f"L: {L:.6g} -> {L_after:.6g}")')
            checks.append(f"np.testing.assert_allclose(L_after, {walk.loss_after!r}, {CLOSE})")
        cells += [("markdown", f"## {step.position}\n\n{step.summary}"),
                  ("code", "\n".join(lines + prints + ["# " + _("the explorer's numbers for this step")] + checks))]
    return cells


def _loss_after(network: Network) -> list[str]:
    """The pass's forward again with the new weights, for the loss the update step shows after it."""
    lines = ["A = X  # " + _("forward again, with the new weights")]
    for l, layer in enumerate(network.layers, 1):
        lines += [f"Z = A @ W{l}.T + b{l}", f"A = {ACTIVATE[layer.activation].format(z='Z')}"]
    if network.loss == "binary_cross_entropy":
        lines.append(f"P = np.clip(A, {FLOOR}, 1 - {FLOOR})")
    return lines + [f"L_after = {SHARES[network.loss].format(a='A', y='Y', axis='1')}.mean()"]


def _fused(network: Network) -> bool:
    fused = LOSSES[network.loss].fused
    return fused is not None and fused[0] == network.layers[-1].activation


def _forward_function(network: Network) -> list[str]:
    lines = ["def forward(X):"]
    for l, layer in enumerate(network.layers, 1):
        lines += [f"    Z{l} = {'X' if l == 1 else f'A{l - 1}'} @ W{l}.T + b{l}",
                  f"    A{l} = {ACTIVATE[layer.activation].format(z=f'Z{l}')}"]
    return lines + ["    return " + ", ".join(f"Z{l}, A{l}" for l in range(1, len(network.layers) + 1))]


def _batch_step(network: Network) -> list[str]:
    """One SGD step on the batch X[i], Y[i]: every δ first, then every update, as the core does."""
    last, pad = len(network.layers), " " * 8
    fields = {"a": f"A{last}", "y": "Y[i]", "z": f"Z{last}", "da": f"dA{last}", "axis": "1", "n": "len(i)"}
    if _fused(network):
        lines = [f"delta{last} = {FUSED[network.loss].format(**fields)}"]
    else:
        lines = [f"P = np.clip(A{last}, {FLOOR}, 1 - {FLOOR})"] if network.loss == "binary_cross_entropy" else []
        lines += [f"dA{last} = {GRAD[network.loss].format(**fields)}",
                  f"delta{last} = {SLOPE[network.layers[-1].activation].format(**fields)}"]
    for l in range(last - 1, 0, -1):
        fields = {"a": f"A{l}", "z": f"Z{l}", "da": f"dA{l}", "axis": "1"}
        lines += [f"dA{l} = delta{l + 1} @ W{l + 1}", f"delta{l} = {SLOPE[network.layers[l - 1].activation].format(**fields)}"]
    for l in range(1, last + 1):
        lines.append(f"W{l} = W{l} - eta * (delta{l}.T @ {'X[i]' if l == 1 else f'A{l - 1}'})")
        if network.train_biases:
            lines.append(f"b{l} = b{l} - eta * delta{l}.sum(axis=0)")
    return [pad + line for line in lines]


def training_cells(network: Network, x: np.ndarray, y: np.ndarray, learning_rate: float,
                   training: Training) -> list[tuple[str, str]]:
    """The explorer's Train in numpy, from the network on screen, asserting the curve the core trains."""
    result = train(network, x, y, learning_rate, training.epochs, training.batch_size, training.seed,
                   training.start_epoch)
    first, last = training.start_epoch + 1, training.start_epoch + training.epochs
    every = max(1, training.epochs // 20)
    parameters = ", ".join(f"W{l}, b{l}" for l in range(1, len(network.layers) + 1))
    loss = SHARES[network.loss].format(a="A", y="Y", axis="1")
    clip = [f"    P = np.clip(A, {FLOOR}, 1 - {FLOOR})"] if network.loss == "binary_cross_entropy" else []
    loop = [f"{parameters} = start", "", *_forward_function(network), "", "losses = []",
            f"for epoch in range({first}, {last + 1}):",
            f"    order = np.random.default_rng([{training.seed}, epoch]).permutation(N)  # " +
            _("the order depends only on the seed and the epoch"),
            "    for first in range(0, N, batch):", "        i = order[first:first + batch]",
            f"        {', '.join(f'Z{l}, A{l}' for l in range(1, len(network.layers) + 1))} = forward(X[i])",
            *_batch_step(network), "    A = forward(X)[-1]", *clip, f"    L = {loss}.mean()",
            f"    largest = np.max([np.abs(p).max() for p in ({parameters})])",
            f"    if not (np.isfinite(L) and largest <= {MAX_ABS_PARAMETER!r}):",
            "        print(f\"" + _("epoch {epoch} diverged: the explorer stops there too") + "\")", "        break",
            "    losses.append(L)", f"    if epoch % {every} == 0 or epoch == {last}:",
            "        print(f\"{epoch:5d}  {L:.6g}\")", "return losses"]
    # in a function, so that its arrays leave the pass's names above as they were, for PyTorch to check
    code = [f"batch = {training.batch_size or len(x)}  # " + _("samples per step"), "", "",
            "def train_as_the_explorer():", *(f"    {line}".rstrip() for line in loop), "", "",
            "losses = train_as_the_explorer()", "# " + _("the explorer's loss curve after each epoch"),
            f"np.testing.assert_allclose(losses, {literal(result.losses)}, {CURVE})"]
    words = _("Train with {epochs} epochs and a batch size of {batch} runs these epochs from the network on screen, "
              "numbered on from the {done} it has trained: each epoch shuffles the samples by the seed ({seed}) and "
              "the epoch's number, then takes one SGD step per batch. The loss after each epoch is the curve under "
              "Train.").format(epochs=training.epochs, batch=training.batch_size or 0, done=training.start_epoch,
                               seed=training.seed)
    return [("markdown", "## " + _("Training, as the explorer's Train runs it") + "\n\n" + words),
            ("code", "\n".join(code))]


TORCH_ACTIVATE = {"identity": "{z}", "sigmoid": "torch.sigmoid({z})", "tanh": "torch.tanh({z})",
                  "relu": "torch.relu({z})", "leaky_relu": "torch.nn.functional.leaky_relu({z}, 0.01)",
                  "softmax": "torch.softmax({z}, dim=1)"}
# each loss as autograd should see it: cross-entropy through log_softmax and the binary one from the logits, so their
# gradients are the true ones that the core's fused δ computes, even where the core's loss value is clipped
TORCH_LOSS = {"mse": "torch.mean(({a} - Yt) ** 2)", "half_sse": "0.5 * torch.sum(({a} - Yt) ** 2) / len(X)",
              "cross_entropy": "-(Yt * torch.log_softmax({z}, dim=1)).sum() / len(X)",
              "binary_cross_entropy": "torch.nn.functional.binary_cross_entropy_with_logits({z}, Yt)"}


def torch_cells(network: Network) -> list[tuple[str, str]]:
    """The network in PyTorch from the same first weights, and every δ and gradient checked against autograd's."""
    last, names = len(network.layers), range(1, len(network.layers) + 1)
    tensors = ", ".join(f"W{l}t, b{l}t" for l in names)
    code = ["try:", "    import torch", "except ImportError:", "    torch = None",
            "    print(\"" + _("PyTorch is not installed, so this check is skipped. Install it with: pip install torch")
            + "\")", "if torch is not None:",
            f"    {tensors} = (torch.tensor(p, requires_grad=True) for p in start)",
            "    Xt, Yt = torch.tensor(X), torch.tensor(Y)"]
    for l, layer in enumerate(network.layers, 1):
        code += [f"    Z{l}t = {'Xt' if l == 1 else f'A{l - 1}t'} @ W{l}t.T + b{l}t", f"    Z{l}t.retain_grad()",
                 f"    A{l}t = {TORCH_ACTIVATE[layer.activation].format(z=f'Z{l}t')}"]
    code += [f"    loss = {TORCH_LOSS[network.loss].format(a=f'A{last}t', z=f'Z{last}t')}", "    loss.backward()"]
    for l in names:
        code += [f"    np.testing.assert_allclose(Z{l}t.grad.numpy(), delta{l}, {CLOSE})",
                 f"    np.testing.assert_allclose(W{l}t.grad.numpy(), dW{l}, {CLOSE})",
                 f"    np.testing.assert_allclose(b{l}t.grad.numpy(), db{l}, {CLOSE})"]
    code.append("    print(\"" + _("autograd agrees with every δ and gradient above") + "\")")
    words = _("PyTorch builds the same network from the same first weights, and its autograd computes every δ = ∂L/∂z "
              "and every gradient again: each must equal the numpy above to 10 significant digits.")
    return [("markdown", "## " + _("A check by PyTorch's autograd") + "\n\n" + words), ("code", "\n".join(code))]


def cells(network: Network, x: np.ndarray, y: np.ndarray, learning_rate: float, training: Training) -> list:
    """Every cell, [(kind, text)], in order: the introduction, the pass, the training, the check."""
    intro = "\n".join(describe(network, x, learning_rate, 0))
    about = _("Each cell below is one step of the explorer's pass in numpy, for the network, data, η and batch size "
              "it had on screen: it prints what the step computes, then asserts the explorer's own numbers. Run the "
              "cells from the top.")
    return ([("markdown", intro + "\n\n" + about)] + step_cells(network, x, y, learning_rate)
            + training_cells(network, x, y, learning_rate, training) + torch_cells(network))


def notebook_json(network: Network, x: np.ndarray, y: np.ndarray, learning_rate: float, training: Training,
                  language: str | None = None) -> str:
    """The cells as a Jupyter notebook (nbformat 4.5), not yet run; in `language`, else the current one."""
    if language is not None:
        with speaking(language):
            return notebook_json(network, x, y, learning_rate, training)

    def cell(k: int, kind: str, text: str) -> dict:
        made = {"cell_type": kind, "id": f"cell-{k}", "metadata": {}, "source": text.splitlines(keepends=True)}
        return made | ({"execution_count": None, "outputs": []} if kind == "code" else {})
    return json.dumps({"cells": [cell(k, *c) for k, c in enumerate(cells(network, x, y, learning_rate, training), 1)],
                       "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                                    "language_info": {"name": "python"}},
                       "nbformat": 4, "nbformat_minor": 5}, indent=1, ensure_ascii=False) + "\n"


def notebook_script(network: Network, x: np.ndarray, y: np.ndarray, learning_rate: float, training: Training,
                    language: str | None = None) -> str:
    """The same cells as one Python script, the prose as comments, each cell marked `# %%` as editors read them."""
    if language is not None:
        with speaking(language):
            return notebook_script(network, x, y, learning_rate, training)
    parts = []
    for kind, text in cells(network, x, y, learning_rate, training):
        if kind == "markdown":
            parts.append("# %% [markdown]\n" + "\n".join(f"# {line}".rstrip() for line in text.splitlines()))
        else:
            parts.append("# %%\n" + text)
    return "\n\n".join(parts) + "\n"
