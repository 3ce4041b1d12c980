"""The sidebar's page list, the same on every page (Streamlit would call the home page "app")."""
from pathlib import Path

import streamlit as st

from .process import freeze_what_imports_left

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    ("app.py", "Home", ":material/home:"),
    ("pages/1_Network_explorer.py", "Network explorer", ":material/hub:"),
    ("pages/2_Matrix_product.py", "Matrix product backward", ":material/grid_on:"),
    ("pages/3_Softmax.py", "Softmax and its Jacobian", ":material/bar_chart:"),
    ("pages/4_Digits.py", "Digits classifier", ":material/draw:"),
    ("pages/5_Playground.py", "Playground", ":material/scatter_plot:"),
]


def available_pages() -> list[tuple[str, str, str]]:
    return [page for page in PAGES if (ROOT / page[0]).exists()]


def sidebar_nav() -> None:
    """The first call of every page, after its imports."""
    freeze_what_imports_left()
    with st.sidebar:
        for path, label, icon in available_pages():
            st.page_link(path, label=label, icon=icon)
        st.divider()
