"""DataFrames for the tables the pages show, labelled with the names a learner reads."""
import numpy as np
import pandas as pd

from backprop.gradcheck import TOLERANCE, GradientCheck
from backprop.i18n import _
from backprop.network import Network
from backprop.steps import Step

from . import labels
from .cells import data_columns, layer_columns, shown
from .message import Message


def step_body(step: Step, sizes: list[int]) -> str:
    """A step's equations as display math (the $$…$$ st.latex writes), then its table: one
    Markdown element per step instead of one per equation, on a page that draws three of them."""
    return "\n\n".join([step.summary] + [f"$$\n{equation}\n$$" for equation in step.equations]
                       + [step_markdown(step, sizes)])


def step_markdown(step: Step, sizes: list[int]) -> str:
    """step_table as Markdown: written straight from the values, since the page draws three steps on each run."""
    columns, rows = step_table(step, sizes)
    return _markdown_table(columns, rows)


def step_table(step: Step, sizes: list[int]) -> tuple[list[str], list[tuple[str, list[float]]]]:
    """(columns, rows): one row per neuron of the step's layer (the update step: one row, L), one column per value
    the step produced. static/engine/tables.js mirrors it for the explorer's steps."""
    vectors = {k: np.atleast_1d(v) for k, v in step.values.items()}
    if step.layer is None:
        rows, columns = ["L"], {k: v[:1] for k, v in vectors.items()}
    else:
        rows = labels.column_labels(step.layer + 1, sizes)
        columns = {k: v for k, v in vectors.items() if v.ndim == 1 and len(v) == len(rows)}
    return list(columns), [(name, [float(v[r]) for v in columns.values()]) for r, name in enumerate(rows)]


def step_markdown(step: Step, sizes: list[int]) -> str:
    """step_table as a Markdown table, as a handout prints it."""
    return _markdown_table(*step_table(step, sizes))


def step_cells(step: Step, sizes: list[int]) -> dict:
    """step_table as the explorer's page draws it, each value written by readable()."""
    columns, rows = step_table(step, sizes)
    return {"columns": columns, "rows": [[name, [readable(v) for v in values]] for name, values in rows]}


def text_cells(table: np.ndarray) -> list[list[str]]:
    """A grid's cells as text: the browser then sends back exactly what was typed (1e-3, 1,5), and
    the core parses it, where a number column would have read 1e-3 as -13."""
    return [[shown(v) for v in row] for row in np.atleast_2d(table)]


def layer_frame(network: Network, layer: int) -> pd.DataFrame:
    """Rows are the layer's neurons; columns its inputs, then its bias b; cells as text."""
    params = network.layers[layer]
    table = np.column_stack([params.weights, params.biases])
    return pd.DataFrame(text_cells(table), columns=layer_columns(network, layer),
                        index=labels.column_labels(layer + 1, network.sizes))


def data_frame(inputs: np.ndarray, targets: np.ndarray, sizes: list[int]) -> pd.DataFrame:
    """Rows are samples, numbered by position (the grid shows no index, so a new row needs no label)."""
    return pd.DataFrame(text_cells(np.hstack([inputs, targets])), columns=data_columns(sizes))


def data_markdown(inputs: np.ndarray, targets: np.ndarray, sizes: list[int], limit: int = 12) -> str:
    """data_frame as a Markdown table, its first `limit` samples; a longer dataset says how many more."""
    rows = [(_("sample {k}").format(k=k + 1), values) for k, values in enumerate(np.hstack([inputs, targets])[:limit])]
    more = "\n\n" + _("… and {n} more samples.").format(n=len(inputs) - limit) if len(inputs) > limit else ""
    return _markdown_table(data_columns(sizes), rows) + more


def _markdown_table(columns: list[str], rows: list[tuple[str, list[float]]]) -> str:
    """A right-aligned Markdown table: a bold row name, then each value to 6 significant digits."""
    lines = [f"| **{name}** | " + " | ".join(readable(v) for v in values) + " |" for name, values in rows]
    return "\n".join(["| | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)] + lines)


# per element, |a − n| / (|a| + |n|) is noisier than the norm form (it reaches 4e-7 on correct
# gradients), and a floor keeps gradients that are zero up to rounding from looking wrong
ELEMENT_TOLERANCE = 1e-5
ELEMENT_FLOOR = 1e-8


def gradient_verdict(check: GradientCheck) -> Message:
    """What the check says, in words; a loss too large for differences to measure is said to be that."""
    error = _("Norm relative error ‖a − n‖ / (‖a‖ + ‖n‖) = {error} (< {tolerance} to pass)").format(
        error=f"{check.relative_error:.2e}", tolerance=f"{TOLERANCE:g}")
    if check.passed:
        return Message("success", _("{check}: pass.").format(check=error))
    if check.clipped:
        return Message("warning", _("{check}, and that is expected here: the loss is clipped (a probability the target "
                                    "needs is below 10⁻¹², so its log is taken at 10⁻¹²). Near such an output the "
                                    "clipped loss is flat, so the differences see a slope of 0, while backprop gives "
                                    "the slope of the true loss. Use a smaller η or re-initialise, then check "
                                    "again.").format(check=error))
    if not check.measurable:
        return Message("warning", _("{check}, but the differences cannot decide here: the loss is {loss}, so rounding "
                                    "alone moves each difference quotient by about {noise}. This does not say backprop "
                                    "is wrong. Re-initialise or use smaller weights, then check again.").format(
            check=error, loss=f"{check.loss:.3g}", noise=f"{check.rounding_noise:.2g}"))
    return Message("error", _("{check}: FAIL.").format(check=error))


def gradient_table(check: GradientCheck, sizes: list[int]) -> pd.DataFrame:
    """Analytic vs numerical gradient for every parameter, with the element's relative error."""
    rows = []
    for p in check.parameters:
        name = labels.weight(p.layer, *p.index, sizes) if p.kind == "weight" else labels.bias(p.layer, p.index[0], sizes)
        error = abs(p.analytic - p.numeric) / max(abs(p.analytic) + abs(p.numeric), ELEMENT_FLOOR)
        rows.append({_("parameter"): name, _("analytic ∂L/∂θ"): p.analytic, _("numerical ∂L/∂θ"): p.numeric,
                     _("relative error"): error, _("pass"): "✅" if error < ELEMENT_TOLERANCE else "❌"})
    return pd.DataFrame(rows)


def numbered_frame(values: np.ndarray) -> pd.DataFrame:
    """A matrix for st.data_editor, cells as text, with columns '1', '2', … as the text numbers them."""
    values = np.atleast_2d(values)
    return pd.DataFrame(text_cells(values), columns=[str(j + 1) for j in range(values.shape[1])],
                        index=[str(i + 1) for i in range(values.shape[0])])


def routes_verdict(lesson) -> Message:
    """Whether Jᵀ(−y/p) and p − y agree; where p of the true class rounds to 0, the first route cannot."""
    if np.isfinite(lesson.fused_gap):
        return Message("success", _("The two routes agree to {gap}, which is rounding.").format(
            gap=f"{lesson.fused_gap:.1e}"))
    return Message("warning", _("Only the fused route gives a number here: p of the true class is {p} in double "
                                "precision, so ∂L/∂p = −y/p is infinite and Jᵀ ∂L/∂p is NaN, while p − y stays finite. "
                                "This is why networks fuse softmax with cross-entropy.").format(
        p=f"{lesson.s[np.argmax(lesson.target)]:.3g}"))


def softmax_overflow_table(lesson) -> pd.DataFrame:
    """Naive and stable softmax side by side for the page's logits, as text: a grid would show NaN as
    "None", and overflow is the point of the table."""
    with np.errstate(over="ignore"):
        exp_z = np.exp(lesson.z)
    columns = {"z": lesson.z, "exp(z)": exp_z, _("naive exp(z)/Σexp(z)"): lesson.naive,
               "exp(z − max z)": np.exp(lesson.z - lesson.z.max()), _("stable softmax"): lesson.s}
    return pd.DataFrame({name: [readable(v) for v in values] for name, values in columns.items()},
                        index=[_("class {k}").format(k=k + 1) for k in range(len(lesson.z))])


def readable(value: float) -> str:
    """6 significant digits, with NaN and ∞ written as a learner reads them, and −0 as 0 (+ 0.0 drops the sign)."""
    return "NaN" if np.isnan(value) else (("−∞" if value < 0 else "∞") if np.isinf(value) else f"{value + 0.0:.6g}")
