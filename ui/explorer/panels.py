"""The explorer's two panels that sit beside the pass: the quiz, above the graph, and why training works or fails,
under the loss curve. Streamlit drawing only: each reads widgets, calls the core or the state, and draws figures
that ui/explorer/landscape_figures.py builds."""
import streamlit as st

from backprop.diagnostics import spread
from backprop.i18n import _, language, translated
from backprop.landscape import loss_along, loss_surface, path

from .. import labels
from ..charts import chart
from ..session import on_value, show_message
from . import quiz
from .landscape_figures import gradient_norms_figure, loss_along_figure, loss_surface_figure, spread_figure
from .state import ExplorerState
from .stepper import ANSWER_KEY
from .why import PANELS, curve_caption, norms_caption, parameter_choices, spread_caption, surface_caption

WHY_PANEL = "why_panel"  # the Look at chooser's key, before its language


def quiz_panel(state: ExplorerState):
    """The next question with Check, Hint and Skip; beside it the last answer's verdict, under both its equation
    (full width: an equation of a wide layer does not fit half the page)."""
    asking, told = st.columns(2)
    answered = [p for p in state.questions if p in state.answers]
    last = state.questions[answered[-1]] if answered else None
    if last is not None:
        level, text = quiz.feedback(last, state.answers[last.position])
        {"success": told.success, "error": told.error}.get(level, told.info)(text)
    score, question = quiz.score(state), state.pending
    if question is None:
        done = (_("Pass complete: {right} right of {answered} answered, {skipped} skipped.") if score.skipped else
                _("Pass complete: {right} right of {answered} answered."))
        asking.success(done.format(right=score.right, answered=score.answered, skipped=score.skipped) + " "
                       + _("Step through it, or Apply update for a new pass."))
    else:
        with asking.form(f"quiz_form_{question.position}", border=True):
            st.markdown(_("**Question {k} of {asked}** (score {right} of {answered}): before step {position}, what is "
                          "{symbol} at {place}?").format(k=len(answered) + 1, asked=score.asked, right=score.right,
                                                         answered=score.answered, position=question.position,
                                                         symbol=f"${question.symbol}$",
                                                         place=quiz.place_name(question, state.sizes)))
            answer_key = f"{ANSWER_KEY}_{question.position}"  # a new field per question: focus leaves it after Enter
            st.text_input(_("Your prediction"), key=answer_key, help=quiz.prediction_help())
            buttons = st.columns(3)
            buttons[0].form_submit_button(_("Check"), type="primary", width="stretch",
                                          on_click=on_value(answer_key, quiz.answer, state))
            buttons[1].form_submit_button(_("Hint"), width="stretch", on_click=quiz.hint, args=(state,))
            buttons[2].form_submit_button(_("Skip"), width="stretch", on_click=quiz.skip, args=(state,))
        with asking:
            show_message(state, "quiz")
    if last is not None:
        st.latex(last.answer)
    if question is not None and question.position in state.hints:
        told.caption(_("Hint: the equation, with the number to find left blank"))
        st.latex(question.hint)


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
