"""A live class, on a student's phone or laptop: join with the code on the projector, then answer each question the
teacher's explorer asks, and see how it went when the teacher reveals it."""
import streamlit as st

from backprop.i18n import N_, _

from ui import session
from ui.live import actions
from ui.live.panels import student_panel
from ui.message import Message
from ui.nav import page_config

page_config(N_("Live class"), "📡")
st.title(_("Live class"))
if (place := actions.place()) is not None:
    student_panel(*place)
elif (class_id := session.link_value("class")) and (secret := session.link_value("teacher")):
    st.markdown(_("This is a teacher's link: it opens the explorer with the class's bar above the stepper."))
    if st.button(_("Open the class in the explorer"), type="primary"):
        refused = actions.resume(class_id, secret)  # on success it goes to the explorer
        st.error(refused.text)
else:
    st.markdown(_("Type the code your teacher's screen shows. No account: a nickname is optional, and only your "
                  "teacher sees it. Nobody sees your answers before the reveal."))
    with st.form("live_join"):
        code = st.text_input(_("Code"), value=(session.link_value("join") or "")[:12], max_chars=12)
        nickname = st.text_input(_("Nickname (optional)"), max_chars=24)
        joined = st.form_submit_button(_("Join"), type="primary")
    if joined:
        refused: Message | None = actions.join(code, nickname)
        if refused is None:
            st.rerun()
        st.error(refused.text)
    st.caption(_("Teachers: start a class from the network explorer, in quiz mode (in its sidebar), or from the panel "
                 "of a lesson on the explorer."))
