"""Cross-entropy is right for any targets the app accepts, and the app accepts only distributions (issue 27: the
fused (p − y)/N was applied to targets that did not sum to 1, off by up to 50 % against autograd)."""
import numpy as np
import pytest

from backprop import backward, forward, initialise, make_network, walkthrough
from backprop.activations import softmax_jacobian
from backprop.gradcheck import gradient_check
from backprop.i18n import speaking
from backprop.losses import LOSSES, clipped, fitted_targets, per_sample, targets_problem
from backprop.quiz import questions
from helpers import numbers_in
from ui.explorer import edit_actions, setup_actions, training_actions
from ui.explorer.link import state_from_link
from ui.explorer.state import ExplorerState
from ui.explorer.stepper import loss_value
from ui.playground.state import PlaygroundState
from ui.tables import gradient_verdict

ONE_HOT, SMOOTHED, UNNORMALISED = "one-hot", "smoothed", "unnormalised"


def targets(kind: str, n: int, k: int, rng) -> np.ndarray:
    y = np.eye(k)[rng.integers(0, k, n)]
    if kind == SMOOTHED:
        return 0.9 * y + 0.1 / k
    if kind == UNNORMALISED:
        return rng.uniform(-0.5, 1.5, (n, k))  # rows summing to anything, some entries negative
    return y


def softmax_network(seed: int, sizes=(3, 4, 3)):
    return initialise(list(sizes), ["sigmoid"] * (len(sizes) - 2) + ["softmax"], "cross_entropy", seed)


@pytest.mark.parametrize("kind", [ONE_HOT, SMOOTHED, UNNORMALISED])
@pytest.mark.parametrize("seed", range(4))
def test_the_fused_delta_equals_the_chain_through_the_jacobian_for_any_targets(kind, seed):
    rng = np.random.default_rng(seed)
    network, x = softmax_network(seed), rng.normal(size=(5, 3))
    y = targets(kind, 5, 3, rng)
    trace = forward(network, x)
    p = trace.output
    grad_p = LOSSES["cross_entropy"].grad(p, y)
    chained = np.stack([softmax_jacobian(p[n]).T @ grad_p[n] for n in range(len(p))])
    delta = backward(network, trace, y).layers[-1].delta
    np.testing.assert_allclose(delta, chained, rtol=1e-10, atol=1e-14)
    if kind == UNNORMALISED:  # the familiar (p − y)/N is wrong here: the condition matters
        assert not np.allclose(delta, (p - y) / len(y))


@pytest.mark.parametrize("kind", [ONE_HOT, SMOOTHED, UNNORMALISED])
def test_every_gradient_passes_central_differences_for_any_targets(kind):
    rng = np.random.default_rng(3)
    network, x = softmax_network(3, (3, 4, 4, 3)), rng.normal(size=(4, 3))
    check = gradient_check(network, x, targets(kind, 4, 3, rng))
    assert check.passed and not check.clipped, check.relative_error


@pytest.mark.torch
@pytest.mark.parametrize("kind", [ONE_HOT, SMOOTHED, UNNORMALISED])
def test_every_gradient_matches_autograd(kind):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(5)
    network, x = softmax_network(5, (3, 4, 4, 3)), rng.normal(size=(4, 3))
    y = targets(kind, 4, 3, rng)
    params = [(torch.tensor(l.weights, requires_grad=True), torch.tensor(l.biases, requires_grad=True))
              for l in network.layers]
    a = torch.tensor(x)
    for k, (w, b) in enumerate(params):
        z = a @ w.T + b
        a = torch.sigmoid(z) if k < len(params) - 1 else z
    loss = -(torch.tensor(y) * torch.log_softmax(a, dim=1)).sum() / len(y)
    loss.backward()
    grads = backward(network, forward(network, x), y)
    assert grads.loss == pytest.approx(loss.item(), rel=1e-12)
    for (w, b), g in zip(params, grads.layers):
        np.testing.assert_allclose(g.grad_weights, w.grad.numpy(), rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(g.grad_biases, b.grad.numpy(), rtol=1e-10, atol=1e-14)


def test_targets_that_are_not_a_distribution_are_named():
    assert targets_problem("cross_entropy", np.array([[0.0, 1.0, 0.0], [0.1, 0.2, 0.7]])) is None
    assert "sample 2 adds up to 0.5" in targets_problem("cross_entropy", np.array([[0.0, 1.0], [0.5, 0.0]]))
    assert "sample 1 adds up to 1" in targets_problem("cross_entropy", np.array([[1.5, -0.5]]))  # sums to 1, one < 0
    assert "sample 1, output 2 is 2" in targets_problem("binary_cross_entropy", np.array([[1.0, 2.0]]))
    assert targets_problem("mse", np.array([[7.0, -3.0]])) is None
    np.testing.assert_array_equal(fitted_targets("cross_entropy", np.array([[0.5, 0.0], [0.2, 0.3]])), [[1, 0], [0, 1]])
    np.testing.assert_array_equal(fitted_targets("binary_cross_entropy", np.array([[2.0, -1.0, 0.3]])), [[1, 0, 0.3]])


def test_the_issues_network_switched_to_cross_entropy_gets_one_hot_targets():
    state = ExplorerState.from_preset("seed")
    setup_actions.set_sizes_text(state, "3, 4, 2")
    setup_actions.set_activation(state, 0, "sigmoid")
    assert state.targets.tolist() == [[0.5, 0.0]]
    setup_actions.set_loss(state, "cross_entropy")
    assert state.targets.tolist() == [[1.0, 0.0]] and "they are now (1, 0)" in state.message.text
    check = gradient_check(state.network, state.inputs, state.targets)
    assert check.passed
    delta = state.walk.backward.layers[-1].delta
    np.testing.assert_allclose(delta, state.walk.forward.output - state.targets, atol=1e-15)
    edit_actions.edit_data(state, {"edited_rows": {0: {"y₁": "0.5"}}})  # the data table may not undo it
    assert state.targets.tolist() == [[1.0, 0.0]] and "adds up to 0.5" in state.message.text
    edit_actions.edit_data(state, {"edited_rows": {0: {"y₁": "0.25", "y₂": "0.75"}}})
    assert state.targets.tolist() == [[0.25, 0.75]]


def test_a_link_or_file_with_targets_cross_entropy_cannot_use_is_refused():
    link = {"sizes": "3-4-2", "act": "sigmoid.softmax", "loss": "cross_entropy", "x": "1_2_3", "y": "0.5_0"}
    with pytest.raises(ValueError, match="adds up to 0.5"):
        state_from_link(link)
    assert state_from_link(dict(link, y="0.5_0.5")).targets.tolist() == [[0.5, 0.5]]
    fitted = state_from_link({k: v for k, v in link.items() if k not in "xy"})  # the preset's data, fitted
    assert targets_problem("cross_entropy", fitted.targets) is None


def test_the_steps_say_which_fused_form_and_scale_they_use():
    layers = [(np.array([[0.5, -0.3], [0.2, 0.8]]), np.array([0.1, -0.1]), "sigmoid")]
    network = make_network(layers, "binary_cross_entropy")
    x, y = np.array([[1.0, 2.0], [-1.0, 0.5], [0.3, 0.3]]), np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    walk = walkthrough(network, x, y, 0.1)
    step = next(s for s in walk.steps if s.phase == "backward")
    assert "sigmoid and binary cross-entropy" in step.summary and "softmax" not in step.summary
    delta_line = step.equations[1]
    assert r"\frac{1}{N K}(p - y)" in delta_line and r"\frac{1}{3 \cdot 2}" in delta_line  # 1/(N K), N=3, K=2
    np.testing.assert_allclose(walk.backward.layers[0].delta, (walk.forward.output - y) / 6, atol=1e-15)
    asked = [q for q in questions(network, walk, y, ("delta",), 0, 0).values() if q.kind == "delta"]
    assert asked and all(r"\frac{1}{6}" in q.answer for q in asked)


def test_the_loss_step_shows_each_samples_share_and_their_mean():
    state = state_from_link({"preset": "xor"})
    loss_step = next(s for s in state.walk.steps if s.phase == "loss")
    formula, share, total = loss_step.equations
    shares = per_sample("binary_cross_entropy", state.walk.forward.output, state.targets)
    assert numbers_in(share)[-1] == pytest.approx(shares[0], rel=1e-5)
    assert numbers_in(total)[-1] == pytest.approx(state.walk.backward.loss, rel=1e-5) == pytest.approx(np.mean(shares))
    assert all(np.ndim(v) == 1 for v in loss_step.values.values())  # one sample's vectors: a table, not raw text


@pytest.mark.parametrize("preset", ["xor", "deep_sigmoid", "deep_relu"])
def test_a_clipped_loss_is_named_by_training_and_explained_by_the_gradient_check(preset):
    state = ExplorerState.from_preset(preset)
    assert not clipped(state.network.loss, state.walk.forward.output, state.targets)
    edit_actions.set_learning_rate(state, "100")
    training_actions.train_clicked(state, "50", "0")
    assert state.message.level == "warning" and "The loss is clipped" in state.message.text
    assert "clipped" in next(s for s in state.walk.steps if s.phase == "loss").summary
    verdict = gradient_verdict(training_actions.gradient_check(state))
    assert verdict.level == "warning" and "the loss is clipped" in verdict.text


def test_the_clipped_explanations_are_translated():
    state = ExplorerState.from_preset("deep_large")
    with speaking("fr"):
        state._walk = None
        summary = next(s for s in state.walk.steps if s.phase == "loss").summary
    assert "La perte est écrêtée" in summary


def test_the_stepper_and_the_preset_menu_say_what_the_network_is_now():
    state = ExplorerState.from_preset("deep_large")  # its weights ×3 saturate an output from the start
    assert loss_value(state).endswith("(clipped: see the loss step)")
    assert loss_value(ExplorerState.from_preset("seed")) == "7.16523"
    state = ExplorerState.from_preset("seed")
    assert setup_actions.changed_since_preset(state) is None
    setup_actions.set_sizes_text(state, "3, 4, 2")
    setup_actions.set_loss(state, "cross_entropy")
    assert setup_actions.changed_since_preset(state) == "3-4-2 (Identity (none), Softmax), cross-entropy"


@pytest.mark.parametrize("dataset", ["xor", "circle"])
def test_the_playground_names_a_clipped_loss_too(dataset):
    playground = PlaygroundState.opened_with(dataset)
    playground.set_learning_rate("10")
    for _ in range(10):
        playground.train_epochs(10)
    assert playground.message.level == "warning" and playground.message.text.startswith("The loss is clipped")
