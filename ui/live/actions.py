"""The live class on the pages: the database the app opens once, the teacher's and each student's place in it (kept in
the session and the link, so a reload loses nothing), and what the pages' buttons do."""
import time
from urllib.parse import parse_qsl, urlencode

import streamlit as st

from backprop.i18n import _
from backprop.numbers import read_number

from .. import session
from ..explorer import quiz
from ..explorer.link import link_of, state_from_link
from ..message import Message
from . import store
from .db import Database
from .migrations import migrate

@st.cache_resource
def database() -> Database:
    """DATABASE_URL's database (SQLite's file by default), its schema brought up to date once per process."""
    db = Database()
    migrate(db)
    return db


def said(error: store.Refused) -> str:
    return _(error.text).format(**error.fields)


# ---------------------------------------------------------------- the teacher, in the explorer
def start_class(state) -> None:
    """A class for the explorer's network; the teacher's link goes in the session and the address bar."""
    teacher = store.create_class(database(), urlencode(link_of(state)), time.time())
    session.put("live_teacher", teacher)


def ask(state) -> None:
    """The class is asked the question the explorer's quiz asks before its next step."""
    teacher, question = session.get("live_teacher"), state.pending
    if teacher is None or question is None:
        return
    store.open_round(database(), teacher.class_id, teacher.secret, question.position,
                     store.question_json(question, quiz.place_name(question, state.sizes)), time.time())


def reached(state, view: store.TeacherView) -> bool:
    """The explorer's quiz asks a question before its next step that the class has not been asked since the last
    reveal: at the start, and each time the teacher steps past a revealed one."""
    if state.pending is None:
        return False
    return view.round is None or (view.round.revealed and view.round.position != state.pending.position)


def reveal() -> None:
    teacher = session.get("live_teacher")
    store.reveal(database(), teacher.class_id, teacher.secret, time.time())


def teacher_link(teacher: store.Teacher) -> str:
    """The link that gives the teacher's side back, from any screen: it holds the secret, so it is the teacher's alone."""
    return f"Live_class?{urlencode({'class': teacher.class_id, 'teacher': teacher.secret})}"


def resume(class_id: str, secret: str) -> Message | None:
    """The teacher's link opened: the class is this session's again, and the explorer opens on the network it began
    with (a refusal's message, if the link is not the class's)."""
    try:
        teacher, link = store.resume(database(), class_id[:40], secret[:80])
    except store.Refused as error:
        return Message("error", said(error))
    session.put("live_teacher", teacher)
    session.open_in_explorer(state_from_link(dict(parse_qsl(link))))  # the class's own link: one the app wrote
    return None


def end_class() -> None:
    session.pop("live_teacher")


def teacher_view() -> store.TeacherView | None:
    teacher = session.get("live_teacher")
    if teacher is None:
        return None
    try:
        return store.teacher_view(database(), teacher.class_id, teacher.secret, time.time())
    except store.Refused:  # deleted after its day: the session forgets it
        session.pop("live_teacher")
        return None


# ---------------------------------------------------------------- a student, on the live class page
def join(code: str, nickname: str) -> Message | None:
    """Join with the code typed; a refusal's message, or None once joined (the place is then in the link)."""
    client = st.context.ip_address or "unknown"  # behind a proxy, the proxy's: one limit for all, sized for a class
    try:
        class_id, student = store.join(database(), code, nickname, client, time.time())
    except store.Refused as error:
        return Message("error", said(error))
    session.set_link_value("class", class_id)
    session.set_link_value("me", student)
    session.set_link_value("join", None)
    return None


def place() -> tuple[str, str] | None:
    """(class, student) from the link: a reload or a phone that slept comes back to its place."""
    class_id, student = session.link_value("class"), session.link_value("me")
    return (class_id[:40], student[:40]) if class_id and student else None


def send(class_id: str, student: str, number: int, text) -> Message:
    try:
        value = read_number(text, _("Your answer"))
        store.answer(database(), class_id, student, number, value, time.time())
    except store.Refused as error:
        return Message("error", said(error))
    except ValueError as error:
        return Message("error", str(error))
    return Message("success", _("Sent: {value}. You can change it until the answer is revealed.").format(
        value=f"{value:g}"))
