"""Quiz questions: each expected value is the trace's, each can be worked out from what earlier steps showed, and
the mistake detector names each known mistake and never calls a right answer wrong."""
import numpy as np
import pytest

from backprop import ACTIVATIONS, LOSSES, PRESETS, walkthrough
from backprop.quiz import KINDS, Verdict, candidates, check, close, drawn_problem, questions
from helpers import HIDDEN_ACTIVATIONS, LOSS_OUTPUTS, random_problem


def problems():
    """Every preset small enough to quiz, and random networks of every loss, hidden activation and one or
    several samples."""
    for name in ("seed", "mazur", "xor"):
        preset = PRESETS[name]()
        yield name, preset.network, preset.inputs, preset.targets, preset.learning_rate
    for hidden in HIDDEN_ACTIVATIONS:
        for loss, output in LOSS_OUTPUTS[::3]:
            for n in (1, 3):
                network, x, y = random_problem(hidden, loss, output, seed=5, sizes=(2, 3, 3, 2), n_samples=n)
                yield f"{hidden}-{loss}-{output}-{n}", network, x, y, 0.1


PROBLEMS = list(problems())


def value_in_trace(question, network, walk):
    """The number a question names, read straight from the traces by its kind and place."""
    kind, place = question.kind, question.place
    if kind == "loss":
        return walk.backward.loss
    if kind in ("z", "a"):
        return getattr(walk.forward.layers[place.layer - 1], kind)[0, place.i]
    if kind == "grad_output":
        return walk.backward.layers[-1].grad_a[0, place.i]
    if kind == "delta":
        return walk.backward.layers[place.layer - 1].delta[0, place.i]
    if kind == "grad_weight":
        return walk.backward.layers[place.layer].grad_weights[place.i, place.j]
    return walk.update.network_after.layers[place.layer].weights[place.i, place.j]


def worked_out(question, network, x, y, eta, walk):
    """The same number worked out by hand from what the pass showed before its step: the network, the data, η,
    and the values of earlier steps (a forward layer's a, the δ of the layer above, the gradients)."""
    kind, place, fwd, L = question.kind, question.place, walk.forward.layers, len(network.layers)
    n, k = y.shape

    def a_of(column):  # shown by forward step `column`
        return x[0] if column == 0 else fwd[column - 1].a[0]

    def output_gradient(i):  # from ŷ and y, shown by the last forward step and the data
        o, t = fwd[-1].a[0, i], y[0, i]
        return {"mse": lambda: 2 * (o - t) / (n * k), "half_sse": lambda: (o - t) / n,
                "cross_entropy": lambda: -t / (n * o),
                "binary_cross_entropy": lambda: (o - t) / (n * k * o * (1 - o))}[network.loss]()

    def delta(layer, i):  # δ of a layer from its forward values and the δ of the layer above (an earlier step)
        params, seen = network.layers[layer], fwd[layer]
        if layer == L - 1 and LOSSES[network.loss].fused and LOSSES[network.loss].fused[0] == params.activation:
            return (seen.a[0, i] - y[0, i]) / n
        upstream = output_gradient(i) if layer == L - 1 else \
            network.layers[layer + 1].weights[:, i] @ walk.backward.layers[layer + 1].delta[0]
        return upstream * ACTIVATIONS[params.activation].derivative(seen.z[0], seen.a[0])[i]

    if kind == "z":
        layer = network.layers[place.layer - 1]
        return layer.weights[place.i] @ a_of(place.layer - 1) + layer.biases[place.i]
    if kind == "a":
        layer, i = network.layers[place.layer - 1], place.i
        z = layer.weights @ a_of(place.layer - 1) + layer.biases
        return ACTIVATIONS[layer.activation].forward(z[None])[0, i]
    if kind == "loss":
        return LOSSES[network.loss].value(fwd[-1].a, y)
    if kind == "grad_output":
        return output_gradient(place.i)
    if kind == "delta":
        return delta(place.layer - 1, place.i)
    if kind == "grad_weight":
        return delta(place.layer, place.i) * a_of(place.layer)[place.j]
    weight = network.layers[place.layer].weights[place.i, place.j]  # new_weight: the gradient was shown at backward
    return weight - eta * walk.backward.layers[place.layer].grad_weights[place.i, place.j]


@pytest.mark.parametrize("name, network, x, y, eta", PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_every_question_is_the_traces_number_and_can_be_worked_out_from_earlier_steps(name, network, x, y, eta):
    walk = walkthrough(network, x, y, eta)
    found = candidates(network, walk, y)
    assert found
    for question in found:
        assert question.expected == pytest.approx(value_in_trace(question, network, walk), rel=1e-12, abs=1e-15)
        assert question.expected == pytest.approx(worked_out(question, network, x, y, eta, walk), rel=1e-9, abs=1e-12)
        assert 1 <= question.position <= len(walk.steps)
        assert question.hint.endswith(r"= \;\boxed{?}") and "?" not in question.answer


@pytest.mark.parametrize("name, network, x, y, eta", PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_each_question_belongs_to_the_step_that_computes_it(name, network, x, y, eta):
    walk = walkthrough(network, x, y, eta)
    for question in candidates(network, walk, y):
        step = walk.steps[question.position - 1]
        expected_phase = {"z": "forward", "a": "forward", "loss": "loss", "new_weight": "update"}.get(question.kind,
                                                                                                     "backward")
        assert step.phase == expected_phase
        if question.kind in ("z", "a", "delta"):
            assert step.layer == question.place.layer - 1


def test_the_batch_sums_are_asked_only_of_one_sample():
    network, x, y = random_problem("tanh", "mse", "identity", seed=2, n_samples=3)
    kinds = {q.kind for q in candidates(network, walkthrough(network, x, y, 0.1), y)}
    assert "loss" not in kinds and "grad_weight" not in kinds and {"z", "a", "delta", "new_weight"} <= kinds


@pytest.mark.parametrize("name, network, x, y, eta", PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_the_mistake_detector_names_each_mistake_and_never_a_right_answer(name, network, x, y, eta):
    walk = walkthrough(network, x, y, eta)
    for question in candidates(network, walk, y):
        assert check(question, question.expected) == Verdict(True, None)
        assert check(question, question.expected * 1.004 + 0.001).right  # within 1 % or 2 decimals
        for what, value in question.mistakes:
            verdict = check(question, value)
            assert not verdict.right and verdict.mistake is not None
            assert close(value, dict(question.mistakes)[verdict.mistake])


def mistakes_found(network, x, y, eta=0.1) -> set[str]:
    walk = walkthrough(network, x, y, eta)
    return {what for q in candidates(network, walk, y) for what, _ in q.mistakes}


def test_the_four_classic_mistakes_are_recognised():
    seed = PRESETS["seed"]()
    sigmoid = seed.network.with_layer(0, activation="sigmoid").with_layer(1, activation="sigmoid")
    found = mistakes_found(sigmoid, seed.inputs, seed.targets, seed.learning_rate)
    assert "f′(z) was left out: that is ∂L/∂a" in found
    assert "W was used instead of Wᵀ when δ went back a layer" in found  # hidden 2 → hidden 1: W is 3 × 3
    assert "the step went with the gradient, not against it" in found
    network, x, y = random_problem("tanh", "half_sse", "identity", seed=1, n_samples=4)
    assert "the 1/N of the mean was left out" in mistakes_found(network, x, y)


def test_a_wrong_answer_matching_no_mistake_is_just_wrong():
    preset = PRESETS["seed"]()
    walk = walkthrough(preset.network, preset.inputs, preset.targets, preset.learning_rate)
    question = candidates(preset.network, walk, preset.targets)[0]  # z of h¹₁ = 4.8
    assert question.expected == pytest.approx(4.8)
    assert check(question, 2.8) == Verdict(False, "the bias b was left out")  # 4.8 less the bias 2
    assert check(question, 4.0) == Verdict(False, None)


def test_one_question_per_step_of_the_chosen_kinds_picked_by_the_seed():
    preset = PRESETS["seed"]()
    walk = walkthrough(preset.network, preset.inputs, preset.targets, preset.learning_rate)
    every = questions(preset.network, walk, preset.targets, KINDS)
    assert sorted(every) == list(range(1, 9))  # identity layers: z forward, then L, the backward steps, the update
    only_delta = questions(preset.network, walk, preset.targets, {"delta"})
    assert sorted(only_delta) == [5, 6, 7] and all(q.kind == "delta" for q in only_delta.values())
    assert questions(preset.network, walk, preset.targets, KINDS, seed=3) == \
        questions(preset.network, walk, preset.targets, KINDS, seed=3)
    picks = {tuple(q.place for q in questions(preset.network, walk, preset.targets, KINDS, seed=s).values())
             for s in range(6)}
    assert len(picks) > 1  # other seeds ask about other neurons and weights


def test_a_drawn_problem_is_the_same_for_the_same_seed_and_easy_to_work_by_hand():
    first = drawn_problem([2, 3, 1], ["sigmoid", "identity"], "mse", True, seed=4)
    again = drawn_problem([2, 3, 1], ["sigmoid", "identity"], "mse", True, seed=4)
    other = drawn_problem([2, 3, 1], ["sigmoid", "identity"], "mse", True, seed=5)
    assert np.array_equal(first[1], again[1]) and np.array_equal(first[0].layers[0].weights, again[0].layers[0].weights)
    assert not np.array_equal(first[0].layers[0].weights, other[0].layers[0].weights)
    for values in (first[1], first[2], first[0].layers[0].weights, first[0].layers[1].biases):
        assert np.array_equal(values, np.round(values, 1))
    _, _, one_hot = drawn_problem([2, 3], ["softmax"], "cross_entropy", True, seed=1)
    assert one_hot.sum() == 1 and set(one_hot.ravel()) == {0.0, 1.0}


def test_every_hint_and_answer_renders_in_katex():
    from katex import katex_errors
    equations = []
    for name, network, x, y, eta in PROBLEMS:
        for question in candidates(network, walkthrough(network, x, y, eta), y):
            equations += [question.hint, question.answer, question.symbol]
    assert len(equations) > 1000
    assert katex_errors(equations) == []


def test_a_wide_layers_sums_are_written_as_a_row_times_a_column():
    network, x, y = random_problem("tanh", "mse", "identity", seed=3, sizes=(12, 12, 12), n_samples=1)
    found = candidates(network, walkthrough(network, x, y, 0.1), y)
    z, delta = (next(q for q in found if q.kind == kind and q.place.layer == 1) for kind in ("z", "delta"))
    assert r"\begin{bmatrix}" in z.hint and r"\cdots" in z.hint and z.hint.count(r"\cdot ") == 0
    assert r"\begin{bmatrix}" in delta.hint
    from katex import katex_errors
    assert katex_errors([q.hint for q in found] + [q.answer for q in found]) == []
