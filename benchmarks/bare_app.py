"""The baseline for browser timings: a Streamlit app with one button and nothing else."""
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ui.process import send_small_messages_at_once  # noqa: E402

send_small_messages_at_once()  # the explorer's transport: the floor is measured on equal terms

st.session_state.setdefault("clicks", 0)
if st.button("Next ▶"):
    st.session_state["clicks"] += 1
st.write(f"Clicked {st.session_state['clicks']} times")
