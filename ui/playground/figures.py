"""The playground's figures as pure functions of numbers; tested without Streamlit."""
import numpy as np
import plotly.graph_objects as go

from backprop.i18n import _

from ..colours import BLUE, NEUTRAL, ORANGE, rgb
from ..concepts.figures import DIVERGING
from ..labels import neuron
from ..plots import lean_figure

# class colours: TF Playground's orange (class 0) and blue (class 1), then colour-blind-safe Okabe-Ito hues
CLASS_COLOURS = [ORANGE, BLUE, "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#d55e00", "#f0e442", "#000000", "#999999"]
_CLASS_RGB = np.array([rgb(c) for c in CLASS_COLOURS], float)  # the same, as numbers for boundary_image
# a class has a shape as well as a colour, so no learner needs to tell the colours apart; boundary_image draws the same
# shapes in pixels, by which offsets (row down, column right) each covers
CLASS_SYMBOLS = ["circle", "square", "diamond", "triangle-up", "cross", "x"]
_SHAPES = [lambda r, c: r * r + c * c <= 5,  # a disc
           lambda r, c: max(abs(r), abs(c)) <= 2,  # a square
           lambda r, c: abs(r) + abs(c) <= 3,  # a diamond
           lambda r, c: -2 <= r <= 2 and abs(c) <= (r + 2) * 0.6 + 0.5,  # a triangle, point up
           lambda r, c: min(abs(r), abs(c)) <= 1 and max(abs(r), abs(c)) <= 3,  # a cross
           lambda r, c: abs(abs(r) - abs(c)) <= 1 and max(abs(r), abs(c)) <= 3]  # an x


def _pixels(inside) -> tuple[list, list]:
    """A shape's pixels, and the white ring one pixel round it that keeps it clear of the plane."""
    near = [(r, c) for r in range(-4, 5) for c in range(-4, 5)]
    fill = [(r, c) for r, c in near if inside(r, c)]
    ring = [(r, c) for r, c in near if not inside(r, c) and any(inside(r + a, c + b) for a in (-1, 0, 1) for b in (-1, 0, 1))]
    return fill, ring


_MARKS = [_pixels(inside) for inside in _SHAPES]
PROBABILITY = DIVERGING  # p(class 1) from orange through the neutral at 0.5 to blue; a unit's sign the same way


def boundary_figure(boundary: np.ndarray, extent: float, points: np.ndarray, labels: np.ndarray, classes: int,
                    test: np.ndarray) -> go.Figure:
    """The network's output over the plane as a heatmap, with the data on top (test points hollow).
    boundary (r, r): p(class 1) for two classes, the predicted class for more; row k is y = axis[k]."""
    axis = np.linspace(-extent, extent, boundary.shape[0]).round(4).tolist()
    if classes == 2:
        heat = dict(type="heatmap", x=axis, y=axis, z=boundary.round(4).tolist(), zmin=0, zmax=1, colorscale=PROBABILITY,
                    opacity=0.55, showscale=False, hovertemplate="x₁ %{x:.2f}, x₂ %{y:.2f}: p = %{z:.3f}<extra></extra>")
    else:
        bands = [pair for k in range(classes) for pair in ([k / classes, CLASS_COLOURS[k]],  # one flat band each
                                                           [(k + 1) / classes, CLASS_COLOURS[k]])]
        heat = dict(type="heatmap", x=axis, y=axis, z=boundary.tolist(), zmin=-0.5, zmax=classes - 0.5,
                    colorscale=bands, opacity=0.45, showscale=False,
                    hovertemplate="x₁ %{x:.2f}, x₂ %{y:.2f}: class %{z}<extra></extra>")
    is_test = np.zeros(len(points), bool)
    is_test[test] = True
    traces = [heat]
    for k in range(classes):
        for held_out in (False, True):
            chosen = (labels == k) & (is_test == held_out)
            index = np.flatnonzero(chosen)
            traces.append(dict(type="scatter", x=points[chosen, 0].tolist(), y=points[chosen, 1].tolist(),
                               mode="markers", name=(_("class {k} (test)") if held_out else _("class {k}")).format(k=k),
                               customdata=index.tolist(), hovertemplate="point %{customdata}<extra></extra>",
                               marker=dict(size=8, color="white" if held_out else CLASS_COLOURS[k],
                                           symbol=CLASS_SYMBOLS[k % len(CLASS_SYMBOLS)],
                                           line=dict(color=CLASS_COLOURS[k], width=1.5 if held_out else 0.6))))
    layout = dict(height=460, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white", clickmode="event+select",
                  dragmode=False, legend=dict(orientation="h", y=-0.14),
                  xaxis=dict(range=[-extent, extent], title=dict(text="x₁"), fixedrange=True, constrain="domain"),
                  yaxis=dict(range=[-extent, extent], title=dict(text="x₂"), fixedrange=True, scaleanchor="x"))
    return lean_figure(traces, layout)


def units_figure(units: list[list[np.ndarray]], extent: float, sizes: list[int], cells: int = 25) -> go.Figure:
    """One small heatmap per hidden unit, a row per layer: what each neuron's activation is over the plane
    (blue positive, orange negative, each on its own scale), thinned to about `cells` per side. Built as
    plain dicts with an axis pair per unit: make_subplots took 0.2 s, too slow for five redraws a second."""
    rows, columns = max(1, len(units)), max((len(layer) for layer in units), default=1)
    gap_x, gap_y = 0.012, 0.3 / rows
    width, height = (1 - gap_x * (columns - 1)) / columns, (1 - gap_y * (rows - 1)) / rows
    traces, layout = [], dict(height=95 * rows + 30, margin=dict(l=5, r=5, t=20, b=5), annotations=[],
                              showlegend=False)
    for l, layer in enumerate(units):
        for u, values in enumerate(layer):
            k = len(traces) + 1
            step = max(1, values.shape[0] // cells)
            thinned = values[::step, ::step]
            axis = np.linspace(-extent, extent, thinned.shape[0]).round(3).tolist()
            scale = float(np.max(np.abs(thinned))) or 1.0
            traces.append(dict(type="heatmap", z=thinned.round(3).tolist(), x=axis, y=axis, zmin=-scale, zmax=scale,
                               colorscale=PROBABILITY, showscale=False, xaxis=f"x{k}", yaxis=f"y{k}",
                               hovertemplate=neuron(l + 1, u, sizes) + ": %{z:.3g}<extra></extra>"))
            left, top = u * (width + gap_x), 1 - l * (height + gap_y)
            layout[f"xaxis{k}"] = dict(domain=[left, left + width], visible=False, fixedrange=True)
            layout[f"yaxis{k}"] = dict(domain=[top - height, top], visible=False, fixedrange=True,
                                       scaleanchor=f"x{k}")
            layout["annotations"].append(dict(text=neuron(l + 1, u, sizes), x=left + width / 2, y=top, xref="paper",
                                              yref="paper", yanchor="bottom", showarrow=False, font=dict(size=11)))
    return lean_figure(traces, layout)


def boundary_image(boundary: np.ndarray, extent: float, points: np.ndarray, labels: np.ndarray, classes: int,
                   size: int = 440) -> np.ndarray:
    """The boundary as an RGB picture (size, size, 3), for the redraws while training plays: an image
    swaps in at once, where a new Plotly heatmap is built from scratch each time and was still blank
    when the next one came. Same colours as boundary_figure; +x₂ is up."""
    orange, neutral, blue = _CLASS_RGB[0], np.array(rgb(NEUTRAL), float), _CLASS_RGB[1]
    ring = np.full(3, 255.0)
    if classes == 2:  # p of class 1: orange at 0, neutral at 0.5, blue at 1
        p = np.clip(boundary, 0, 1)[..., None]
        cells = np.where(p < 0.5, orange + (neutral - orange) * (p / 0.5), neutral + (blue - neutral) * ((p - 0.5) / 0.5))
    else:
        cells = _CLASS_RGB[boundary.astype(int)]
    cells = ring + (cells - ring) * 0.55  # the heatmap's opacity in boundary_figure
    picture = np.repeat(np.repeat(cells[::-1], -(-size // cells.shape[0]), 0), -(-size // cells.shape[1]), 1)
    picture = picture[:size, :size].copy()
    columns = np.clip(((points[:, 0] + extent) / (2 * extent) * (size - 1)).round().astype(int), 0, size - 1)
    rows = np.clip(((extent - points[:, 1]) / (2 * extent) * (size - 1)).round().astype(int), 0, size - 1)
    for k in range(classes):  # each point its class's shape in its class's colour, ringed in white
        fill, white = _MARKS[k % len(_MARKS)]
        chosen = labels == k
        for offsets, colour in ((white, ring), (fill, _CLASS_RGB[k])):
            for dr, dc in offsets:
                picture[np.clip(rows[chosen] + dr, 0, size - 1), np.clip(columns[chosen] + dc, 0, size - 1)] = colour
    return picture.astype(np.uint8)
