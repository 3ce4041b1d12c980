"""The live class's panels: the teacher's bar on the explorer (the join code, the count, Ask and Reveal, the spread),
and a student's question on the live class page. Each refreshes itself every REFRESH seconds, alone."""
import streamlit as st

from backprop.i18n import _

from .. import session
from ..charts import chart
from ..guided import app_root
from . import actions, store
from .figures import join_qr, spread_figure

REFRESH = 2.0  # seconds: a new question or the reveal reaches a phone within this


def join_url(code: str) -> str:
    return f"{app_root(st.context.url)}Live_class?join={code}"


def _question_line(round_: store.Round) -> str:
    q = round_.question
    return _("**Question {k}**: before step {position}, what is ${symbol}$ at {where}?").format(
        k=round_.number, position=round_.position, symbol=q["symbol"], where=q["where"])


@st.fragment(run_every=REFRESH)
def teacher_bar(state) -> None:
    """On the explorer while a class is live: how to join, how many joined and answered, and the teacher's two moves."""
    view = actions.teacher_view()
    if view is None:
        return
    if actions.reached(state, view):  # the pass reached a question the class has not been asked: ask it
        actions.ask(state)
        view = actions.teacher_view()
    with st.container(border=True, key="live_bar"):
        top = st.columns([3, 1, 1, 1, 1], vertical_alignment="center")
        top[0].markdown(_("**Live class** · code **{code}** · {joined} joined").format(code=view.join_code,
                                                                                  joined=view.joined))
        with top[1].popover(_("QR code"), width="stretch"):
            st.image(join_qr(join_url(view.join_code)), width=280)
        again = state.pending is not None and view.round is not None and view.round.revealed
        top[2].button(_("Ask again"), on_click=actions.ask, args=(state,), disabled=not again, width="stretch",
                      help=_("Each question is asked as the pass reaches it; this asks the revealed one once more."))
        can_reveal = view.round is not None and not view.round.revealed
        top[3].button(_("Reveal"), on_click=actions.reveal, disabled=not can_reveal, type="primary", width="stretch")
        top[4].button(_("End"), on_click=actions.end_class, key="live_end", width="stretch",
                      help=_("Ends the live class on this screen; its data is deleted after a day."))
        # full-size text, read off a projector; its link in a caption's faded blue was 2.96:1 on white
        st.markdown(_("Join at {url}").format(url=join_url(view.join_code)) + ("" if view.code_open else " · " + _(
            "The join code has expired: students who joined carry on.")))
        with st.expander(_("Your teacher's link: it gives this bar back after a reload, or on another screen")):
            st.warning(_("Keep it to yourself: whoever opens it controls the class."))
            st.code(app_root(st.context.url) + actions.teacher_link(session.get("live_teacher")), language=None)
        if view.round is not None:
            st.markdown(_question_line(view.round) + " · " + _("{answered} of {joined} answered").format(
                answered=view.answered, joined=view.joined))
        if view.summary is not None:
            _spread(view)


def _spread(view: store.TeacherView) -> None:
    done, expected = view.summary, view.round.question["expected"]
    left, right = st.columns([2, 1])
    with left:
        chart(spread_figure(done, expected), key="live_spread")
    right.markdown(_("**{right}** right, of {answered} answers").format(right=f"{done.right:.0%}",
                                                                        answered=done.answered))
    for what, share in done.mistakes:
        right.markdown(_("{share} {mistake}").format(share=f"**{share:.0%}**", mistake=_(what)))


@st.fragment(run_every=REFRESH)
def student_panel(class_id: str, student: str) -> None:
    """A student's page: the question under way, the answer field, and after the reveal how it went."""
    try:
        view = store.student_view(actions.database(), class_id, student)
    except store.Refused as error:
        st.error(actions.said(error))
        return
    if view.nickname:
        st.caption(_("Joined as {name}: only your teacher's database keeps it.").format(name=view.nickname))
    if view.round is None:
        st.info(_("Joined. Waiting for the teacher's first question…"))
        return
    st.markdown(_question_line(view.round))
    with st.expander(_("The equation, with its numbers")):
        st.latex(view.round.question["hint"])
    if not view.round.revealed:
        key = f"live_answer_{class_id}_{view.round.number}"
        st.text_input(_("Your answer"), key=key, help=_("A number such as 0.5, -2 or 1e-3."))
        if st.button(_("Send"), type="primary", key=f"live_send_{view.round.number}"):
            message = actions.send(class_id, student, view.round.number, session.value(key))
            {"error": st.error}.get(message.level, st.success)(message.text)
        elif view.answer is not None:
            st.caption(_("Sent: {value}. You can change it until the answer is revealed.").format(value=f"{view.answer:g}"))
        return
    expected = f"{view.expected:.6g}"
    if view.answer is None:
        st.info(_("The answer was {expected}.").format(expected=expected))
    elif view.right:
        st.success(_("Right: {expected}.").format(expected=expected))
    else:
        mistake = _(view.mistake) if view.mistake else _("it is more than 1 % off")
        st.error(_("The answer was {expected}; yours, {value}: {mistake}.").format(
            expected=expected, value=f"{view.answer:g}", mistake=mistake))
