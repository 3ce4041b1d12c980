"""The page list and language picker, the same on every page (Streamlit would call the home page "app")."""
from pathlib import Path

import streamlit as st

from backprop.i18n import N_, _

from .charts import page_access
from .language import choose_language, language_picker
from .process import freeze_what_imports_left

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    ("app.py", N_("Home"), ":material/home:"),
    ("pages/1_Network_explorer.py", N_("Network explorer"), ":material/hub:"),
    ("pages/2_Matrix_product.py", N_("Matrix product backward"), ":material/grid_on:"),
    ("pages/3_Softmax.py", N_("Softmax and its Jacobian"), ":material/bar_chart:"),
    ("pages/4_Digits.py", N_("Digits classifier"), ":material/draw:"),
    ("pages/5_Playground.py", N_("Playground"), ":material/scatter_plot:"),
    ("pages/6_Lessons.py", N_("Lessons"), ":material/school:"),
    ("pages/7_Handouts.py", N_("Handouts"), ":material/print:"),
    ("pages/8_Live_class.py", N_("Live class"), ":material/groups:"),
]


def available_pages() -> list[tuple[str, str, str]]:
    return [page for page in PAGES if (ROOT / page[0]).exists()]


def page_config(title: str | None = None, icon: str = "🧠"):
    """The first call of every page, after its imports: the tab's title (a page's label from PAGES), the
    session's language, and the sidebar's page list with the language picker under it. Returns the sidebar's top,
    where a guided lesson's panel goes."""
    freeze_what_imports_left()
    language = choose_language()  # before any text: a new session's first run takes it from the link or the browser
    name = _("Backprop Explorer")
    st.set_page_config(page_title=f"{_(title)} · {name}" if title else name, page_icon=icon, layout="wide")
    with st.sidebar:
        top = st.container()  # a guided lesson's panel, above the page list, where a learner looks first
        for path, label, icon in available_pages():
            st.page_link(path, label=_(label), icon=icon)
        language_picker(language)
        st.divider()
        page_access(language)
    return top
