"""Every analytic gradient against centred differences (float64, h = 1e-5, norm relative error < 1e-7)."""
import numpy as np
import pytest

from backprop import (ACTIVATIONS, backward, forward, gradient_check, linear_backward, linear_forward,
                      loss_of, matmul_backward, matmul_forward, numerical_gradient,
                      numerical_gradient_upstream, relative_error, softmax, softmax_backward,
                      softmax_jacobian)
from backprop.activations import activation_backward
from helpers import HIDDEN_ACTIVATIONS, LOSS_OUTPUTS, random_problem

TOLERANCE = 1e-7


@pytest.mark.parametrize("hidden", HIDDEN_ACTIVATIONS)
@pytest.mark.parametrize("loss, output", LOSS_OUTPUTS)
def test_every_parameter_gradient(hidden, loss, output):
    network, x, y = random_problem(hidden, loss, output, seed=7)
    check = gradient_check(network, x, y)
    assert check.relative_error < TOLERANCE
    assert check.passed
    assert len(check.parameters) == sum(l.weights.size + l.biases.size for l in network.layers)


@pytest.mark.parametrize("loss, output", LOSS_OUTPUTS)
def test_gradient_with_respect_to_the_input(loss, output):
    network, x, y = random_problem("tanh", loss, output, seed=3)
    analytic = backward(network, forward(network, x), y).grad_x
    numeric = numerical_gradient(lambda v: loss_of(network, v, y), x)
    assert relative_error(analytic, numeric) < TOLERANCE


def test_a_wrong_gradient_fails_the_check():
    network, x, y = random_problem("sigmoid", "mse", "identity", seed=1)
    grads = backward(network, forward(network, x), y)
    numeric = numerical_gradient(lambda w: loss_of(network.with_layer(0, weights=w), x, y),
                                 network.layers[0].weights)
    assert relative_error(grads.layers[0].grad_weights, numeric) < TOLERANCE
    assert relative_error(1.01 * grads.layers[0].grad_weights, numeric) > 1e-3


def test_linear_op_pair_with_an_upstream_gradient():
    rng = np.random.default_rng(0)
    x, w, b, upstream = rng.normal(size=(4, 3)), rng.normal(size=(2, 3)), rng.normal(size=2), rng.normal(size=(4, 2))
    _, cache = linear_forward(x, w, b)
    grad_x, grad_w, grad_b = linear_backward(upstream, cache)
    assert relative_error(grad_x, numerical_gradient_upstream(lambda v: linear_forward(v, w, b)[0], x, upstream)) < TOLERANCE
    assert relative_error(grad_w, numerical_gradient_upstream(lambda v: linear_forward(x, v, b)[0], w, upstream)) < TOLERANCE
    assert relative_error(grad_b, numerical_gradient_upstream(lambda v: linear_forward(x, w, v)[0], b, upstream)) < TOLERANCE


@pytest.mark.parametrize("shapes", [((1, 3), (3, 1)), ((2, 3), (3, 4)), ((5, 1), (1, 2))])
def test_matmul_op_pair_shapes_and_values(shapes):
    rng = np.random.default_rng(1)
    x, w = rng.normal(size=shapes[0]), rng.normal(size=shapes[1])
    y, cache = matmul_forward(x, w)
    upstream = rng.normal(size=y.shape)
    grad_x, grad_w = matmul_backward(upstream, cache)
    assert grad_x.shape == x.shape and grad_w.shape == w.shape
    assert relative_error(grad_x, numerical_gradient_upstream(lambda v: v @ w, x, upstream)) < TOLERANCE
    assert relative_error(grad_w, numerical_gradient_upstream(lambda v: x @ v, w, upstream)) < TOLERANCE


@pytest.mark.parametrize("name", [n for n in ACTIVATIONS])
def test_each_activation_backward(name):
    rng = np.random.default_rng(2)
    z, upstream = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    f = ACTIVATIONS[name].forward
    analytic = activation_backward(name, upstream, z, f(z))
    assert relative_error(analytic, numerical_gradient_upstream(f, z, upstream)) < TOLERANCE


def test_softmax_jacobian_matches_differences_and_its_vector_product():
    z = np.array([0.3, -1.2, 2.0, 0.7])
    s = softmax(z)
    numeric = np.array([numerical_gradient(lambda v: softmax(v)[i], z) for i in range(4)])
    assert relative_error(softmax_jacobian(s), numeric) < TOLERANCE
    upstream = np.array([0.1, -0.4, 0.25, 1.0])
    assert np.allclose(softmax_backward(upstream[None], s[None])[0], softmax_jacobian(s).T @ upstream)


def test_fused_cross_entropy_delta_equals_the_chain_rule():
    network, x, y = random_problem("relu", "cross_entropy", "softmax", seed=4)
    trace = forward(network, x)
    grads = backward(network, trace, y)
    chained = softmax_backward(grads.layers[-1].grad_a, trace.output)
    assert grads.layers[-1].fused
    assert np.allclose(grads.layers[-1].delta, (trace.output - y) / len(y))
    assert np.allclose(chained, grads.layers[-1].delta)


def test_lean_backward_gives_the_same_gradients():
    network, x, y = random_problem("relu", "cross_entropy", "softmax", seed=5)
    trace = forward(network, x)
    full, lean = backward(network, trace, y), backward(network, trace, y, full=False)
    assert lean.loss is None and lean.grad_x is None and lean.layers[-1].grad_a is None
    for a, b in zip(full.layers, lean.layers):
        assert np.array_equal(a.grad_weights, b.grad_weights) and np.array_equal(a.grad_biases, b.grad_biases)
