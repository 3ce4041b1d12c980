"""Mini-batch SGD: seeded, chunkable, and stopping cleanly at divergence."""
import numpy as np

from backprop import PRESETS, evaluate, initialise, train
from backprop.training import batches


def test_seed_network_mse_falls():
    preset = PRESETS["seed"]()
    result = train(preset.network, preset.inputs, preset.targets, preset.learning_rate, 50)
    start, _ = evaluate(preset.network, preset.inputs, preset.targets)
    assert round(start, 6) == round((3.176794 - 0.5) ** 2, 6)
    assert len(result.losses) == 50 and result.diverged_at is None
    assert all(b <= a for a, b in zip(result.losses, result.losses[1:]))
    assert result.losses[-1] < 1e-6 < start


def test_xor_is_learned():
    preset = PRESETS["xor"]()
    result = train(preset.network, preset.inputs, preset.targets, preset.learning_rate, 500)
    assert result.accuracies[-1] == 1.0 and result.losses[-1] < 0.05


def test_training_in_chunks_equals_training_at_once():
    network = initialise([4, 5, 3], ["relu", "softmax"], "cross_entropy", seed=2)
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(40, 4)), np.eye(3)[rng.integers(0, 3, 40)]
    whole = train(network, x, y, 0.2, 6, batch_size=8, seed=11)
    first = train(network, x, y, 0.2, 2, batch_size=8, seed=11)
    rest = train(first.network, x, y, 0.2, 4, batch_size=8, seed=11, start_epoch=2)
    assert first.losses + rest.losses == whole.losses
    assert np.array_equal(rest.network.layers[0].weights, whole.network.layers[0].weights)
    assert len(whole.accuracies) == 6 and 0 <= whole.accuracies[-1] <= 1


def test_divergence_stops_and_keeps_the_last_finite_network():
    preset = PRESETS["seed"]()
    result = train(preset.network, preset.inputs, preset.targets, 0.1, 100)
    assert result.diverged_at is not None and result.diverged_at <= 100
    assert len(result.losses) == result.diverged_at - 1
    assert all(np.isfinite(result.losses))
    assert all(np.isfinite(l.weights).all() for l in result.network.layers)
    assert evaluate(result.network, preset.inputs, preset.targets)[0] == result.losses[-1]


def test_batches_cover_every_sample_once():
    parts = batches(10, 3, seed=1, epoch=4)
    assert [len(p) for p in parts] == [3, 3, 3, 1]
    assert sorted(np.concatenate(parts).tolist()) == list(range(10))
    assert [len(p) for p in batches(10, None, 1, 1)] == [10]
