"""The floor for any page with Plotly: one button and one small Plotly chart, nothing else."""
import plotly.graph_objects as go
import streamlit as st

st.session_state.setdefault("clicks", 0)
if st.button("Next ▶"):
    st.session_state["clicks"] += 1
st.write(f"Clicked {st.session_state['clicks']} times")
st.plotly_chart(go.Figure(go.Scatter(x=[0, 1, 2], y=[1, 3, 2])), key="chart")
