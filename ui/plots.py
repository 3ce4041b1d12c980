"""What every figure builder shares. Pure: no Streamlit."""
import plotly.graph_objects as go

from .colours import rgb, text_on


def lean_figure(data: list[dict], layout: dict) -> go.Figure:
    """A Figure from plain dicts, skipping Plotly's per-property validation.

    Validation cost about 40% of a page rerun; tests/test_figures.py re-validates every figure
    built here, so a misspelt property still fails a test rather than a page.
    """
    return go.Figure(data=data, layout=layout, _validate=False)


def scale_colour(colourscale: list, fraction: float) -> tuple[float, float, float]:
    """The colour a Plotly colourscale of hex stops gives at fraction 0..1, interpolated in RGB as Plotly does."""
    fraction = min(max(fraction, 0.0), 1.0)
    for (start, low), (end, high) in zip(colourscale, colourscale[1:]):
        if fraction <= end:
            t = 0.0 if end == start else (fraction - start) / (end - start)
            return tuple(a + (b - a) * t for a, b in zip(rgb(low), rgb(high)))
    return tuple(float(c) for c in rgb(colourscale[-1][1]))


def cell_labels(values, texts, x: list, y: list, colourscale: list, zmin: float, zmax: float, size: int) -> go.Scatter:
    """A heatmap's numbers as a text trace over it, each in black or white by its own cell's colour, so every one
    reads at 4.5:1 or more (a heatmap's own text takes one colour, Plotly's guess, for all its cells)."""
    cells = [(x[j], y[i], texts[i][j], text_on(scale_colour(colourscale, (value - zmin) / (zmax - zmin))))
             for i, row in enumerate(values) for j, value in enumerate(row)]
    return go.Scatter(x=[c[0] for c in cells], y=[c[1] for c in cells], text=[c[2] for c in cells], mode="text",
                      textfont=dict(size=size, color=[c[3] for c in cells]), hoverinfo="skip", showlegend=False)
