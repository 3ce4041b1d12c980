"""What every figure builder shares. Pure: no Streamlit."""
import plotly.graph_objects as go


def lean_figure(data: list[dict], layout: dict) -> go.Figure:
    """A Figure from plain dicts, skipping Plotly's per-property validation.

    Validation cost about 40% of a page rerun; tests/test_figures.py re-validates every figure
    built here, so a misspelt property still fails a test rather than a page.
    """
    return go.Figure(data=data, layout=layout, _validate=False)
