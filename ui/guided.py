"""A guided lesson on the page it runs on: started by its link, its progress kept in the session and the link, its
panel at the top of the sidebar, above the page list. A check is judged at the end of the page's run, once the page
has taken in what the browser computed (steps, updates, training), so it reads the numbers the learner sees."""
from dataclasses import dataclass
from urllib.parse import urlencode

import streamlit as st

from backprop.checks import Result, Scene
from backprop.course import LESSONS, check
from backprop.i18n import N_, _
from backprop.numbers import read_number

from . import session
from .explorer import quiz
from .explorer.link import state_from_link
from .live import actions as live
from .nav import PAGES

# the pages a lesson can run on, as backprop.checks.Scene names them, in ui/nav.py's order: their files and names
_ON = dict(zip(("explorer", "matmul", "softmax", "digits", "playground"), PAGES[1:6]))
PAGE_FILES = {page: path for page, (path, _label, _icon) in _ON.items()}
PAGE_NAMES = {page: label for page, (_path, label, _icon) in _ON.items()}
LINK = ("lesson", "task")  # the link's fields for a lesson under way


@dataclass
class Progress:
    key: str
    task: int = 0                 # tasks done: len(tasks) asks the question, len(tasks) + 1 is the end
    said: Result | None = None    # the last verdict, shown once, under the task it judged
    pending: bool = False         # Check was pressed: judged at the end of the run

    @property
    def lesson(self):
        return LESSONS[self.key]


def url_path(page: str) -> str:
    """A page's address, as Streamlit names it from its file: pages/1_Network_explorer.py -> Network_explorer."""
    return PAGE_FILES[page].removeprefix("pages/").removesuffix(".py").split("_", 1)[1]


def link(key: str, language: str = "en") -> str:
    """The lesson's link from the app's root: it opens its page in the lesson's state, at its first task."""
    query = {"lesson": key} | ({} if language == "en" else {"lang": language})
    return f"{url_path(LESSONS[key].page)}?{urlencode(query)}"


def app_root(url: str | None) -> str:
    """The app's address, from the page's (…/Lessons?lang=fr -> …/), for links a teacher copies; "" when unknown."""
    return url.split("?")[0].rsplit("/", 1)[0] + "/" if url and "://" in url else ""


def _task_number(text: str, key: str) -> int:
    if not text.isdigit() or int(text) > len(LESSONS[key].tasks) + 1:
        raise ValueError(text)
    return int(text)


def start(page: str) -> Progress | None:
    """The session's lesson, on the first line of every page. A link with a lesson and no task starts it: the page
    opens in the lesson's state. A link with both (a reload) carries on where it was."""
    key, task = session.link_value(LINK[0]), session.link_value(LINK[1])
    progress = session.get("lesson")
    if key is None or (progress is not None and progress.key == key and task is not None):
        return progress
    if key not in LESSONS:
        st.sidebar.warning(_("This link names no lesson ({key}): the page opens as it is.").format(key=key[:40]))
        session.set_link_value(LINK[0], None)
        return progress
    try:
        progress = Progress(key, 0 if task is None else _task_number(task, key))
    except ValueError:
        progress = Progress(key)
        st.sidebar.warning(_("The link's task could not be read: the lesson starts at its first task."))
    if task is None:  # a reload's page state is the link's (the explorer) or the page's own start
        _open_state(LESSONS[key])
    session.put("lesson", progress)
    return progress


def _open_state(lesson) -> None:
    """The lesson's page as the lesson starts it: the explorer from the lesson's link, other pages afresh."""
    if lesson.page == "explorer":
        session.put(session.KEY, state_from_link(lesson.link))
    else:
        session.pop(lesson.page)


def slot(progress: Progress | None, top):
    """The panel's place at the top of the sidebar (`top`, from page_config), filled at the end of the run (None
    without a lesson)."""
    return None if progress is None else top.container(border=True, key="lesson_panel")


def panel(place, progress: Progress | None, page: str, scene: Scene | None) -> None:
    """The lesson's panel: where it is, the task, its check; then the question and the way on."""
    if progress is None:
        return
    lesson = progress.lesson
    if progress.pending and lesson.page == page and progress.task < len(lesson.tasks):
        _judge(progress, scene)
    for name, value in session.lesson_link().items():
        session.set_link_value(name, value)
    with place:
        number = list(LESSONS).index(lesson.key) + 1
        st.markdown(_("**Lesson {k} of {n}: {title}**").format(k=number, n=len(LESSONS), title=_(lesson.title)))
        if lesson.page != page:
            st.caption(_("It runs on the page {page}.").format(page=_(PAGE_NAMES[lesson.page])))
            st.page_link(PAGE_FILES[lesson.page], label=_("Back to the lesson"), icon=":material/school:",
                         query_params=session.lesson_link())
            return
        st.caption(_(lesson.goal))
        _said(progress)
        if progress.task < len(lesson.tasks):
            _task(progress)
        elif progress.task == len(lesson.tasks):
            _question(progress)
        else:
            _end(progress)
        if page == "explorer" and session.get("live_teacher") is None:
            st.button(_("Run it as a live class"), key="lesson_live", on_click=teach_live, help=_(
                "Turns quiz mode on and starts a live class: each question of the pass goes to your students' phones, "
                "and the bar above the stepper shows what they answered."))
        st.button(_("Leave the lesson"), key="lesson_leave", on_click=leave)


def _judge(progress: Progress, scene: Scene) -> None:
    progress.pending = False
    task = progress.lesson.tasks[progress.task]
    answer = None
    if task.ask is not None:
        try:
            answer = read_number(session.value_or(answer_key(progress), ""), _("Your answer"))
        except ValueError as error:
            progress.said = Result(False, str(error))
            return
    progress.said = result = check(task, scene, answer)
    if result.done:
        progress.task += 1


def answer_key(progress: Progress) -> str:
    return f"lesson_answer_{progress.key}_{progress.task}"


def _said(progress: Progress) -> None:
    said, progress.said = progress.said, None
    if said is None:
        return
    text = _(said.text) if said.text else _("Done.")
    if said.fields:  # only a check's own sentence has fields: a refusal may quote braces the learner typed
        text = text.format(**{name: _(value) for name, value in said.fields})
    (st.success if said.done else st.error)(text)
    if said.equation:
        st.latex(said.equation)


def _task(progress: Progress) -> None:
    lesson, k = progress.lesson, progress.task
    st.progress(k / len(lesson.tasks), text=_("Task {k} of {n}").format(k=k + 1, n=len(lesson.tasks)))
    task = lesson.tasks[k]
    st.markdown(_(task.text))
    if task.ask is not None:
        st.text_input(_("Your answer"), key=answer_key(progress), help=_("A number such as 0.5, -2 or 1e-3."))
    st.button(_("Check"), type="primary", key=f"lesson_check_{lesson.key}_{k}", on_click=_pend, args=(progress,),
              width="stretch")


def _pend(progress: Progress) -> None:
    progress.pending = True


def _question(progress: Progress) -> None:
    question = progress.lesson.question
    st.progress(1.0, text=_("The question"))
    key = f"lesson_choice_{progress.key}"
    st.radio(_(question.prompt), range(len(question.choices)), index=None, key=key,
             format_func=lambda k: _(question.choices[k].text))
    st.button(_("Answer"), type="primary", key="lesson_answer", on_click=_answer, args=(progress, key), width="stretch")


def _answer(progress: Progress, key: str) -> None:
    chosen = session.value_or(key, None)
    if chosen is None:
        progress.said = Result(False, N_("Pick an answer first."))
        return
    choice = progress.lesson.question.choices[chosen]
    progress.said = Result(choice.right, choice.why)
    if choice.right:
        progress.task += 1


def _end(progress: Progress) -> None:
    st.success(_("Lesson complete."))
    keys = list(LESSONS)
    following = keys.index(progress.key) + 1
    if following < len(keys):
        nxt = LESSONS[keys[following]]
        st.page_link(PAGE_FILES[nxt.page], label=_("Next lesson: {title}").format(title=_(nxt.title)),
                     icon=":material/arrow_forward:", query_params={"lesson": nxt.key})
    st.page_link("pages/6_Lessons.py", label=_("All lessons"), icon=":material/school:")


def teach_live() -> None:
    """The explorer's lesson, as a live class: the class predicts each number of the pass before the step shows it."""
    state = session.get(session.KEY)
    quiz.set_quiz(state, True)
    live.start_class(state)


def leave() -> None:
    session.pop("lesson")
    for name in LINK:
        session.set_link_value(name, None)


# ---------------------------------------------------------------- what each page shows, as the checks read it
def explorer_scene(state) -> Scene:
    return Scene("explorer", state.network, state.walk, state.targets, state.sample, state.learning_rate, state.position,
                 tuple(point.loss for point in state.history), tuple(point.event for point in state.history))


def matmul_scene(state) -> Scene:
    return Scene("matmul", matmul=state.lesson)


def softmax_scene(state) -> Scene:
    return Scene("softmax", softmax=state.lesson)


def trained_scene(page: str, hidden: tuple[int, ...], epochs: int, history: dict, dataset: str | None = None) -> Scene:
    """The playground's or the digits page's: its network's hidden sizes, epochs, and the last test accuracy."""
    accuracy = history["test_accuracy"][-1] if history["test_accuracy"] else None
    return Scene(page, dataset=dataset, hidden=tuple(hidden), epochs=epochs, test_accuracy=accuracy)
