"""A live class through its pages, as AppTest runs them: the teacher starts it from the explorer in quiz mode, a
student joins on the live class page with the code, the teacher asks the class the quiz's next question, the student
answers, the teacher reveals, and each side sees what it should."""
import pytest

from apptest_helpers import button, open_page
from backprop import PRESETS, forward
from ui.explorer import quiz
from ui.live import actions

EXPLORER, LIVE = "pages/1_Network_explorer.py", "pages/8_Live_class.py"


@pytest.fixture(autouse=True)
def database(tmp_path, monkeypatch):
    """Each test its own SQLite file: the app opens DATABASE_URL's database once per process."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'live.sqlite3'}")
    actions.database.clear()
    yield
    actions.database.clear()


def texts(at) -> str:
    return "\n".join(e.value for kind in ("markdown", "success", "error", "info", "caption") for e in at.get(kind))


def joined(code: str, nickname: str = ""):
    student = open_page(LIVE, query={"join": code})
    assert student.text_input[0].value == code
    student.text_input[1].set_value(nickname)
    button(student, "Join").click().run()
    assert not student.exception and "**Question 1**: before step 1" in texts(student)  # asked as the class began
    return student


def test_a_round_from_the_explorer_to_a_phone_and_back():
    teacher = open_page(EXPLORER, query={"preset": "seed", "quiz": "1"})
    button(teacher, "Start a live class").click().run()
    code = teacher.session_state["live_teacher"].join_code
    assert f"code **{code}** · 0 joined" in texts(teacher)
    student = joined(code, "Ann")
    assert "Joined as Ann" in texts(student)
    assert set(student.query_params) >= {"class", "me"}  # a reload comes back to the same place
    teacher.run()
    assert "1 joined" in texts(teacher)
    assert "0 of 1 answered" in texts(teacher)  # the quiz's first question was asked as the class began
    student.run()
    assert "**Question 1**: before step 1" in texts(student)
    preset = PRESETS["seed"]()
    asked = teacher.session_state["explorer"].pending
    value = forward(preset.network, preset.inputs).layers[0].z[0, asked.place.i] if asked.kind == "z" else asked.expected
    answered_right(teacher, student, value)


def answered_right(teacher, student, value: float) -> None:
    """The one student sends the right `value`; the teacher's bar counts it and reveals it; the student sees it right."""
    student.text_input[0].input(repr(float(value)))
    button(student, "Send").click().run()
    assert "Sent:" in texts(student)
    teacher.run()
    assert "1 of 1 answered" in texts(teacher)
    button(teacher, "Reveal").click().run()
    assert "**100%** right, of 1 answers" in texts(teacher)
    student.run()
    assert "Right:" in texts(student)


def test_a_student_joining_after_the_teacher_left_quiz_mode_gets_the_question_under_way():
    teacher = open_page(EXPLORER, query={"preset": "seed", "quiz": "1"})
    button(teacher, "Start a live class").click().run()
    code = teacher.session_state["live_teacher"].join_code
    teacher.toggle(key=next(t.key for t in teacher.toggle if t.label.startswith("Quiz mode"))).set_value(False).run()
    student = open_page(LIVE, query={"join": code})
    button(student, "Join").click().run()
    assert "Waiting for the teacher's first question" not in texts(student)
    assert "**Question 1**" in texts(student)


def test_a_wrong_code_is_said_and_nothing_joins():
    student = open_page(LIVE, query={"join": "NOPE22"})
    button(student, "Join").click().run()
    assert "No class has the code NOPE22." in texts(student) and "me" not in student.query_params


def test_the_reveal_names_the_classs_mistakes():
    teacher = open_page(EXPLORER, query={"preset": "seed", "quiz": "1", "ask": "z"})
    button(teacher, "Start a live class").click().run()
    code = teacher.session_state["live_teacher"].join_code
    students = [joined(code) for _ in range(3)]
    teacher.run()
    asked = teacher.session_state["explorer"].pending
    without_bias = dict(asked.mistakes)["the bias b was left out"]
    for student, value in zip(students, (without_bias, without_bias, asked.expected)):
        student.run()
        student.text_input[0].input(repr(value))
        button(student, "Send").click().run()
    button(teacher, "Reveal").click().run()
    assert "**33%** right, of 3 answers" in texts(teacher) and "**67%** the bias b was left out" in texts(teacher)
    students[0].run()
    assert "the bias b was left out" in texts(students[0])


def test_stepping_past_a_revealed_question_asks_the_next():
    teacher = open_page(EXPLORER, query={"preset": "seed", "quiz": "1", "ask": "z"})
    button(teacher, "Start a live class").click().run()
    student = joined(teacher.session_state["live_teacher"].join_code)
    button(teacher, "Reveal").click().run()
    button(teacher, "Ask again").click().run()  # the same question, once more
    student.run()
    assert "**Question 2**: before step 1" in texts(student)
    button(teacher, "Reveal").click().run()
    skip_in_the_explorer(teacher)
    student.run()
    assert "**Question 3**: before step 2" in texts(student)


def skip_in_the_explorer(at):
    """The teacher skips the quiz's question in the explorer (its page replays the skip to the server), and steps on."""
    state = at.session_state["explorer"]
    quiz.skip(state)
    state.set_position(state.position + 1)
    at.run()


def test_the_teachers_link_gives_the_class_back_after_a_reload():
    teacher = open_page(EXPLORER, query={"preset": "seed", "quiz": "1"})
    button(teacher, "Start a live class").click().run()
    held = teacher.session_state["live_teacher"]
    link = actions.teacher_link(held)
    assert held.secret in link and held.secret not in str(dict(teacher.query_params))  # never in the explorer's link
    query = dict(pair.split("=", 1) for pair in link.split("?", 1)[1].split("&"))
    again = open_page(LIVE, query=query)  # a new session: a reload, or the teacher's laptop
    button(again, "Open the class in the explorer").click().run()
    assert not again.exception and again.session_state["live_teacher"] == held
    assert f"code **{held.join_code}**" in texts(again)
    forged = open_page(LIVE, query=query | {"teacher": "x" + query["teacher"][1:]})
    button(forged, "Open the class in the explorer").click().run()
    assert "This teacher's link is not valid" in texts(forged) and "live_teacher" not in forged.session_state


def test_a_lesson_on_the_explorer_runs_as_a_live_class():
    """A teacher starts a class from an explorer lesson's panel: quiz mode comes on, the class is asked the pass's
    questions, and the lesson goes on beside it. A lesson on another page offers no class."""
    teacher = open_page(EXPLORER, query={"lesson": "forward"})
    assert not teacher.session_state["explorer"].quiz and "live_bar" not in str(teacher.main)
    button(teacher, "Run it as a live class").click().run()
    assert not teacher.exception
    state = teacher.session_state["explorer"]
    assert state.quiz and state.pending is not None
    assert teacher.session_state["lesson"].key == "forward" and teacher.query_params["lesson"] == "forward"
    assert [b for b in teacher.button if b.label == "Run it as a live class"] == []  # one class at a time
    student = joined(teacher.session_state["live_teacher"].join_code)
    teacher.run()
    assert "1 joined" in texts(teacher) and "0 of 1 answered" in texts(teacher)
    assert f"${state.pending.symbol}$" in texts(student)  # the explorer's own question
    other = open_page("pages/3_Softmax.py", query={"lesson": "softmax"})
    assert [b for b in other.button if b.label == "Run it as a live class"] == []


def test_a_round_at_every_step_of_a_pass():
    """The seed's pass asks one question before each of its 8 steps: the class predicts each, sees it revealed, and
    the teacher steps on, to the update."""
    teacher = open_page(EXPLORER, query={"preset": "seed", "quiz": "1"})
    button(teacher, "Start a live class").click().run()
    student = joined(teacher.session_state["live_teacher"].join_code)
    state = teacher.session_state["explorer"]
    for step in range(1, 9):
        asked = state.pending
        assert asked.position == step
        student.run()
        assert f"**Question {step}**: before step {step}" in texts(student)
        answered_right(teacher, student, asked.expected)
        skip_in_the_explorer(teacher)
        assert not teacher.exception
    assert state.pending is None and state.position == 8  # the pass is done: nothing more to ask
