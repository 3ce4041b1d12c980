"""The backward rule of a matrix product: Y = X·W, G = ∂L/∂Y, so ∂L/∂X = G·Wᵀ and ∂L/∂W = Xᵀ·G."""
import streamlit as st

from backprop.code import matmul_code
from backprop.gradcheck import TOLERANCE
from backprop.i18n import N_, _
from backprop.latex import matrix, number, row
from backprop.lessons import as_layer, dot_case
from ui import guided, session
from ui.charts import chart
from ui.concepts.figures import heatmap, matmul_sums, shape
from ui.concepts.state import MAX_SEED, MAX_SIDE, MatmulState
from ui.nav import page_config
from ui.session import consume_editor, show_message
from ui.tables import numbered_frame

sidebar_top = page_config(N_("Matrix product"), "🧮")
progress = guided.start("matmul")
lesson_place = guided.slot(progress, sidebar_top)
state: MatmulState = session.kept("matmul", MatmulState.create)
lesson = state.lesson

st.title(_("The backward rule of a matrix product"))
st.markdown(_(r"If $Y = XW$ and the layer above hands you $G = \partial L/\partial Y$, then "
              r"$\partial L/\partial X = G\,W^\top$ and $\partial L/\partial W = X^\top G$. "
              "Where the transpose goes follows from the shapes: each gradient has the shape of what it is "
              "the gradient of."))
show_message(state)

st.header(_("1. The scalar case: a dot product"))
dot = dot_case(lesson)
st.markdown(_(r"One output, $y = \sum_i x_i w_i$. Nudge $x_i$ and $y$ moves by $w_i$, so by the chain rule "
              r"$\partial L/\partial x_i = g\,w_i$ and $\partial L/\partial w_i = g\,x_i$, where "
              r"$g = \partial L/\partial y$. Here is the first row of X against the first column of W, with $g = G_{11}$:"))
st.latex(rf"y = x \cdot w = {row(dot.x)} \cdot {row(dot.w)} = {number(dot.y)}, \qquad g = {number(dot.g)}")
st.latex(rf"\frac{{\partial L}}{{\partial x}} = g\,w = {row(dot.grad_x)}, \qquad "
         rf"\frac{{\partial L}}{{\partial w}} = g\,x = {row(dot.grad_w)}")

st.header(_("2. Matrices"))
st.markdown(_("Every entry of Y is such a dot product, so every entry of a gradient is a sum of such terms. "
              "Hover a cell of a gradient to see its sum written out. Pick the shapes and edit any value."))
sizes = st.columns(5)
shape_keys = ("mm_n", "mm_m", "mm_p", seed_key := f"mm_seed_{state.seed}_{state.version}")  # the seed field shows the seed in use


def reshape(seed=None):
    state.reshape(*(session.value(k) for k in shape_keys[:3]), session.value(seed_key) if seed is None else seed)


for column, key, label, value in zip(sizes, shape_keys[:3], (_("rows of X (n)"), _("columns of X = rows of W (m)"),
                                                             _("columns of W (p)")), lesson.x.shape + lesson.w.shape[1:]):
    column.selectbox(label, range(1, MAX_SIDE + 1), index=value - 1, key=key, on_change=reshape)
sizes[3].text_input(_("Seed"), str(state.seed), key=seed_key, help=_("A whole number from 0 to {limit}.").format(
    limit=MAX_SEED), on_change=reshape)


sizes[4].button(_("New random values"), on_click=reshape, args=(state.seed + 1,), width="stretch")

editors = st.columns(3)
for column, (name, values) in zip(editors, (("X", lesson.x), ("W", lesson.w), ("G", lesson.upstream))):
    key = f"edit_{name}_{state.version}"
    column.markdown(f"**{name}** ({shape(values)})")
    column.data_editor(numbered_frame(values), key=key)
    consume_editor(key, lambda edits, name=name: state.edit(name, edits["edited_rows"]))

hover_x, hover_w = matmul_sums(lesson)
figures = st.columns(2)
with figures[0]:
    chart(heatmap(lesson.y, f"Y = X·W   ({shape(lesson.x)})·({shape(lesson.w)}) = {shape(lesson.y)}"), key="mm_y")
with figures[1]:
    chart(heatmap(lesson.upstream, _("G = ∂L/∂Y   {shape}, same shape as Y").format(shape=shape(lesson.upstream))),
          key="mm_g")
with figures[0]:
    chart(heatmap(lesson.grad_x, _("∂L/∂X = G·Wᵀ   ({g})·({w}) = {shape}, same as X").format(
        g=shape(lesson.upstream), w=shape(lesson.w.T), shape=shape(lesson.grad_x)), hover=hover_x), key="mm_grad_x")
with figures[1]:
    chart(heatmap(lesson.grad_w, _("∂L/∂W = Xᵀ·G   ({x})·({g}) = {shape}, same as W").format(
        x=shape(lesson.x.T), g=shape(lesson.upstream), shape=shape(lesson.grad_w)), hover=hover_w), key="mm_grad_w")

numpy = matmul_code(lesson)
st.markdown(_("**In numpy**, with the numbers above: the shapes in the comments say where each transpose goes."))
st.code(numpy.source, language="python")
st.caption(_("It prints:"))
st.code(numpy.printed, language="text")

st.header(_("3. Check it with finite differences"))
error_x, error_w = lesson.errors
st.markdown(_(r"Take $L = \sum_{ij} G_{ij} Y_{ij}$, whose $\partial L/\partial Y$ is exactly G. Nudge each entry by "
              r"$\pm 10^{-5}$ and measure how L changes: $(L(\theta+h) - L(\theta-h))/2h$."))
checks = st.columns(2)
for column, name, analytic, numeric, error in ((checks[0], "X", lesson.grad_x, lesson.numeric_x, error_x),
                                                (checks[1], "W", lesson.grad_w, lesson.numeric_w, error_w)):
    rule, differences = _("rule"), _("differences")
    column.latex(rf"\begin{{gathered}}\text{{{rule}: }} {matrix(analytic)} \\[4pt] "  # stacked: half a 1366 screen
                 rf"\text{{{differences}: }} {matrix(numeric)}\end{{gathered}}")
    (column.success if error < TOLERANCE else column.error)(
        f"∂L/∂{name}: ‖{rule} − {differences}‖ / (‖{rule}‖ + ‖{differences}‖) = {error:.1e}")

st.header(_("4. In the explorer's layers"))
grad_x, grad_weights, agrees = as_layer(lesson)
st.markdown(_(r"The explorer stores a layer's weights as $(n_\text{out}, n_\text{in})$, one row per neuron, and "
              r"computes $Z = X W_\text{layer}^\top + b$. That is this product with $W_\text{layer} = W^\top$, so "
              r"$\partial L/\partial W_\text{layer} = G^\top X$ (the transpose of $X^\top G$) and "
              r"$\partial L/\partial X = G\,W_\text{layer}$."))
layer = _("layer")  # the word under W, as the text above writes it
st.latex(rf"\frac{{\partial L}}{{\partial W_\text{{{layer}}}}} = G^\top X = {matrix(grad_weights)} = "
         rf"\left(X^\top G\right)^\top")
(st.success if agrees else st.error)(
    _("The layer's backward pass gives the same numbers: yes.") if agrees else
    _("The layer's backward pass gives the same numbers: no."))

guided.panel(lesson_place, progress, "matmul", guided.matmul_scene(state))
