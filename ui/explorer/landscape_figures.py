"""Figures for why training works or fails: the loss along one weight with its tangent, the loss over two
weights with the gradient and the path training took, gradient norms per layer, and how z and a spread.
Pure functions of the core's records; tested without Streamlit, and reusable by any page."""
import numpy as np
import plotly.graph_objects as go

from backprop.diagnostics import SATURATED_Z, LayerSpread
from backprop.i18n import _
from backprop.landscape import LossCurve, LossSurface

from ..colours import BLUE, ORANGE, PICK
from ..plots import lean_figure

TANGENT_SHARE = 0.3  # the tangent is drawn over this share of the range either side: a slope, not a second curve
ARROW_SHARE = 0.25   # the −∇L arrow's length, as a share of the map's smaller half-width
LAYER_COLOURS = [BLUE, ORANGE, "#2ca02c", "#9467bd", "#8c564b", "#d62728", "#17becf"]
AXIS = dict(gridcolor="#eee", zerolinecolor="#ccc")


def loss_along_figure(curve: LossCurve, name: str, loss_name: str) -> go.Figure:
    """L(θ) for one parameter, the current point (a ring, so a short step shows inside it), its tangent (slope
    ∂L/∂θ) and where one SGD step lands."""
    half = TANGENT_SHARE * (curve.values[-1] - curve.values[0]) / 2
    tangent_x = [curve.value - half, curve.value + half]
    tangent_y = [curve.loss + curve.gradient * (x - curve.value) for x in tangent_x]
    traces = [
        dict(type="scatter", x=curve.values, y=curve.losses, mode="lines", name=_("L as {name} alone changes").format(name=name),
             line=dict(color=BLUE, width=3), hovertemplate="θ = %{x:.4g}<br>L = %{y:.6g}<extra></extra>"),
        dict(type="scatter", x=tangent_x, y=tangent_y, mode="lines", name=_("tangent: slope ∂L/∂θ = {slope}").format(slope=f"{curve.gradient:.4g}"),
             line=dict(color=ORANGE, width=2.5, dash="dash"), hoverinfo="skip"),
        dict(type="scatter", x=[curve.step_value], y=[curve.step_loss], mode="markers",
             name=_("after one SGD step: θ − η ∂L/∂θ = {value}").format(value=f"{curve.step_value:.4g}"),
             marker=dict(size=13, color=PICK, symbol="diamond", line=dict(color="#111", width=1.5))),
        dict(type="scatter", x=[curve.value], y=[curve.loss], mode="markers", name=_("now: θ = {value}, L = {loss}").format(
             value=f"{curve.value:.4g}", loss=f"{curve.loss:.6g}"), marker=dict(size=17, color=BLUE, symbol="circle-open", line=dict(width=3))),
    ]
    arrow = dict(x=curve.step_value, y=curve.step_loss, ax=curve.value, ay=curve.loss, xref="x", yref="y",
                 axref="x", ayref="y", showarrow=True, arrowhead=3, arrowwidth=2, arrowcolor="#555", text="")
    layout = dict(height=380, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white", hovermode="closest",
                  legend=dict(orientation="h", y=-0.2, x=0), annotations=[arrow],
                  xaxis=AXIS | dict(title=dict(text=f"θ = {name}")), yaxis=AXIS | dict(title=dict(text=f"L ({loss_name})")),
                  meta=dict(figure="loss_along"))
    return lean_figure(traces, layout)


def loss_surface_figure(surface: LossSurface, names: tuple[str, str], loss_name: str,
                        path: list[tuple[float, float]]) -> go.Figure:
    """Contours of L over two parameters, the current point, the −∇L direction, one SGD step, and the path."""
    (x, y), (gx, gy) = surface.value, surface.gradient
    norm = float(np.hypot(gx, gy))
    reach = ARROW_SHARE * min(surface.first[-1] - surface.first[0], surface.second[-1] - surface.second[0]) / 2
    traces = [
        dict(type="contour", x=surface.first, y=surface.second, z=surface.losses, ncontours=24,
             colorscale="Blues", reversescale=True, colorbar=dict(title=dict(text=f"L ({loss_name})"), thickness=14),
             contours=dict(showlabels=True, labelfont=dict(size=11, color="#222")),
             hovertemplate="θ₁ = %{x:.4g}<br>θ₂ = %{y:.4g}<br>L = %{z:.6g}<extra></extra>"),
        dict(type="scatter", x=[p[0] for p in path], y=[p[1] for p in path], mode="lines+markers",
             name=_("where they were at the loss curve's last {n} points").format(n=len(path)) if len(path) > 1
             else _("where they started"), line=dict(color="#333", width=1.5),
             marker=dict(size=5, color="#333")),
        dict(type="scatter", x=[surface.step[0]], y=[surface.step[1]], mode="markers", name=_("after one SGD step"),
             marker=dict(size=13, color=PICK, symbol="diamond", line=dict(color="#111", width=1.5))),
        dict(type="scatter", x=[x], y=[y], mode="markers", name=_("now"),  # a ring, so a short step shows inside it
             marker=dict(size=17, color=BLUE, symbol="circle-open", line=dict(width=3))),
    ]
    annotations = []
    if norm > 0:
        annotations.append(dict(x=x - reach * gx / norm, y=y - reach * gy / norm, ax=x, ay=y, xref="x", yref="y",
                                axref="x", ayref="y", showarrow=True, arrowhead=3, arrowwidth=3, arrowcolor=ORANGE,
                                text="−∇L", font=dict(color=ORANGE, size=14)))
    layout = dict(height=460, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white", annotations=annotations,
                  legend=dict(orientation="h", y=-0.16, x=0),
                  xaxis=dict(title=dict(text=f"θ₁ = {names[0]}"), range=[surface.first[0], surface.first[-1]]),
                  yaxis=dict(title=dict(text=f"θ₂ = {names[1]}"), range=[surface.second[0], surface.second[-1]]),
                  meta=dict(figure="loss_surface"))
    return lean_figure(traces, layout)


def gradient_norms_figure(epochs: list[int], norms: list[tuple[float, ...]], layer_names: list[str]) -> go.Figure:
    """‖∂L/∂W⁽ˡ⁾‖ per layer against the epoch, on a log scale. A norm of exactly 0 (every unit feeding the
    layer dead) cannot be drawn on a log scale: the line breaks there and a note says so."""
    rows = np.array(norms, dtype=float).reshape(len(norms), len(layer_names))
    traces = [dict(type="scatter", x=epochs, y=[v if v > 0 else None for v in rows[:, l]],
                   mode="lines+markers" if len(epochs) < 30 else "lines", name=f"‖∂L/∂W⁽{l + 1}⁾‖ {name}",
                   line=dict(color=LAYER_COLOURS[l % len(LAYER_COLOURS)], width=2.5), marker=dict(size=5))
              for l, name in enumerate(layer_names)]
    layout = dict(height=340, margin=dict(l=10, r=10, t=10, b=10), plot_bgcolor="white",
                  legend=dict(orientation="h", y=-0.22, x=0), xaxis=AXIS | dict(title=dict(text=_("epoch"))),
                  yaxis=AXIS | dict(type="log", exponentformat="power", title=dict(text=_("gradient norm"))),
                  meta=dict(figure="gradient_norms"))
    if np.any(rows <= 0):
        layer = int(np.argwhere(rows <= 0)[0, 1])
        layout["annotations"] = [dict(text=_("{layer}: gradient exactly 0 (a log scale cannot show it)").format(
                                          layer=layer_names[layer]),
                                      xref="paper", yref="paper", x=1, y=1, xanchor="right", yanchor="bottom",
                                      showarrow=False, font=dict(size=12, color="#555"))]
    return lean_figure(traces, layout)


def spread_note(spread: LayerSpread) -> str:
    """What a layer's histograms warn of, in a few words."""
    if spread.saturated is not None:
        return _("saturated (|z| > {limit}): {share}").format(limit=f"{SATURATED_Z:g}", share=f"{spread.saturated:.0%}")
    if spread.dead is not None:
        return _("dead (never active): {dead} of {units}").format(dead=spread.dead, units=spread.units)
    return ""


def spread_figure(spreads: list[LayerSpread], layer_names: list[str]) -> go.Figure:
    """Histograms of z (left) and a (right) over the data, one row per layer, each row's warning beside it."""
    rows, gap = len(spreads), 0.06
    height = (1 - gap * (rows - 1)) / rows
    traces, layout = [], dict(height=110 + 150 * rows, margin=dict(l=10, r=10, t=30, b=10), plot_bgcolor="white",
                              showlegend=False, bargap=0.05, annotations=[], meta=dict(figure="spread"))
    for r, (spread, name) in enumerate(zip(spreads, layer_names)):
        top = 1 - r * (height + gap)
        for c, (what, histogram, colour) in enumerate((("z", spread.z, ORANGE), ("a", spread.a, BLUE))):
            axis = 2 * r + c + 1
            centres = (histogram.edges[:-1] + histogram.edges[1:]) / 2
            traces.append(dict(type="bar", x=centres, y=histogram.counts, width=np.diff(histogram.edges),
                               marker=dict(color=colour), xaxis=f"x{axis}", yaxis=f"y{axis}",
                               hovertemplate=f"{what} ≈ %{{x:.3g}}: %{{y}}<extra>{name}</extra>"))
            layout[f"xaxis{axis}"] = AXIS | dict(domain=[0.55 * c, 0.55 * c + 0.45], anchor=f"y{axis}")
            layout[f"yaxis{axis}"] = AXIS | dict(domain=[top - height, top], anchor=f"x{axis}")
            note = f" · {spread_note(spread)}" if c == 0 and spread_note(spread) else ""
            layout["annotations"].append(dict(text=f"<b>{name}</b>: {what}{note}", xref="paper", yref="paper",
                                              x=0.55 * c, y=top, xanchor="left", yanchor="bottom", showarrow=False,
                                              font=dict(size=13)))
    return lean_figure(traces, layout)
