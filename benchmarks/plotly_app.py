"""The floor for any page with Plotly: one button and one small Plotly chart, nothing else."""
import sys
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ui.process import send_small_messages_at_once  # noqa: E402

send_small_messages_at_once()  # the explorer's transport: the floor is measured on equal terms

st.session_state.setdefault("clicks", 0)
if st.button("Next ▶"):
    st.session_state["clicks"] += 1
st.write(f"Clicked {st.session_state['clicks']} times")
st.plotly_chart(go.Figure(go.Scatter(x=[0, 1, 2], y=[1, 3, 2])), key="chart")
