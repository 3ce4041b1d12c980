"""Open a page the way Streamlit does: app.py is the entry point, pages are switched to."""
import base64
import json
from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def open_page(page: str | None = None, timeout: float = 60, query: dict[str, str] | None = None) -> AppTest:
    """app.py opened with the link's `query`, then `page`, as a learner would click to it."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, at.exception
    return at


def components(at: AppTest, role: str | None) -> list[dict]:
    """The data of the explorer's own components in one role ("graph", "sync", "chart"; None: the stepper)."""
    return [data for data in (json.loads(e.proto.json) for e in at.get("bidi_component")) if data.get("role") == role]


def chart_specs(at: AppTest) -> list[dict]:
    """Every chart's figure, in page order: each is drawn by the pages' own component (no page has an
    st.plotly_chart, which would load Streamlit's Plotly beside the app's)."""
    assert not at.get("plotly_chart")
    return [json.loads(data["figure"]) for data in components(at, "chart")]


def decode(values):
    """Plotly sends numpy arrays as {"dtype", "bdata"}; plain lists pass through."""
    if isinstance(values, dict) and "bdata" in values:
        array = np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"])
        if "shape" in values:
            array = array.reshape([int(n) for n in str(values["shape"]).split(",")])
        return array
    return values


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def latex(at: AppTest) -> list[str]:
    """st.latex wraps its body in $$…$$; give back the body."""
    return [e.value.removeprefix("$$\n").removesuffix("\n$$") for e in at.latex]
