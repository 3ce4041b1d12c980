"""The lessons as data, and their checks, without Streamlit: every lesson opens, no task is done before the learner
does it, each question has one right choice, and a typed number is judged within 1 %, its known mistakes named."""
import numpy as np
import pytest

from backprop import PRESETS, walkthrough
from backprop.checks import Ask, Scene, close, judge
from backprop.course import LESSONS, Task, check
from backprop.lessons import matmul_lesson, random_matrices, softmax_lesson
from ui.explorer.link import state_from_link
from ui.guided import PAGE_FILES, explorer_scene, link, url_path


def opening_scene(lesson) -> Scene:
    """What the lesson's page shows as the lesson opens it."""
    if lesson.page == "explorer":
        return explorer_scene(state_from_link(lesson.link))
    if lesson.page == "matmul":
        return Scene("matmul", matmul=matmul_lesson(*random_matrices(2, 3, 2, 0)))
    if lesson.page == "softmax":
        return Scene("softmax", softmax=softmax_lesson(np.array([1.0, 2.0, 3.0]), 2))
    hidden = (8, 8) if lesson.page == "playground" else (32,)
    return Scene(lesson.page, dataset="circle", hidden=hidden)


def test_ten_lessons_in_the_order_of_the_issue():
    assert list(LESSONS) == ["forward", "loss", "delta", "shapes", "sgd", "rate", "vanishing", "softmax", "boundary",
                             "digits"]
    for lesson in LESSONS.values():
        assert lesson.page in PAGE_FILES and len(lesson.tasks) >= 3 and lesson.goal
        assert all((task.check is None) != (task.ask is None) for task in lesson.tasks)
        assert [choice.right for choice in lesson.question.choices].count(True) == 1
        assert all(choice.why for choice in lesson.question.choices)


@pytest.mark.parametrize("key", list(LESSONS))
def test_a_lessons_first_task_is_not_done_before_the_learner_does_it(key):
    lesson = LESSONS[key]
    scene = opening_scene(lesson)
    first = lesson.tasks[0]
    verdict = check(first, scene, None if first.check is not None else 1e6)
    assert not verdict.done and verdict.text


@pytest.mark.parametrize("key", [k for k, lesson in LESSONS.items() if lesson.page == "explorer"])
def test_every_number_a_lesson_asks_for_is_the_cores(key):
    """Each task that asks for a number of the pass finds it in the pass the lesson opens, and the core's value is
    judged right."""
    lesson = LESSONS[key]
    state = state_from_link(lesson.link)
    scene = explorer_scene(state)
    for task in lesson.tasks:
        if task.ask is not None and (ask := task.ask(scene)) is not None:
            assert judge(ask, ask.expected).done
            assert not judge(ask, ask.expected * 1.02 + 1e-6).done


def test_a_number_is_right_within_1_percent_even_when_it_is_small():
    ask = Ask("x", 0.002, "1 + 1", ((("a mistake"), 0.0021),))
    assert judge(ask, 0.00201).done
    wrong = judge(ask, 0.0021)
    assert not wrong.done and dict(wrong.fields) == {"mistake": "a mistake"} and r"\boxed{?}" in wrong.equation
    assert close(0.0, 0.0) and not close(1e-6, 0.0)


def test_a_mistake_that_gives_the_right_number_is_not_named():
    ask = Ask("x", 1.0, "1", (("a mistake", 1.0), ("another", 2.0)))
    assert judge(ask, 1.0).done
    assert dict(judge(ask, 2.0).fields) == {"mistake": "another"}


def test_a_task_with_no_number_typed_says_so():
    task = LESSONS["forward"].tasks[0]
    assert check(task, opening_scene(LESSONS["forward"])).text == "Type a number first."


def test_the_seed_jacobian_mistake_differs_from_the_true_gradient_and_is_named():
    """The softmax lesson's second task, on the logits the page opens with: the seed's sᵢ(1 − zᵢ) gives z₁ = 1."""
    scene = opening_scene(LESSONS["softmax"])
    task = LESSONS["softmax"].tasks[1]
    p = np.exp([1.0, 2.0, 3.0]) / np.exp([1.0, 2.0, 3.0]).sum()
    assert check(task, scene, p[0]).done
    assert "seed's Jacobian" in dict(check(task, scene, 1.0).fields)["mistake"]


def test_links_name_the_pages_as_streamlit_does():
    assert url_path("explorer") == "Network_explorer" and url_path("matmul") == "Matrix_product"
    assert link("softmax", "zh") == "Softmax?lesson=softmax&lang=zh"


def test_the_rate_lessons_checks_read_the_loss_curve():
    rose, fell = LESSONS["rate"].tasks[1].check, LESSONS["rate"].tasks[2].check
    scene = Scene("explorer", learning_rate=0.005, losses=(4.7, 27.7, 3306.0), events=("start", "train", "train"))
    assert rose(scene).done and not fell(scene).done
    scene = scene._replace(losses=(4.7, 0.3, 0.01))
    assert not rose(scene).done and fell(scene).done
    assert not fell(scene._replace(learning_rate=0.05)).done  # at the diverging η it is no fix
    assert not rose(scene._replace(events=("start", "train", "edit"))).done  # an edit since: train again


def test_every_explorer_lesson_opens_at_its_step():
    for lesson in LESSONS.values():
        if lesson.page == "explorer":
            state = state_from_link(lesson.link)
            assert state.position == int(lesson.link.get("step", 0)) and state.preset == lesson.link["preset"]
            walkthrough(state.network, state.inputs, state.targets, state.learning_rate)
    assert PRESETS["deep_sigmoid"]().network.sizes == [2, 8, 8, 8, 8, 1]  # the vanishing lesson's step 11
