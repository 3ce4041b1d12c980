"""Plotly figures as pure functions of plain data; tested without Streamlit.

Colours follow TF Playground's colour-blind-safe pair: blue for positive, orange for negative.
Edges are grouped into a few line traces by (sign, width, emphasis) so the figure stays lean;
a marker at each edge's midpoint carries the hover text and makes the edge clickable.
"""
from itertools import product
from typing import NamedTuple

import numpy as np
import plotly.graph_objects as go

from backprop.i18n import _
from backprop.network import Place

from .. import colours, labels
from ..colours import BLUE, DARK_TEXT, LIGHT_TEXT, ORANGE, PICK, TEXT_CROSSOVER, UNKNOWN, over_white, rgb, text_on
from ..plots import lean_figure
from .views import GraphView

POSITIVE, NEGATIVE, NEUTRAL = rgb(BLUE), rgb(ORANGE), rgb(colours.NEUTRAL)
WIDTHS = (1.2, 2.6, 4.2, 6.0)
NEGATIVE_DASH = "6px,3px"  # a negative edge is dashed as well as orange: its sign does not rest on colour alone
DIMMED = 0.35  # a neuron the step does not use


class Scale(NamedTuple):
    """Sizes in px for a screen or a projector."""
    node: int      # a neuron's diameter
    row: int       # vertical room per neuron
    label: int     # a neuron's name and value
    title: int     # the layer titles
    legend: int    # the caption and legend under the graph


SCREEN = Scale(node=50, row=60, label=13, title=14, legend=13)
PROJECTOR = Scale(node=76, row=94, label=22, title=22, legend=19)  # readable from the back of a room
NODE_SIZE, ROW_HEIGHT = SCREEN.node, SCREEN.row


def diverging(value: float, scale: float) -> tuple[str, float]:
    """(CSS colour, intensity 0..1) on the blue/orange scale, white at 0."""
    (r, g, b), t = diverging_channels(value, scale)
    return f"rgb({r},{g},{b})", t


def diverging_channels(value: float, scale: float) -> tuple[tuple[int, int, int], float]:
    """diverging() as 0-255 channels."""
    value = float(value)  # plain floats: this runs for every edge and neuron of every figure
    t = 0.0 if scale == 0 else min(abs(value) / scale, 1.0)
    if t != t:  # NaN
        t = 1.0
    (r, dr), (g, dg), (b, db) = _RAMPS[value >= 0]
    return (round(r + dr * t), round(g + dg * t), round(b + db * t)), t


_RAMPS = {sign: tuple((n, e - n) for n, e in zip(NEUTRAL, end)) for sign, end in ((True, POSITIVE), (False, NEGATIVE))}


def _scale(arrays) -> float:
    values = [np.max(np.abs(a)) for a in arrays if a is not None and a.size]
    return float(max(values)) if values else 0.0


def positions(sizes: list[int]) -> list[np.ndarray]:
    """(n, 2) coordinates per column: columns at x = 0, 1, …; neurons centred on y = 0, top first."""
    return [np.column_stack([np.full(n, c, float), (n - 1) / 2 - np.arange(n)]) for c, n in enumerate(sizes)]


def _edge_colours(view: GraphView) -> list[list[tuple[str, float]] | None]:
    """diverging() of every edge, per layer in (i, j) order; None for a layer not computed yet."""
    scale = _scale(view.edge_values)
    return [None if values is None else [diverging(v, scale) for v in values.ravel().tolist()]
            for values in view.edge_values]


def _edge_traces(view: GraphView, coords, colours: list) -> list[dict]:
    groups = {}
    for layer, values in enumerate(view.edge_values):
        n_in = coords[layer].shape[0]
        for i, j in product(range(coords[layer + 1].shape[0]), range(n_in)):
            lit = view.highlight_edges is None or (layer, i, j) in view.highlight_edges
            if values is None:
                key = (UNKNOWN, WIDTHS[0], lit)
            else:
                t = colours[layer][i * n_in + j][1]
                key = (BLUE if values[i, j] >= 0 else ORANGE, WIDTHS[min(3, int(t * 4))], lit)
            xs, ys = groups.setdefault(key, ([], []))
            xs += [float(coords[layer][j, 0]), float(coords[layer + 1][i, 0]), None]
            ys += [float(coords[layer][j, 1]), float(coords[layer + 1][i, 1]), None]
    return [dict(type="scatter", x=xs, y=ys, mode="lines", hoverinfo="skip", showlegend=False,
                 line=dict(color=colour, width=width, dash=NEGATIVE_DASH if colour == ORANGE else "solid"),
                 opacity=0.85 if lit else 0.12)
            for (colour, width, lit), (xs, ys) in groups.items()]


def marker_fraction(source: int, n_sources: int) -> float:
    """How far along its edge a marker sits: each source neuron gets its own distance, so markers
    that share an x share a source and are spread apart vertically, never stacked."""
    return 0.2 + 0.6 * (source + 0.5) / n_sources


def _midpoint_trace(view: GraphView, coords, edge_colours: list) -> dict:
    xs, ys, colours, sizes, data, hover, lines = [], [], [], [], [], [], []
    for layer, values in enumerate(view.edge_values):
        n_in = coords[layer].shape[0]
        for i, j in product(range(coords[layer + 1].shape[0]), range(n_in)):
            start, end = coords[layer][j], coords[layer + 1][i]
            along = marker_fraction(j, n_in)
            xs.append(float(start[0] + (end[0] - start[0]) * along))
            ys.append(float(start[1] + (end[1] - start[1]) * along))
            colours.append(UNKNOWN if values is None else edge_colours[layer][i * n_in + j][0])
            picked = view.pick == Place.edge(layer, i, j)
            sizes.append(15 if picked else 9)
            lines.append(PICK if picked else "#555")
            data.append([layer, i, j])
            hover.append(view.edge_hover[layer][i, j])
    return dict(type="scatter", x=xs, y=ys, mode="markers", customdata=data, hovertext=hover, hoverinfo="text",
                showlegend=False, name="edges", marker=dict(color=colours, size=sizes, line=dict(color=lines, width=1.5)))


def _node_trace(view: GraphView, coords, px: Scale) -> dict:
    scale = _scale(view.node_values)
    xs, ys, fills, texts, text_colours, outlines, widths, data, hover, opacity = ([] for _ in range(10))
    for column, values in enumerate(view.node_values):
        for i, (x, y) in enumerate(coords[column]):
            channels = rgb(UNKNOWN) if values is None else diverging_channels(values[i], scale)[0]
            fill = UNKNOWN if values is None else "rgb({},{},{})".format(*channels)
            lit = view.highlight_neurons is not None and (column, i) in view.highlight_neurons
            picked = view.pick == Place.neuron(column, i)
            value = "" if values is None else f"{values[i] + 0.0:.3g}"  # grey, and the legend says why
            xs.append(float(x)), ys.append(float(y)), fills.append(fill)
            texts.append(f"<b>{labels.neuron(column, i, view.sizes)}</b><br>{value}")
            dimmed = view.highlight_neurons is not None and not (lit or picked)
            text_colours.append(text_on(over_white(channels, DIMMED if dimmed else 1.0)))
            outlines.append(PICK if picked else ("#111" if lit else "#777"))
            widths.append(5 if picked else (3 if lit else 1))
            opacity.append(DIMMED if dimmed else 1.0)
            data.append([column, i])
            hover.append(view.node_hover[column][i])
    return dict(type="scatter", x=xs, y=ys, mode="markers+text", text=texts, customdata=data, hovertext=hover,
                hoverinfo="text", showlegend=False, name="neurons", textfont=dict(color=text_colours, size=px.label),
                marker=dict(size=px.node, color=fills, opacity=opacity, line=dict(color=outlines, width=widths)))


def graph_style(scale: Scale) -> dict:
    """What the browser's mirror of these traces (static/engine/graph.js) draws with: the palette, widths and sizes."""
    return {"positive": POSITIVE, "negative": NEGATIVE, "neutral": rgb(colours.NEUTRAL), "blue": BLUE, "orange": ORANGE,
            "unknown": UNKNOWN, "unknown_rgb": rgb(UNKNOWN), "pick": PICK, "widths": WIDTHS, "dash": NEGATIVE_DASH,
            "dimmed": DIMMED, "dark_text": DARK_TEXT, "light_text": LIGHT_TEXT, "crossover": TEXT_CROSSOVER,
            "px": {"node": scale.node, "label": scale.label}}


def legend_height(scale: Scale) -> int:
    """The legend's box under the plot: two lines and a gap (a narrow screen wraps it to more)."""
    return round(scale.legend * 3.7)


def legend(node_title: str, edge_title: str) -> str:
    """What the numbers on the graph are at this step, and what its colours and widths mean."""
    return (_("Neurons show {nodes}; edges show {edges} (hover or click a dot).").format(
                nodes=f"<b>{_(labels.NODE_MEANINGS[node_title])}</b>", edges=f"<b>{_(labels.EDGE_MEANINGS[edge_title])}</b>")
            + f"<br>{_key(BLUE, '━━')} " + _("positive") + f"&emsp;{_key(ORANGE, '╍╍')} " + _("negative") + "&emsp;"
            + _("thicker: larger |value|") + f"&emsp;{_key(UNKNOWN, '●')} " + _("grey: not computed yet at this step"))


def _key(colour: str, mark: str) -> str:
    """A legend's mark: drawn in its colour, and not read out (the word beside it says it)."""
    return f"<span style='color:{colour}' aria-hidden='true'>{mark}</span>"


def network_figure(view: GraphView, activations: list[str], scale: Scale = SCREEN) -> go.Figure:
    """The network left to right: nodes coloured by view.node_values, edges by view.edge_values."""
    return lean_figure(**network_figure_dict(view, activations, scale))


def plot_height(sizes: list[int], scale: Scale = SCREEN) -> int:
    """The plot's height in pixels: a row per neuron of the tallest layer, and the titles."""
    return scale.row * max(sizes) + 130


def network_layout(sizes: list[int], activations: list[str], node_title: str, edge_title: str,
                   scale: Scale = SCREEN) -> dict:
    """The graph's layout: its axes, the layers' titles, and the legend's words for what the step shows. It carries no
    number of the pass, so the page can draw any position's traces under it (static/engine/graph.js)."""
    tallest = max(sizes)
    output, hidden = _("output"), _("hidden {k}")
    names = [_(labels.GRAPH_ACTIVATIONS.get(name, name)) for name in activations]
    titles = [_("input")] + [f"{output if c == len(sizes) - 1 else hidden.format(k=c)}<br>{names[c - 1]}"
                             for c in range(1, len(sizes))]
    annotations = [dict(x=c, y=(tallest - 1) / 2 + 0.75, text=t, showarrow=False, font=dict(size=scale.title))
                   for c, t in enumerate(titles)]
    return dict(
        height=plot_height(sizes, scale),
        margin=dict(l=10, r=10, t=10, b=10),
        xaxis=dict(visible=False, range=[-0.4, len(sizes) - 0.6], fixedrange=True),
        yaxis=dict(visible=False, range=[-(tallest - 1) / 2 - 0.6, (tallest - 1) / 2 + 1.1], fixedrange=True),
        plot_bgcolor="white", paper_bgcolor="white", annotations=annotations, hovermode="closest",
        clickmode="event", dragmode=False,
        meta=layout_meta(node_title, edge_title))


def layout_meta(node_title: str, edge_title: str) -> dict:
    """What a layout says of its position: what the neurons and edges show, and the legend, which is HTML under the
    plot so a phone wraps it (an annotation is one line, cut at the edge)."""
    return dict(nodes=node_title, edges=edge_title, legend=legend(node_title, edge_title))


def network_figure_dict(view: GraphView, activations: list[str], scale: Scale = SCREEN) -> dict:
    """network_figure as plain {"data", "layout"} JSON, for the browser's stepper to switch between."""
    coords = positions(view.sizes)
    colours = _edge_colours(view)
    return dict(data=_edge_traces(view, coords, colours) + [_midpoint_trace(view, coords, colours),
                                                             _node_trace(view, coords, scale)],
                layout=network_layout(view.sizes, activations, view.node_title, view.edge_title, scale))


FIRST_EPOCHS = 10  # the loss curve's x axis, before a run goes past it


def loss_curve(epochs: list[int], losses: list[float], events: list[str], log_scale: bool,
               loss_name: str) -> go.Figure:
    """Loss per epoch; applied updates and edits marked so a jump has a visible cause. A log scale cannot
    show a loss of exactly 0 (or below): the line runs on past such points and a note names the first."""
    unshown = [k for k, loss in enumerate(losses) if log_scale and not loss > 0]
    if unshown:
        losses = [None if k in set(unshown) else loss for k, loss in enumerate(losses)]
    traces = [dict(type="scatter", x=epochs, y=losses, mode="lines+markers" if len(losses) < 30 else "lines",
                   name=_("loss"), marker=dict(size=5), line=dict(color=BLUE, width=2.5), connectgaps=True)]
    for event, symbol, colour in (("step", "circle", BLUE), ("edit", "diamond", ORANGE)):
        picked = [k for k, e in enumerate(events) if e == event]
        if picked:
            traces.append(dict(type="scatter", x=[epochs[k] for k in picked], y=[losses[k] for k in picked],
                               mode="markers", name=_("applied update") if event == "step" else _("edit"),
                               marker=dict(symbol=symbol, size=9, color=colour)))
    axis = dict(gridcolor="#eee")
    # from the start, epochs 0 to 10 and a loss from 0: a lone point was a dot on an axis from −1 to 1
    layout = dict(height=300, margin=dict(l=10, r=10, t=30, b=10), plot_bgcolor="white",
                  legend=dict(orientation="h", y=1.12),
                  xaxis=axis | dict(title=dict(text=_("epoch")), autorangeoptions=dict(include=[0, FIRST_EPOCHS])),
                  yaxis=axis | dict(title=dict(text=loss_name), type="log" if log_scale else "linear",
                                    exponentformat="power", rangemode="normal" if log_scale else "tozero"))
    if unshown:
        layout["annotations"] = [dict(text=_("loss = 0 from epoch {epoch}: a log scale cannot show 0").format(
                                          epoch=epochs[unshown[0]]),
                                      xref="paper", yref="paper", x=1, y=1, xanchor="right", yanchor="bottom",
                                      showarrow=False, font=dict(size=12, color="#555"))]
    return lean_figure(traces, layout)
