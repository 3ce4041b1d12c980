"""Every guided lesson, done as a learner does it: opened by its link, each task done with the page's own controls
(stepping, which the browser does, through the state the stepper syncs), each number typed and checked, wrong
answers named, the question answered, and the lesson's place kept in the link."""
import numpy as np
import pytest

from apptest_helpers import button, open_page
from backprop import PRESETS
from backprop.activations import softmax
from backprop.course import LESSONS
from backprop.trace import backward, forward
from ui.explorer.page_loop import replay_updates
from ui.guided import PAGE_FILES

EXPLORER = PAGE_FILES["explorer"]


def opened(key: str, **query) -> "AppTest":  # noqa: F821
    return open_page(PAGE_FILES[LESSONS[key].page], query={"lesson": key} | query)


def progress(at):
    return at.session_state["lesson"]


def said(at) -> tuple[list[str], list[str]]:
    """(successes, errors) in the sidebar, where the lesson's panel is."""
    return [e.value for e in at.sidebar.success], [e.value for e in at.sidebar.error]


def check(at, answer=None) -> "AppTest":  # noqa: F821
    lesson = progress(at)
    if answer is not None:
        at.text_input(key=f"lesson_answer_{lesson.key}_{lesson.task}").input(str(answer))
    at.button(key=f"lesson_check_{lesson.key}_{lesson.task}").click().run()
    assert not at.exception, at.exception
    return at


def done(at, answer=None) -> None:
    task = progress(at).task
    check(at, answer)
    assert progress(at).task == task + 1, said(at)
    assert said(at)[1] == []


def refused(at, answer=None, words: str = "") -> str:
    task = progress(at).task
    check(at, answer)
    assert progress(at).task == task
    (error,) = said(at)[1]
    assert words in error
    return error


def explorer(at):
    return at.session_state["explorer"]


def go_to(at, position: int):
    """A step the browser took, as the stepper's sync tells the server."""
    explorer(at).set_position(position)
    at.run()


def text_field(at, label: str):
    return next(t for t in at.text_input if t.label == label)


def answer_question(at):
    """A wrong choice is explained and changes nothing; the right one ends the lesson."""
    question = LESSONS[progress(at).key].question
    wrong = next(k for k, c in enumerate(question.choices) if not c.right)
    at.radio(key=f"lesson_choice_{progress(at).key}").set_value(wrong).run()
    button(at, "Answer").click().run()
    assert said(at)[1] == [question.choices[wrong].why]
    right = next(k for k, c in enumerate(question.choices) if c.right)
    at.radio(key=f"lesson_choice_{progress(at).key}").set_value(right).run()
    button(at, "Answer").click().run()
    assert "Lesson complete." in said(at)[0]
    assert progress(at).task == len(LESSONS[progress(at).key].tasks) + 1


def test_the_forward_lesson():
    at = opened("forward")
    net, x = PRESETS["seed"]().network, PRESETS["seed"]().inputs[0]
    assert dict(at.query_params) == {"preset": "seed", "show": "a", "lesson": "forward", "task": "0"}
    z1 = net.layers[0].weights[0] @ x + net.layers[0].biases[0]
    refused(at, "", "empty")
    refused(at, "{0}{", "not a number")  # braces typed are quoted, never formatted
    assert "bias" in refused(at, z1 - net.layers[0].biases[0])
    refused(at, z1 + 7, "more than 1 % off")
    assert at.sidebar.text_input[0].value == str(z1 + 7)  # a wrong answer stays where it was typed
    done(at, z1)
    refused(at, words="step 0")
    go_to(at, 1)
    done(at)
    a1 = net.layers[0].weights @ x + net.layers[0].biases
    done(at, round(net.layers[1].weights[0] @ a1 + net.layers[1].biases[0], 3))
    go_to(at, 3)
    done(at)
    answer_question(at)
    assert dict(at.query_params)["task"] == "5"


def test_the_loss_lesson():
    at = opened("loss")
    assert explorer(at).position == 3
    preset = PRESETS["seed"]()
    y_hat, y = forward(preset.network, preset.inputs).output[0, 0], preset.targets[0, 0]
    done(at, (y_hat - y) ** 2)
    assert "sign" in refused(at, -2 * (y_hat - y))
    assert "factor 2" in refused(at, y_hat - y)
    done(at, 2 * (y_hat - y))
    go_to(at, 5)
    done(at)
    answer_question(at)


def test_the_delta_lesson():
    at = opened("delta")
    preset = PRESETS["mazur"]()
    net, fwd = preset.network, forward(preset.network, preset.inputs)
    grads = backward(net, fwd, preset.targets)
    delta_out, a1 = grads.layers[1].delta[0], fwd.layers[0].a[0]
    upstream = net.layers[1].weights.T @ delta_out
    assert "f′(z)" in refused(at, upstream[0])
    assert "Wᵀ" in refused(at, (net.layers[1].weights @ delta_out)[0] * a1[0] * (1 - a1[0]))
    delta = upstream[0] * a1[0] * (1 - a1[0])
    done(at, delta)
    go_to(at, 5)
    done(at)
    done(at, delta * preset.inputs[0, 0])
    answer_question(at)


def test_the_shapes_lesson():
    at = opened("shapes")
    refused(at, words="p = 2")
    for key, value in (("mm_n", 2), ("mm_m", 3), ("mm_p", 4)):
        at.selectbox(key=key).set_value(value).run()
    done(at)
    assert "size of G" in refused(at, 8)
    done(at, 12)
    state = at.session_state["matmul"]
    assert "first row" in refused(at, state.x[0, 0] * state.upstream[0, 0])
    done(at, state.x[:, 0] @ state.upstream[:, 0])
    answer_question(at)


def test_the_sgd_lesson():
    at = opened("sgd")
    assert explorer(at).position == 7
    preset = PRESETS["seed"]()
    net = preset.network
    grad = backward(net, forward(net, preset.inputs), preset.targets).layers[0].grad_weights[0, 0]
    w, eta = net.layers[0].weights[0, 0], preset.learning_rate
    assert "with the gradient" in refused(at, w + eta * grad)
    done(at, w - eta * grad)
    refused(at, words="Apply update")
    replay_updates(explorer(at), {"update": [explorer(at).drawn_from(), 1, 1]}, None)  # Apply update, in the page
    at.run()
    done(at)
    before, after = (point.loss for point in explorer(at).history[-2:])
    assert after < before
    assert "before the update" in refused(at, before)
    done(at, after)
    answer_question(at)


def test_the_rate_lesson():
    at = opened("rate")
    refused(at, words="at least 0.05")
    text_field(at, "Learning rate η").set_value("0.05").run()
    done(at)
    button(at, "Train").click().run()
    losses = [point.loss for point in explorer(at).history]
    assert losses[-1] > 1000 * losses[0]  # it diverged, and stopped
    done(at)
    button(at, "Train").click().run()  # still at η = 0.05: refused with the numbers
    refused(at, words="0.05")
    button(at, "Load preset").click().run()
    button(at, "Train").click().run()
    done(at)
    answer_question(at)


def test_the_vanishing_lesson():
    at = opened("vanishing")
    go_to(at, 11)
    done(at)
    assert "σ(0)" in refused(at, 0.5)
    done(at, 0.25)
    refused(at, words="4 of the 4 hidden layers")
    at.selectbox(key=next(s.key for s in at.selectbox if s.label == "Preset")).set_value("deep_relu")
    button(at, "Load preset").click().run()
    done(at)
    text_field(at, "Epochs").set_value("200").run()
    button(at, "Train").click().run()
    done(at)
    answer_question(at)


def test_the_softmax_lesson():
    at = opened("softmax")
    p = softmax(np.array([1.0, 2.0, 3.0]))
    assert "logits" in refused(at, 3 / 6)
    done(at, p[2])
    assert "seed's Jacobian" in refused(at, 1.0)  # s₁(1 − z₁) where s₁(1 − s₁) belongs gives z₁ = 1 here
    done(at, p[0])
    at.select_slider[0].set_value(500.0).run()
    refused(at, words="add more")
    at.select_slider[0].set_value(1000.0).run()
    done(at)
    answer_question(at)


def test_the_boundary_lesson():
    at = opened("boundary")
    refused(at, words="dataset")
    next(s for s in at.selectbox if s.label == "Dataset").set_value("xor").run()
    done(at)
    text_field(at, "Hidden layers (units each)").set_value("").run()
    at.session_state["playground"].train_epochs(60)  # what Play's chunks call
    at.run()
    done(at)
    assert at.session_state["playground"].history["test_accuracy"][-1] < 0.7  # no line separates XOR
    text_field(at, "Hidden layers (units each)").set_value("4").run()
    refused(at, words="90%")
    at.session_state["playground"].train_epochs(60)
    at.run()
    done(at)
    answer_question(at)


def test_the_digits_lesson():
    at = opened("digits")
    refused(at, words="90%")
    button(at, "Train").click().run()
    done(at)
    at.slider(key="digits_hidden").set_value(2).run()
    refused(at, words="10")
    button(at, "Train").click().run()
    done(at)
    at.slider(key="digits_hidden").set_value(32).run()
    for _ in range(3):
        button(at, "Train").click().run()
    done(at)
    answer_question(at)


def test_a_reload_carries_on_where_the_link_says():
    """A reload is a new session from the address bar, which holds the state and the lesson's place."""
    at = opened("forward")
    go_to(at, 1)
    at.text_input(key="lesson_answer_forward_0").input("0")
    link = dict(at.query_params)
    again = open_page(EXPLORER, query=link | {"task": "2"})
    assert progress(again).task == 2 and explorer(again).position == 1
    assert LESSONS["forward"].tasks[2].text in [m.value for m in again.sidebar.markdown]


def test_a_teacher_link_in_french_opens_the_lesson_in_french():
    at = opened("delta", lang="fr")
    assert any(m.value.startswith("**Leçon 3 sur 10") for m in at.sidebar.markdown)
    assert not at.exception


@pytest.mark.parametrize("query, words", [({"lesson": "nope"}, "no lesson"),
                                          ({"lesson": "forward", "task": "x9"}, "first task")])
def test_a_bad_lesson_link_is_said_and_the_page_opens(query, words):
    at = open_page(EXPLORER, query=query)
    assert any(words in w.value for w in at.sidebar.warning)
    assert explorer(at).network.sizes == [4, 3, 3, 1]


def test_leaving_the_lesson_clears_its_panel_and_link():
    at = opened("forward")
    button(at, "Leave the lesson").click().run()
    assert "lesson" not in at.session_state
    assert "lesson" not in dict(at.query_params) and "Check" not in [b.label for b in at.sidebar.button]


def test_another_page_points_back_to_the_lesson():
    at = opened("forward")
    at.switch_page(PAGE_FILES["softmax"]).run()
    assert any("Lesson 1 of 10" in m.value for m in at.sidebar.markdown)
    assert "Check" not in [b.label for b in at.sidebar.button]
    assert any(link.label == "Back to the lesson" for link in at.sidebar.get("page_link"))


def test_the_lessons_page_lists_every_lesson_with_its_link():
    at = open_page("pages/6_Lessons.py", query={"lang": "fr"})
    assert len(at.subheader) == len(LESSONS) and at.subheader[0].value == "1. Une passe avant à la main"
    codes = [c.value for c in at.code]
    assert codes == [f"{PAGE_FILES[l.page].split('_', 1)[1].removesuffix('.py')}?lesson={l.key}&lang=fr"
                     for l in LESSONS.values()]
