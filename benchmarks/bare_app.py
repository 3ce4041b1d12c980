"""The baseline for browser timings: a Streamlit app with one button and nothing else."""
import streamlit as st

st.session_state.setdefault("clicks", 0)
if st.button("Next ▶"):
    st.session_state["clicks"] += 1
st.write(f"Clicked {st.session_state['clicks']} times")
