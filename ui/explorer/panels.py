"""The explorer's panel of why training works or fails, under the loss curve (the quiz's panel is the page's own:
ui/page/quiz.js). Streamlit drawing only: it reads widgets, calls the core or the state, and draws figures that
ui/explorer/landscape_figures.py builds."""
import streamlit as st

from backprop.diagnostics import spread
from backprop.i18n import _, language, translated
from backprop.landscape import loss_along, loss_surface, path

from .. import labels
from ..charts import chart
from .landscape_figures import gradient_norms_figure, loss_along_figure, loss_surface_figure, spread_figure
from .state import ExplorerState
from .why import PANELS, curve_caption, norms_caption, parameter_choices, spread_caption, surface_caption

WHY_PANEL = "why_panel"  # the Look at chooser's key, before its language


@st.fragment
def why_training(state: ExplorerState):
    """One panel at a time, computed only when asked for; its own choices rerun only this part."""
    # keyed by language, as every menu is: its browser sends back the label it shows (ui/explorer/state.py's key)
    panel = st.segmented_control(_("Look at"), list(PANELS), format_func=translated(PANELS),
                                 key=f"{WHY_PANEL}_{language()}")
    net = state.network  # a run of this part alone sees the network as it is now
    names = [net.layer_name(l) for l in range(len(net.layers))]

    def name(parameter) -> str:
        return labels.parameter(*parameter, net.sizes)

    if panel in ("curve", "surface"):
        options, first = parameter_choices(net, state.pick)
        named = {parameter: name(parameter) for parameter in options}.__getitem__
        columns = st.columns(2)
        chosen = [columns[0].selectbox(_("Parameter θ₁") if panel == "surface" else _("Parameter θ"), options, index=first,
                                       format_func=named, key=state.key("why_first", net.sizes, state.pick),
                                       help=_("Click an edge's dot or a neuron on the graph to choose it here."))]
        if panel == "surface":
            chosen.append(columns[1].selectbox(_("Parameter θ₂"), options, index=(first + 1) % len(options),
                                               format_func=named, key=state.key("why_second", net.sizes, state.pick)))
    if panel == "curve":
        curve = loss_along(net, state.inputs, state.targets, state.walk.backward, chosen[0], state.learning_rate)
        chart(loss_along_figure(curve, name(chosen[0]), labels.loss_name(net.loss)), key="why_curve")
        st.caption(curve_caption(curve, name(chosen[0]), state.learning_rate))
    elif panel == "surface" and chosen[0] == chosen[1]:
        st.info(_("Choose two different parameters for the map."))
    elif panel == "surface":
        surface = loss_surface(net, state.inputs, state.targets, state.walk.backward, tuple(chosen), state.learning_rate)
        names_2 = (name(chosen[0]), name(chosen[1]))
        trail = path(state.trail, tuple(chosen))
        chart(loss_surface_figure(surface, names_2, labels.loss_name(net.loss), trail), key="why_surface")
        st.caption(surface_caption(surface, names_2, len(trail)))
    elif panel == "norms":
        history = state.history
        chart(gradient_norms_figure([h.epoch for h in history], [h.norms for h in history], names), key="why_norms")
        st.caption(norms_caption(history[-1].norms, names))
    elif panel == "spread":
        spreads = spread(net, state.walk.forward)
        chart(spread_figure(spreads, names), key="why_spread")
        st.caption(spread_caption(spreads, names))
