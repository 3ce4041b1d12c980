"""Figures for the matrix-product and softmax pages: annotated heatmaps and bars, pure functions."""
import numpy as np
import plotly.graph_objects as go

from backprop.i18n import N_, _
from backprop.lessons import MatmulLesson

from ..colours import BLUE, NEUTRAL, ORANGE
from ..plots import cell_labels

# the explorer's blue/orange diverging pair, white at zero
DIVERGING = [[0.0, ORANGE], [0.5, NEUTRAL], [1.0, BLUE]]
# title pinned to the top of the figure, clear of column labels drawn above the cells
TOP_TITLE = dict(x=0, xanchor="left", y=0.99, yref="container", yanchor="top", font=dict(size=15))


def _cell(value: float) -> str:
    return f"{value:.3g}" if np.isfinite(value) else str(value)


def heatmap(values: np.ndarray, title: str, row_name: str = N_("row"), column_name: str = N_("column"),
            hover: np.ndarray | None = None, height: int | None = None) -> go.Figure:
    """An annotated heatmap of a small matrix; rows and columns numbered from 1 as in the text."""
    values = np.atleast_2d(np.asarray(values, dtype=float))
    finite = values[np.isfinite(values)]
    scale = float(np.max(np.abs(finite))) if finite.size else 1.0
    rows, cols = values.shape
    text = np.vectorize(_cell)(values)
    z, zmax = np.where(np.isfinite(values), values, 0.0), scale or 1
    x, y = [f"{_(column_name)} {j + 1}" for j in range(cols)], [f"{_(row_name)} {i + 1}" for i in range(rows)]
    trace = go.Heatmap(z=z, text=text, colorscale=DIVERGING, zmin=-zmax, zmax=zmax, showscale=False, x=x, y=y,
                       xgap=2, ygap=2, hovertext=hover if hover is not None else text, hoverinfo="text")
    figure = go.Figure([trace, cell_labels(z.tolist(), text.tolist(), x, y, DIVERGING, -zmax, zmax, size=14)])
    figure.update_layout(title=TOP_TITLE | dict(text=title), height=height or 110 + 46 * rows,
                         margin=dict(l=10, r=10, t=75, b=10), plot_bgcolor="white")
    figure.update_yaxes(autorange="reversed", tickfont=dict(size=12))
    figure.update_xaxes(side="top", tickfont=dict(size=12))
    return figure


def shape(a: np.ndarray) -> str:
    return "×".join(map(str, np.atleast_2d(a).shape))


def matmul_sums(lesson: MatmulLesson) -> tuple[np.ndarray, np.ndarray]:
    """Hover text for every entry of grad_X and grad_W, written out as the sum it is."""
    g, w, x = lesson.upstream, lesson.w, lesson.x
    hover_x = np.empty(lesson.grad_x.shape, dtype=object)
    for i, j in np.ndindex(hover_x.shape):
        terms = " + ".join(f"({g[i, k]:.3g})({w[j, k]:.3g})" for k in range(g.shape[1]))
        hover_x[i, j] = f"∂L/∂X[{i + 1},{j + 1}] = Σₖ G[{i + 1},k]·W[{j + 1},k]<br>= {terms}<br>= {lesson.grad_x[i, j]:.6g}"
    hover_w = np.empty(lesson.grad_w.shape, dtype=object)
    for i, j in np.ndindex(hover_w.shape):
        terms = " + ".join(f"({x[n, i]:.3g})({g[n, j]:.3g})" for n in range(x.shape[0]))
        hover_w[i, j] = f"∂L/∂W[{i + 1},{j + 1}] = Σₙ X[n,{i + 1}]·G[n,{j + 1}]<br>= {terms}<br>= {lesson.grad_w[i, j]:.6g}"
    return hover_x, hover_w


def probability_bars(labels: list[str], values: np.ndarray, title: str, highlight: int | None = None,
                     y_title: str = N_("probability")) -> go.Figure:
    """Bars with their values written on them; one bar can stand out (the target class)."""
    colours = [ORANGE if k == highlight else BLUE for k in range(len(values))]
    figure = go.Figure(go.Bar(x=labels, y=values, marker_color=colours, text=[_cell(v) for v in values],
                              textposition="outside", cliponaxis=False))
    figure.update_layout(title=dict(text=title, font=dict(size=15)), height=300, plot_bgcolor="white",
                         margin=dict(l=10, r=10, t=50, b=10), yaxis=dict(title=dict(text=_(y_title)), gridcolor="#eee"))
    return figure
