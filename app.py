"""Backprop Explorer: the landing page. Run with `streamlit run app.py`."""
import streamlit as st

from ui.nav import available_pages, sidebar_nav

st.set_page_config(page_title="Backprop Explorer", page_icon="🧠", layout="wide")
sidebar_nav()
st.title("Backprop Explorer")
st.markdown("See every number of backpropagation: step a small network forward and backward one layer "
            "at a time, with each equation's live numbers filled in, then edit a weight and watch the loss fall.")
for path, label, icon in available_pages()[1:]:
    st.page_link(path, label=f"**{label}**", icon=icon)
