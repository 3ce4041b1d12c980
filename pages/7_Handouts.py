"""Handouts to print, or save as PDF from the browser: the worked example of the explorer's network, and quiz
worksheets in as many versions as a class needs, with their answer key."""
import streamlit as st

from backprop import ACTIVATIONS, LOSSES
from backprop.i18n import N_, _, translated
from backprop.quiz import KINDS
from backprop.worksheet import MAX_VERSIONS, given

from ui import labels, session
from ui.cells import kept
from ui.charts import chart
from ui.explorer.views import network_sentence
from ui.handout import CONTROLS_KEY, PRINT_CSS, SHEET_KEY, sheets, version_figure, worked_steps
from ui.nav import page_config
from ui.tables import data_markdown, step_markdown

page_config(N_("Handouts"), "🖨️")
st.html(PRINT_CSS)
KINDS_TO_PRINT = {"worked": N_("The worked example of the explorer's network"), "sheets": N_("Quiz worksheets")}

with st.container(key=CONTROLS_KEY):
    st.title(_("Handouts"))
    st.markdown(_("Print with the browser's Print (Ctrl+P, or ⌘P on a Mac), on paper or as a PDF: the sidebar and "
                  "these controls stay off the paper, and each part starts a page."))
    kind = st.radio(_("What to print"), list(KINDS_TO_PRINT), format_func=translated(KINDS_TO_PRINT), horizontal=True,
                    key="handout_kind")

if kind == "worked":
    state = session.explorer_state()
    net = state.network
    with st.container(key=CONTROLS_KEY + "_worked"):
        st.caption(_("The network as the explorer has it now: change it there, and print again."))
    st.header(_("A worked example of backpropagation"))
    st.markdown(network_sentence(net, len(state.inputs), state.learning_rate))
    st.markdown(data_markdown(state.inputs, state.targets, net.sizes))
    for k, printed in enumerate(worked_steps(net, state.walk, state.sample)):
        with st.container(key=SHEET_KEY.format(k=k)) if printed.new_page else st.container():
            st.subheader(printed.step.position)
            st.markdown(printed.step.summary)
            for equation in printed.step.equations:
                st.latex(equation)
            st.markdown(step_markdown(printed.step, net.sizes))
            chart(printed.figure, key=f"handout_graph_{k}")
else:
    with st.container(key=CONTROLS_KEY + "_sheets"):
        columns = st.columns(3)
        versions_help = _("A whole number from 1 to {limit}: each student of a row can get their own.")
        versions_text = columns[0].text_input(_("Versions"), "3", help=versions_help.format(limit=MAX_VERSIONS))
        sizes_text = columns[1].text_input(_("Neurons per layer (input, hidden…, output)"), "2, 2, 1")
        seed_text = columns[2].text_input(_("First seed"), "1", help=_(
            "Version k is drawn with this seed + k − 1: the same seed prints the same sheets."))
        columns = st.columns(3)
        hidden_kinds = [a for a in ACTIVATIONS if a != "softmax"]
        hidden = columns[0].selectbox(_("Hidden activation"), hidden_kinds, index=hidden_kinds.index("relu"),
                                      format_func=translated(labels.ACTIVATIONS),
                                      help=_("ReLU and the identity work by hand; the others need a calculator."))
        loss = columns[1].selectbox(_("Loss"), ["mse", "half_sse"], format_func=translated(
            {name: LOSSES[name].title for name in LOSSES}))
        kinds = columns[2].multiselect(_("Ask for"), list(KINDS), default=["z", "a", "loss", "delta", "grad_weight"],
                                       format_func=translated(KINDS))
        answer_key = st.toggle(_("Print the answer key after the sheets"), value=True)
    try:
        printed = sheets(versions_text, sizes_text, seed_text, hidden, loss, kinds)
    except ValueError as error:
        with st.container(key=CONTROLS_KEY + "_refused"):
            st.error(str(error).removesuffix(kept()).rstrip(". ") + ".")
        st.stop()
    for k, version in enumerate(printed, start=1):
        with st.container(key=SHEET_KEY.format(k=k)):
            st.header(_("Worksheet, version {k}").format(k=k))
            st.markdown(_("Name: ______________________   Seed {seed}. Work each number out before you look it up.")
                        .format(seed=version.seed))
            chart(version_figure(version), key=f"sheet_graph_{k}")
            for line in given(version):
                st.latex(line)
            st.markdown("\n".join(f"{n}. ${q.symbol}$ = ______________ " + _("(step {position})").format(
                position=q.position) for n, q in enumerate(version.questions, start=1)))
    if answer_key:
        with st.container(key=SHEET_KEY.format(k="key")):
            st.header(_("Answer key"))
            for k, version in enumerate(printed, start=1):
                st.subheader(_("Version {k} (seed {seed})").format(k=k, seed=version.seed))
                for n, q in enumerate(version.questions, start=1):
                    st.latex(rf"{n}.\quad {q.answer}")
