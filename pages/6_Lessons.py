"""The guided lessons: what each teaches and checks, and the link that opens it."""
import streamlit as st

from backprop.course import LESSONS
from backprop.i18n import N_, _, language

from ui import guided
from ui.nav import page_config

page_config(N_("Lessons"), "🎓")
st.title(_("Guided lessons"))
st.markdown(_("Each lesson opens its page in a prepared state and states its goal. Its panel, at the top of the "
              "sidebar, gives one task at a time: you do it with the page's own controls, press **Check**, and the "
              "app checks it with its own numbers and says what is off. Each lesson ends with a question. The "
              "address bar keeps your place, so a reload carries on."))
st.markdown(_("**For teachers**: each lesson's link opens it in the language chosen in the sidebar. The first "
              "seven, in order, make a 50-minute lesson; the Playground and the digits close it, or make homework. "
              "**Handouts** prints the worked example and quiz worksheets, a version for each student. A lesson on the "
              "explorer can run as a live class: its panel's **Run it as a live class** sends each of the pass's "
              "questions to your students' phones."))
root = guided.app_root(st.context.url)
for number, lesson in enumerate(LESSONS.values(), start=1):
    st.subheader(f"{number}. {_(lesson.title)}")
    st.markdown(_(lesson.goal))
    st.caption(_("On the page {page} · about {minutes} minutes · {tasks} tasks and a question").format(
        page=_(guided.PAGE_NAMES[lesson.page]), minutes=lesson.minutes, tasks=len(lesson.tasks)))
    st.page_link(guided.PAGE_FILES[lesson.page], label=_("Start this lesson"), icon=":material/play_arrow:",
                 query_params={"lesson": lesson.key})
    st.code(root + guided.link(lesson.key, language()), language=None)
