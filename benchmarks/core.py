"""Core speed: the traced core against a minimal numpy loop, scikit-learn and (if installed) PyTorch.

    python benchmarks/core.py [--json results.json] [--repeats 7]

Prints a table of median times. The targets (issue "Benchmarks"): the traced core within 1.5× of
the minimal loop, and at least 3× faster than scikit-learn's MLPClassifier on the same epoch.
"""
import argparse
import json
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from backprop import PRESETS, backward, forward, initialise, sgd_step  # noqa: E402
from backprop.landscape import Parameter, loss_along, loss_surface  # noqa: E402
from backprop.training import run_epoch  # noqa: E402
from ui.concepts.datasets import digits  # noqa: E402

BATCH, LEARNING_RATE, HIDDEN = 32, 0.1, 32


def median_time(fn, repeats: int, inner: int = 1) -> float:
    """Median over `repeats` of the mean time of `inner` calls, in seconds."""
    fn()  # warm up caches and lazy imports
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(inner):
            fn()
        samples.append((time.perf_counter() - start) / inner)
    return statistics.median(samples)


def seed_step():
    preset = PRESETS["seed"]()
    return lambda: sgd_step(preset.network, backward(preset.network, forward(preset.network, preset.inputs),
                                                     preset.targets), preset.learning_rate)


def seed_landscape(surface: bool):
    """The explorer's loss along one weight (201 points), or over two (41 × 41), on the seed network."""
    preset = PRESETS["seed"]()
    net, x, y, rate = preset.network, preset.inputs, preset.targets, preset.learning_rate
    grads = backward(net, forward(net, x), y)
    if surface:
        return lambda: loss_surface(net, x, y, grads, (Parameter(0, 0, 1), Parameter(2, 0, None)), rate)
    return lambda: loss_along(net, x, y, grads, Parameter(0, 0, 1), rate)


def cap_landscape():
    """The same curve at the explorer's cap: 12-12-12-12-12-12-12-12, 256 samples."""
    sizes = [12] * 8
    net = initialise(sizes, ["tanh"] * 6 + ["identity"], "mse", seed=0)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(256, 12)), rng.normal(size=(256, 12))
    grads = backward(net, forward(net, x), y)
    return lambda: loss_along(net, x, y, grads, Parameter(0, 0, 1), 0.1)


def minimal_epoch(weights, x, y, order):
    """The same maths as the core's epoch (ReLU hidden, softmax + cross-entropy), nothing kept."""
    (w1, b1), (w2, b2) = weights
    for start in range(0, len(x), BATCH):
        index = order[start:start + BATCH]
        xb, yb = x[index], y[index]
        h = np.maximum(xb @ w1.T + b1, 0)
        z = h @ w2.T + b2
        p = np.exp(z - z.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        d2 = (p - yb) / len(xb)
        d1 = (d2 @ w2) * (h > 0)
        w2, b2 = w2 - LEARNING_RATE * d2.T @ h, b2 - LEARNING_RATE * d2.sum(0)
        w1, b1 = w1 - LEARNING_RATE * d1.T @ xb, b1 - LEARNING_RATE * d1.sum(0)
    return (w1, b1), (w2, b2)


def sklearn_epoch(x, labels):
    from sklearn.neural_network import MLPClassifier
    model = MLPClassifier(hidden_layer_sizes=(HIDDEN,), activation="relu", solver="sgd", batch_size=BATCH,
                          learning_rate_init=LEARNING_RATE, momentum=0.0, nesterovs_momentum=False, alpha=0.0,
                          shuffle=True, random_state=0)
    model.partial_fit(x, labels, classes=np.arange(10))
    return lambda: model.partial_fit(x, labels)


def torch_epoch(x, y):
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    model = torch.nn.Sequential(torch.nn.Linear(64, HIDDEN), torch.nn.ReLU(), torch.nn.Linear(HIDDEN, 10)).double()
    optimiser = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    xt, yt = torch.tensor(x), torch.tensor(y.argmax(axis=1))

    def epoch():
        for start in range(0, len(xt), BATCH):
            optimiser.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(xt[start:start + BATCH]), yt[start:start + BATCH])
            loss.backward()
            optimiser.step()
    return epoch


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args(argv)
    data = digits(test_fraction=0.0)
    x, y = data.x_train, data.y_train  # all 1,797 digits
    network = initialise([64, HIDDEN, 10], ["relu", "softmax"], "cross_entropy", seed=0)
    weights = [(l.weights.copy(), l.biases.copy()) for l in network.layers]
    order = np.random.default_rng(0).permutation(len(x))
    warnings.filterwarnings("ignore")
    rows = {
        "4-3-3-1 traced forward+backward+update": median_time(seed_step(), args.repeats, inner=1000),
        "4-3-3-1 loss along one weight (201 points)": median_time(seed_landscape(False), args.repeats, inner=20),
        "4-3-3-1 loss over two weights (41 × 41)": median_time(seed_landscape(True), args.repeats, inner=5),
        "at the cap, 256 samples: loss along one weight": median_time(cap_landscape(), args.repeats),
        "64-32-10 digits epoch, traced core": median_time(
            lambda: run_epoch(network, x, y, LEARNING_RATE, BATCH, 0, 1), args.repeats),
        "64-32-10 digits epoch, minimal numpy loop": median_time(
            lambda: minimal_epoch(weights, x, y, order), args.repeats),
        "64-32-10 digits epoch, scikit-learn MLPClassifier": median_time(
            sklearn_epoch(x, y.argmax(axis=1)), args.repeats),
    }
    torch_fn = torch_epoch(x, y)
    if torch_fn is not None:
        rows["64-32-10 digits epoch, PyTorch (CPU, 1 thread)"] = median_time(torch_fn, args.repeats)
    core = rows["64-32-10 digits epoch, traced core"]
    ratios = {"core / minimal loop": core / rows["64-32-10 digits epoch, minimal numpy loop"],
              "scikit-learn / core": rows["64-32-10 digits epoch, scikit-learn MLPClassifier"] / core}
    if torch_fn is not None:
        ratios["PyTorch / core"] = rows["64-32-10 digits epoch, PyTorch (CPU, 1 thread)"] / core
    print(f"{'measurement':<52} {'median':>12}")
    for name, seconds in rows.items():
        print(f"{name:<52} {seconds * 1e3:>9.3f} ms")
    for name, ratio in ratios.items():
        print(f"{name:<52} {ratio:>11.2f}×")
    results = {"seconds": rows, "ratios": ratios, "samples": len(x), "batch": BATCH}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return results


if __name__ == "__main__":
    main()
