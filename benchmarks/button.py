"""The one button every benchmark app starts from, on the explorer's transport, so floors are measured on equal
terms."""
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ui.process import send_small_messages_at_once  # noqa: E402


def counted_button():
    """A button and how many times it was clicked: the baseline for browser timings."""
    send_small_messages_at_once()  # the explorer's transport: the floor is measured on equal terms
    st.session_state.setdefault("clicks", 0)
    if st.button("Next ▶"):
        st.session_state["clicks"] += 1
    st.write(f"Clicked {st.session_state['clicks']} times")
