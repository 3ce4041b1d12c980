"""What the projector draws for a live class: the spread of the class's answers, the right one marked, and the QR code
a phone joins by. Pure functions, tested without Streamlit."""
import qrcode
import qrcode.image.svg

from backprop.classroom import Summary
from backprop.i18n import _

from ..colours import BLUE, ORANGE
from ..plots import lean_figure


def spread_figure(summary: Summary, expected: float):
    """The answers as bars over their bins; the bin that holds the right answer in blue, the others orange."""
    centres = [(a + b) / 2 for a, b in zip(summary.edges[:-1], summary.edges[1:])]
    width = summary.edges[1] - summary.edges[0] if len(summary.edges) > 1 else 1.0
    holds = [a <= expected <= b for a, b in zip(summary.edges[:-1], summary.edges[1:])]
    bars = {"type": "bar", "x": centres, "y": list(summary.counts), "width": [width * 0.95] * len(centres),
            "marker": {"color": [BLUE if right else ORANGE for right in holds]}, "hoverinfo": "x+y", "showlegend": False}
    line = {"type": "scatter", "x": [expected, expected], "y": [0, max(summary.counts, default=1)], "mode": "lines",
            "line": {"color": BLUE, "width": 3, "dash": "dot"}, "name": _("the right answer"), "hoverinfo": "name"}
    return lean_figure([bars, line], {"height": 190, "margin": {"l": 40, "r": 10, "t": 6, "b": 36},
                                      "xaxis": {"title": {"text": _("answer")}},
                                      "yaxis": {"title": {"text": _("students")}, "rangemode": "tozero"},
                                      "bargap": 0.05, "showlegend": False})


def join_qr(url: str) -> str:
    """The join link as an SVG QR code, scalable to any screen."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=2)
    return image.to_string(encoding="unicode")
