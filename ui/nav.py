"""The sidebar's page list, the same on every page (Streamlit would call the home page "app")."""
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    ("app.py", "Home", ":material/home:"),
    ("pages/1_Network_explorer.py", "Network explorer", ":material/hub:"),
]


def sidebar_nav() -> None:
    with st.sidebar:
        for path, label, icon in PAGES:
            if (ROOT / path).exists():
                st.page_link(path, label=label, icon=icon)
        st.divider()
