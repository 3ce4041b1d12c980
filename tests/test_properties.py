"""Properties over many random shapes and values (hypothesis)."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from backprop import backward, forward, initialise, sgd_step, softmax, walkthrough
from helpers import HIDDEN_ACTIVATIONS, LOSS_OUTPUTS, targets_for

sizes = st.lists(st.integers(1, 6), min_size=2, max_size=5)


@settings(max_examples=60, deadline=None)
@given(sizes=sizes, hidden=st.sampled_from(HIDDEN_ACTIVATIONS), pair=st.sampled_from(LOSS_OUTPUTS),
       n_samples=st.integers(1, 7), seed=st.integers(0, 2**16))
def test_every_trace_has_the_documented_shapes_and_nothing_is_mutated(sizes, hidden, pair, n_samples, seed):
    loss, output = pair
    if loss == "cross_entropy" and sizes[-1] < 2:
        sizes = sizes[:-1] + [2]
    network = initialise(sizes, [hidden] * (len(sizes) - 2) + [output], loss, seed)
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=(n_samples, sizes[0])), targets_for(loss, n_samples, sizes[-1], rng)
    x_before, y_before = x.copy(), y.copy()
    weights_before = [l.weights.copy() for l in network.layers]
    trace = forward(network, x)
    grads = backward(network, trace, y)
    update = sgd_step(network, grads, 0.1)
    for i, (layer, fwd, grad) in enumerate(zip(network.layers, trace.layers, grads.layers)):
        assert fwd.z.shape == fwd.a.shape == grad.delta.shape == grad.grad_a.shape == (n_samples, sizes[i + 1])
        assert grad.grad_weights.shape == layer.weights.shape == (sizes[i + 1], sizes[i])
        assert grad.grad_biases.shape == layer.biases.shape == (sizes[i + 1],)
        assert np.array_equal(update.network_after.layers[i].weights, layer.weights + update.delta_weights[i])
    assert grads.grad_x.shape == x.shape
    assert np.array_equal(x, x_before) and np.array_equal(y, y_before)
    assert all(np.array_equal(a.weights, b) for a, b in zip(network.layers, weights_before))
    assert not network.layers[0].weights.flags.writeable


@settings(max_examples=200, deadline=None)
@given(arrays(float, st.tuples(st.integers(1, 5), st.integers(1, 8)),
              elements=st.floats(-1e4, 1e4, allow_nan=False)))
def test_softmax_rows_sum_to_one_and_stay_finite(z):
    s = softmax(z)
    assert np.isfinite(s).all()
    assert (s >= 0).all()
    assert np.allclose(s.sum(axis=1), 1.0)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**16), n_samples=st.integers(1, 4))
def test_walkthrough_agrees_with_the_traces_it_shows(seed, n_samples):
    network = initialise([3, 4, 2], ["tanh", "sigmoid"], "mse", seed)
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=(n_samples, 3)), rng.normal(size=(n_samples, 2))
    walk = walkthrough(network, x, y, 0.1, sample=n_samples - 1)
    assert [s.phase for s in walk.steps] == ["forward"] * 2 + ["loss"] + ["backward"] * 2 + ["update"]
    assert np.array_equal(walk.steps[0].values["z"], walk.forward.layers[0].z[n_samples - 1])
    assert np.array_equal(walk.steps[3].values["δ"], walk.backward.layers[1].delta[n_samples - 1])
