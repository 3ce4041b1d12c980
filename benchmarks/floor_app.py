"""The floor for a page like the explorer's first view: the bare app's button, the seed network's graph drawn by the
app's own chart component with the pinned Plotly, and one equation with the page's KaTeX; nothing computed, no
stepper, no sidebar. The app's static/ reaches it through benchmarks/static, a link to it (Streamlit serves the
static/ beside the script it runs)."""
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from backprop import PRESETS, walkthrough  # noqa: E402
from ui.charts import chart, formula  # noqa: E402
from ui.explorer.figures import network_figure  # noqa: E402
from ui.explorer.views import graph_view  # noqa: E402
from ui.process import send_small_messages_at_once  # noqa: E402

send_small_messages_at_once()  # the explorer's transport: the floor is measured on equal terms

st.session_state.setdefault("clicks", 0)
if st.button("Next ▶"):
    st.session_state["clicks"] += 1
st.write(f"Clicked {st.session_state['clicks']} times")
seed = PRESETS["seed"]()
walk = walkthrough(seed.network, seed.inputs, seed.targets, seed.learning_rate)
chart(network_figure(graph_view(seed.network, walk, 0, "auto"), [l.activation for l in seed.network.layers]), key="graph")
formula(r"z^{(1)} = W^{(1)} x + b^{(1)}", key="formula")
