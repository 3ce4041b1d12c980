"""The floor for a page like the explorer's first view: the bare app's button, the seed network's graph drawn by the
app's own chart component with the pinned Plotly, and one equation with the page's KaTeX; nothing computed, no
stepper, no sidebar. The app's static/ reaches it through benchmarks/static, a link to it (Streamlit serves the
static/ beside the script it runs)."""
from button import counted_button  # first: it puts the project on the path

from backprop import PRESETS, walkthrough  # noqa: E402
from ui.charts import chart, formula  # noqa: E402
from ui.explorer.figures import network_figure  # noqa: E402
from ui.explorer.views import graph_view  # noqa: E402

counted_button()
seed = PRESETS["seed"]()
walk = walkthrough(seed.network, seed.inputs, seed.targets, seed.learning_rate)
chart(network_figure(graph_view(seed.network, walk, 0, "auto"), [l.activation for l in seed.network.layers]), key="graph")
formula(r"z^{(1)} = W^{(1)} x + b^{(1)}", key="formula")
