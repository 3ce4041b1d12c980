"""Figures for the digits page: learning curves, confusion matrix, digit images, weights as images."""
import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from backprop.i18n import N_, _

from ..colours import BLUE, NEUTRAL, ORANGE
from ..plots import cell_labels, lean_figure
from .figures import DIVERGING, TOP_TITLE

GREYS = [[0.0, "#ffffff"], [1.0, "#111111"]]
COUNTS = [[0.0, NEUTRAL], [1.0, BLUE]]  # a confusion matrix's counts, from none to the most in a cell


CURVES = ("train_loss", "test_loss", "train_accuracy", "test_accuracy")  # what learning_curves reads, per epoch


def no_curves() -> dict[str, list[float]]:
    """A history with no epoch yet, as the digits page and the playground keep it."""
    return {curve: [] for curve in CURVES}


def learning_curves(history: dict, loss_title: str = N_("cross-entropy loss")) -> go.Figure:
    """Loss and accuracy per epoch, train and test side by side (plain dicts: the playground redraws it
    several times a second, and make_subplots took 30 ms)."""
    epochs = list(range(1, len(history["train_loss"]) + 1))
    traces = [dict(type="scatter", x=epochs, y=history[f"{split}_{metric}"], name=_(split),
                   mode="lines+markers" if len(epochs) < 60 else "lines", line=dict(color=colour),
                   marker=dict(size=4), showlegend=axis == "", legendgroup=split, xaxis=f"x{axis}", yaxis=f"y{axis}")
              for axis, metric in (("", "loss"), ("2", "accuracy")) for split, colour in (("train", BLUE), ("test", ORANGE))]
    axis = dict(gridcolor="#eee", title=dict(text=_("epoch")))
    layout = dict(height=320, margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor="white",
                  legend=dict(orientation="h", y=-0.2), xaxis=axis | dict(domain=[0, 0.45]),
                  xaxis2=axis | dict(domain=[0.55, 1]), yaxis=dict(gridcolor="#eee"),
                  yaxis2=dict(gridcolor="#eee", anchor="x2"),
                  annotations=[dict(text=text, x=x, y=1.02, xref="paper", yref="paper", yanchor="bottom",
                                    showarrow=False, font=dict(size=14))
                               for text, x in ((_(loss_title), 0.225), (_("accuracy"), 0.775))])
    layout["xaxis2"]["anchor"] = "y2"
    return lean_figure(traces, layout)


def confusion_figure(counts: np.ndarray) -> go.Figure:
    """counts[t, p] as a heatmap: rows the true digit, columns the prediction."""
    digits = [str(d) for d in range(counts.shape[0])]
    top = int(counts.max()) or 1
    figure = go.Figure([go.Heatmap(z=counts, x=digits, y=digits, colorscale=COUNTS, zmin=0, zmax=top, showscale=False,
                                   xgap=1, ygap=1, hovertemplate="true %{y}, predicted %{x}: %{z}<extra></extra>"),
                        cell_labels(counts.tolist(), counts.astype(str).tolist(), digits, digits, COUNTS, 0, top, 12)])
    figure.update_layout(height=450, margin=dict(l=10, r=10, t=85, b=10),
                         title=TOP_TITLE | dict(text=_("confusion matrix (test)")),
                         xaxis=dict(title=dict(text=_("predicted")), side="top", type="category"),
                         yaxis=dict(title=dict(text=_("true")), autorange="reversed", type="category"))
    return figure


def image_grid(images: np.ndarray, titles: list[str], columns: int, diverging: bool = False,
               height_per_row: int = 150) -> go.Figure:
    """Each row of images (k, 64) as an 8×8 picture; greyscale for pixels, blue/orange for weights."""
    rows = max(1, -(-len(images) // columns))
    figure = make_subplots(rows=rows, cols=columns, subplot_titles=titles, horizontal_spacing=0.02,
                           vertical_spacing=0.25 / rows)
    for k, image in enumerate(images):
        scale = float(np.max(np.abs(image))) or 1.0
        figure.add_trace(go.Heatmap(z=image.reshape(8, 8), showscale=False, colorscale=DIVERGING if diverging else GREYS,
                                    zmin=-scale if diverging else 0, zmax=scale if diverging else 1,
                                    hovertemplate="row %{y}, column %{x}: %{z:.3g}<extra></extra>"),
                         row=k // columns + 1, col=k % columns + 1)
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False, autorange="reversed", scaleanchor="x")
    figure.update_layout(height=height_per_row * rows + 30, margin=dict(l=5, r=5, t=30, b=5))
    figure.update_annotations(font_size=12)
    return figure


def activation_bars(values: np.ndarray, title: str) -> go.Figure:
    """One bar per hidden unit, coloured by sign."""
    colours = [BLUE if v >= 0 else ORANGE for v in values]
    figure = go.Figure(go.Bar(x=[f"h{k + 1}" for k in range(len(values))], y=values, marker_color=colours))
    figure.update_layout(height=260, title=dict(text=title), margin=dict(l=10, r=10, t=40, b=10), plot_bgcolor="white")
    return figure
