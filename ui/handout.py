"""What the handouts page prints: the worked example of the explorer's network, step by step with its graph, and quiz
worksheets with their answer key; and the print stylesheet that leaves the app's controls off the paper and breaks
pages where they belong. Plain Python over the core and the figures, no Streamlit."""
from typing import NamedTuple

from backprop.i18n import _
from backprop.network import Network
from backprop.quiz import KINDS
from backprop.steps import Step, Walkthrough, walkthrough
from backprop.worksheet import LEARNING_RATE, MAX_VERSIONS, Version, worksheet

from .cells import parse_count, parse_counts

from .explorer.figures import SCREEN, network_figure
from .explorer.views import graph_view

CONTROLS_KEY = "handout_controls"  # the container of the page's controls: not printed
SHEET_KEY = "sheet_{k}"             # a container that starts a printed page
# Streamlit lays blocks out as flex columns, in a scrolling box of the window's height: printed, each would be one
# page long and cut; as plain blocks the paper breaks between them, and before each SHEET_KEY container
PRINT_CSS = """<style>
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"]
  { display: none !important; }
  html, body, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] { overflow: visible !important; height: auto !important;
    position: static !important; }
  [data-testid="stMainBlockContainer"] { padding: 0 !important; max-width: none !important; }
  [data-testid="stVerticalBlock"], [data-testid="stVerticalBlockBorderWrapper"] { display: block !important; }
  [class*="st-key-sheet_"] { break-before: page; }
  .stElementContainer, .katex-display, table, h2, h3 { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .modebar-container { display: none !important; }
  [data-testid="stVerticalBlock"][class*="st-key-handout_controls"] { display: none !important; }  /* after the blocks */
}
</style>"""


class PrintedStep(NamedTuple):
    new_page: bool   # the first step of a phase starts a page
    step: Step
    figure: object   # the graph at this step (plotly Figure)


def worked_steps(network: Network, walk: Walkthrough, sample: int) -> list[PrintedStep]:
    """Every step of the pass with the graph as it shows that step; a page for each phase (forward, loss, …)."""
    activations = [layer.activation for layer in network.layers]
    printed, phase = [], None
    for position, step in enumerate(walk.steps, start=1):
        view = graph_view(network, walk, position, "auto", sample)
        printed.append(PrintedStep(step.phase != phase, step, network_figure(view, activations, SCREEN)))
        phase = step.phase
    return printed


def sheets(versions, sizes, first_seed, hidden: str, loss: str, kinds) -> list[Version]:
    """The worksheets the fields ask for; ValueError naming the field that cannot be read. Each network has an identity
    output, so its numbers stay ones a learner can work by hand."""
    count = parse_count(versions, _("Versions"), 1, MAX_VERSIONS)
    layers = parse_counts(sizes, _("Neurons per layer"), 1, 4)
    first = parse_count(first_seed, _("First seed"), 0, 10_000)
    if not 2 <= len(layers) <= 4:
        raise ValueError(_("Neurons per layer: give 2 to 4 layers, such as 2, 2, 1."))
    return worksheet(layers, [hidden] * (len(layers) - 2) + ["identity"], loss, kinds or list(KINDS), count, first)


def version_figure(version: Version):
    """A version's network before any step: its shape, and its sample on the inputs."""
    walk = walkthrough(version.network, version.x, version.y, LEARNING_RATE)
    view = graph_view(version.network, walk, 0, "auto", 0)
    return network_figure(view, [layer.activation for layer in version.network.layers], SCREEN)
