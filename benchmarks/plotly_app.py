"""The floor for any page with Plotly: one button and one small Plotly chart, nothing else."""
import plotly.graph_objects as go
import streamlit as st

from button import counted_button

counted_button()
st.plotly_chart(go.Figure(go.Scatter(x=[0, 1, 2], y=[1, 3, 2])), key="chart")
