"""Softmax, its Jacobian, the seed's buggy Jacobian, overflow and its cure, and softmax with cross-entropy."""
import streamlit as st

from backprop.code import softmax_code
from backprop.gradcheck import TOLERANCE
from backprop.i18n import N_, _
from backprop.latex import matrix
from ui import guided, session
from ui.charts import chart
from ui.concepts.figures import heatmap, probability_bars
from ui.concepts.state import MAX_CLASSES, SoftmaxState
from ui.nav import page_config
from ui.session import on_value, show_message
from ui.tables import routes_verdict, softmax_overflow_table

sidebar_top = page_config(N_("Softmax"), "📊")
progress = guided.start("softmax")
lesson_place = guided.slot(progress, sidebar_top)
state: SoftmaxState = session.kept("softmax", SoftmaxState)

st.title(_("Softmax and its Jacobian"))
st.markdown(_(r"Softmax turns logits $z$ into probabilities $s_i = e^{z_i} / \sum_j e^{z_j}$. Every output depends "
              r"on every input, so its derivative is a matrix, the Jacobian $J_{ij} = \partial s_i / \partial z_j$."))
show_message(state)
controls = st.columns([3, 2, 2])
controls[0].text_input(_("Logits z (2 to {limit}, comma-separated)").format(limit=MAX_CLASSES), ", ".join(f"{v:g}" for v in state.logits),
                       key=f"logits_{state.version}", on_change=on_value(f"logits_{state.version}", state.set_logits_text))
names = [_("class {k}").format(k=k + 1) for k in range(len(state.logits))]
state.target = controls[1].selectbox(_("Target class y (for cross-entropy)"), range(len(state.logits)),
                                     index=state.target, format_func=names.__getitem__)
state.shift = controls[2].select_slider(_("Add to every logit"), [0.0, 10.0, 100.0, 500.0, 1000.0], value=state.shift,
                                        help=_("Softmax does not change when every logit moves by the same amount; "
                                               "exp does, and overflows past about 709."))
lesson = state.lesson

st.header(_("1. Softmax"))
chart(probability_bars(names, lesson.s, "s = softmax(z)", highlight=state.target), key="softmax_bars")

st.header(_("2. The Jacobian, and a common mistake"))
st.markdown(_(r"Differentiate $s_i = e^{z_i}/\Sigma$: for $i = j$ you get $s_i(1 - s_i)$, for $i \ne j$ you get "
              r"$-s_i s_j$. Together, $J = \operatorname{diag}(s) - s\,s^\top$. A common first attempt writes "
              r"$s_i(1 - z_i)$ and $-s_i z_j$, with the input $z$ where the output $s$ belongs. "
              "Finite differences settle which is right."))
error_right, error_wrong = lesson.errors
columns = st.columns(3)
with columns[0]:
    chart(heatmap(lesson.jacobian, "diag(s) − s sᵀ", "∂s", "∂z"), key="softmax_jacobian")
with columns[1]:
    chart(heatmap(lesson.buggy, _("a common attempt: {formula}").format(
        formula="s<sub>i</sub>(1 − z<sub>i</sub>), −s<sub>i</sub>z<sub>j</sub>"), "∂s", "∂z"), key="softmax_attempt")
with columns[2]:
    chart(heatmap(lesson.numeric, _("central differences (h = 1e-5)"), "∂s", "∂z"), key="softmax_differences")
columns[0].success(_("matches the differences: relative error {error}").format(error=f"{error_right:.1e}"))
if error_wrong > TOLERANCE:
    columns[1].error(_("relative error {error} against the differences: wrong").format(error=f"{error_wrong:.2g}"))
else:
    columns[1].info(_("relative error {error} against the differences").format(error=f"{error_wrong:.2g}"))

numpy = softmax_code(lesson)
st.markdown(_("**In numpy**, with the logits above: the seed's loop beside the Jacobian written whole, and the "
              "cross-entropy's gradient both through the Jacobian and fused."))
st.code(numpy.source, language="python")
st.caption(_("It prints J, the loop's matrix, and the two gradients:"))
st.code(numpy.printed, language="text")

st.header(_("3. Overflow, and the cure"))
st.markdown(_(r"$e^{z}$ overflows to infinity once $z$ passes about 709, and $\infty/\infty$ is NaN. "
              r"Subtracting $\max_j z_j$ first changes nothing mathematically, since the factor $e^{-\max z}$ "
              "cancels, and keeps every exponent at most 0. Move the slider above to 1000 to see it."))
st.dataframe(softmax_overflow_table(lesson), width="content")

st.header(_("4. Softmax with cross-entropy: the gradient is p − y"))
st.markdown(_(r"With $L = -\sum_k y_k \log p_k$, $\partial L/\partial p = -y/p$. Through the Jacobian, "
              r"$\partial L/\partial z = J^\top\,\partial L/\partial p$, and that simplifies to $p - y$. "
              "That is why networks fuse the two: no Jacobian, no division by a tiny $p$."))
st.latex(rf"J^\top \frac{{\partial L}}{{\partial p}} = {matrix(lesson.jacobian.T)} {matrix(lesson.grad_p)} "
         rf"= {matrix(lesson.chained)}")
st.latex(rf"p - y = {matrix(lesson.s)} - {matrix(lesson.target)} = {matrix(lesson.fused)}")
verdict = routes_verdict(lesson)
(st.success if verdict.level == "success" else st.warning)(verdict.text)

guided.panel(lesson_place, progress, "softmax", guided.softmax_scene(state))
