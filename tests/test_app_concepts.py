"""The concept pages and the landing page under AppTest: every control, numbers checked against the core."""
import numpy as np
import pytest

from apptest_helpers import button, chart_specs, decode, latex, open_page, texts
from backprop import softmax, softmax_jacobian
from backprop.code import digits_printed
from backprop.lessons import matmul_lesson, random_matrices
from ui.concepts.datasets import digits


def heatmap_values(spec) -> np.ndarray:
    return np.asarray(decode(spec["data"][0]["z"]), dtype=float)


def chart_titled(at, start: str) -> dict:
    return next(s for s in chart_specs(at) if s["layout"].get("title", {}).get("text", "").startswith(start))


def test_landing_page_links_every_page():
    at = open_page()
    links = [link.proto.page for link in at.get("page_link")]
    pages = ["Network_explorer", "Matrix_product", "Softmax", "Digits", "Playground"]
    # the page's own links (the explorer, the lessons, then the concept pages), then the sidebar's (Home first)
    assert links == pages[:1] + ["Lessons"] + pages[1:] + [""] + pages + ["Lessons", "Handouts", "Live_class"]


def test_the_home_page_has_a_start_here_path_and_a_word_for_teachers():
    at = open_page()
    assert [h.value for h in at.header] == ["Start here", "Then, one idea at a time", "For teachers"]
    path = at.markdown[1].value
    assert all(f"{k}. **" in path for k in range(1, 6)) and "Next ▶" in path and "Apply update" in path
    assert "Copy link" in at.markdown[2].value and "PageDown" in at.markdown[2].value


class TestMatrixProduct:
    PAGE = "pages/2_Matrix_product.py"

    def test_heatmaps_show_the_core_numbers(self):
        at = open_page(self.PAGE)
        lesson = matmul_lesson(*random_matrices(2, 3, 2, 0))
        grad_x, grad_w = chart_titled(at, "∂L/∂X = G·Wᵀ   (2×2)·(2×3) = 2×3"), chart_titled(at, "∂L/∂W")
        np.testing.assert_allclose(heatmap_values(grad_x), lesson.grad_x)
        np.testing.assert_allclose(heatmap_values(grad_w), lesson.grad_w)
        np.testing.assert_allclose(heatmap_values(chart_titled(at, "Y = X·W")), lesson.y)
        assert grad_x["data"][0]["hovertext"][0][0].startswith("∂L/∂X[1,1] = Σₖ G[1,k]·W[1,k]")
        assert len(at.success) == 3 and not at.error

    def test_shapes_and_new_values(self):
        at = open_page(self.PAGE)
        next(s for s in at.selectbox if s.label == "rows of X (n)").set_value(4).run()
        state = at.session_state["matmul"]
        assert state.x.shape == (4, 3) and state.upstream.shape == (4, 2)
        button(at, "New random values").click().run()
        assert at.session_state["matmul"].seed == 1
        np.testing.assert_array_equal(at.session_state["matmul"].x, random_matrices(4, 3, 2, 1)[0])
        next(t for t in at.text_input if t.label == "Seed").set_value("1e9").run()
        assert "The seed: '1e9' is not a whole number from 0 to 10000" in at.error[0].value
        assert at.session_state["matmul"].seed == 1
        assert next(t for t in at.text_input if t.label == "Seed").value == "1"  # the seed in use, not the refused text
        assert chart_titled(at, "∂L/∂X = G·Wᵀ   (4×2)·(2×3) = 4×3")

    def test_edits_and_bad_cells(self):
        at = open_page(self.PAGE)
        version = at.session_state["matmul"].version
        at.session_state[f"edit_W_{version}"] = {"edited_rows": {0: {"2": 0.5}}, "added_rows": [], "deleted_rows": []}
        at.run()
        assert at.session_state["matmul"].w[0, 1] == 0.5
        assert np.isclose(at.session_state["matmul"].lesson.grad_w[0, 1],
                          at.session_state["matmul"].x[:, 0] @ at.session_state["matmul"].upstream[:, 1])
        version = at.session_state["matmul"].version
        at.session_state[f"edit_X_{version}"] = {"edited_rows": {1: {"3": "seven"}}, "added_rows": [], "deleted_rows": []}
        at.run()
        assert not at.exception
        assert at.error[0].value == "X[2,3]: 'seven' is not a number (write 0.5, -2 or 1e-3). The old value is kept."

    def test_scalar_case_numbers(self):
        at = open_page(self.PAGE)
        lesson = matmul_lesson(*random_matrices(2, 3, 2, 0))
        assert latex(at)[0].endswith(rf"= {lesson.y[0, 0]:.4g}, \qquad g = {lesson.upstream[0, 0]:.4g}")


class TestSoftmax:
    PAGE = "pages/3_Softmax.py"

    def test_bars_jacobians_and_verdicts(self):
        at = open_page(self.PAGE)
        specs = chart_specs(at)
        np.testing.assert_allclose(decode(specs[0]["data"][0]["y"]), softmax(np.array([1.0, 2.0, 3.0])))
        np.testing.assert_allclose(heatmap_values(specs[1]), softmax_jacobian(softmax(np.array([1.0, 2.0, 3.0]))))
        assert texts(at.error) == ["relative error 0.85 against the differences: wrong"]
        assert at.success[0].value.startswith("matches the differences: relative error")

    def test_overflow_and_its_cure(self):
        at = open_page(self.PAGE)
        at.select_slider[0].set_value(1000.0).run()
        table = at.dataframe[0].value
        assert table["naive exp(z)/Σexp(z)"].tolist() == ["NaN"] * 3  # as the text promises, not "None"
        assert table["exp(z)"].tolist() == ["∞"] * 3
        assert table["stable softmax"].tolist() == ["0.0900306", "0.244728", "0.665241"]

    def test_a_logit_gap_too_wide_for_the_jacobian_route_is_explained(self):
        at = open_page(self.PAGE)
        next(t for t in at.text_input if t.label.startswith("Logits")).set_value("1000000, 0").run()
        assert not at.exception and not any("agree to nan" in m.value for m in at.success)
        assert "Only the fused route gives a number here" in at.warning[0].value

    @pytest.mark.parametrize("text, message", [
        ("a, b", "Logit 1: 'a' is not a number"), ("3", "Give between 2 and 10 logits"),
        ("1, nan", "Logit 2: 'nan' is not a number"), ("1, 2e9", "is too large"),
    ])
    def test_bad_logits(self, text, message):
        at = open_page(self.PAGE)
        at.text_input[0].set_value(text).run()
        assert not at.exception and message in at.error[0].value
        assert at.session_state["softmax"].logits.tolist() == [1.0, 2.0, 3.0]

    def test_cross_entropy_route(self):
        at = open_page(self.PAGE)
        at.text_input[0].set_value("0.5, -1, 2, 0").run()
        at.selectbox[0].set_value(1).run()
        lesson = at.session_state["softmax"].lesson
        np.testing.assert_allclose(lesson.fused, softmax(np.array([0.5, -1, 2, 0])) - np.eye(4)[1])
        assert "which is rounding" in at.success[-1].value


class TestDigits:
    PAGE = "pages/4_Digits.py"

    def test_default_training_reaches_90_percent(self):
        at = open_page(self.PAGE)
        button(at, "Train").click().run()
        assert not at.exception
        state = at.session_state["digits"]
        assert state.epochs == 20 and state.history["test_accuracy"][-1] >= 0.90
        assert at.metric[1].value == f"{state.history['test_accuracy'][-1]:.1%}"
        assert len(chart_specs(at)) == 8  # curves, confusion, weights, gallery, and the digit's four

    def test_the_picked_digit_shows_p_minus_y(self):
        at = open_page(self.PAGE)
        button(at, "Train").click().run()
        digit = next(s for s in at.selectbox if s.label == "Digit")
        choice = digit.options[3]
        digit.set_value(choice).run()
        index = int(choice.split()[2].rstrip(":"))
        data = digits(0.25, 0)
        state = at.session_state["digits"]
        from backprop import forward
        p = forward(state.network, data.x_test[index:index + 1]).output[0]
        delta = decode(chart_specs(at)[-1]["data"][0]["y"])
        np.testing.assert_allclose(delta, p - data.y_test[index])

    def test_the_training_shows_as_numpy_that_prints_the_curve(self):
        """Under the curves, the program with the page's settings and what it prints: the test accuracy of each epoch
        trained (tests/test_code.py runs such a program)."""
        at = open_page(self.PAGE)
        assert "for epoch in range(1, 20 + 1):" in at.code[0].value and len(at.code) == 1  # untrained: no output yet
        at.text_input(key=next(w.key for w in at.text_input if w.label == "Epochs")).set_value("3")
        button(at, "Train").click().run()
        state = at.session_state["digits"]
        program, output = at.code[0].value, at.code[1].value
        assert "for epoch in range(1, 3 + 1):" in program and f"eta, batch = {state.learning_rate!r}, 32" in program
        assert output.strip() == digits_printed(state.history["test_accuracy"]).strip() and output.count("%") == 3

    def test_architecture_controls_reset_the_network(self):
        at = open_page(self.PAGE)
        at.slider(key="digits_hidden").set_value(16).run()
        next(s for s in at.selectbox if s.label == "Hidden activation").set_value("tanh").run()
        network = at.session_state["digits"].network
        assert network.sizes == [64, 16, 10] and network.layers[0].activation == "tanh"

    def test_divergence_is_reported(self):
        at = open_page(self.PAGE)
        next(t for t in at.text_input if t.label == "Learning rate η").set_value("10").run()
        next(s for s in at.selectbox if s.label == "Hidden activation").set_value("leaky_relu").run()
        button(at, "Train").click().run()
        assert not at.exception
        history = at.session_state["digits"].history["train_loss"]
        assert all(np.isfinite(history)) and len(history) < 20
        assert "Training stopped at epoch" in at.error[0].value

    @pytest.mark.parametrize("label, text, words", [
        ("Learning rate η", "1e9", "too large (the limit is ±10)"), ("Batch size", "1e9", "Batch size: '1e9'"),
        ("Seed", "1e9", "Seed: '1e9' is not a whole number"), ("Epochs", "1e9", "Epochs: '1e9'"),
    ])
    def test_numbers_are_read_as_typed_or_refused(self, label, text, words):
        at = open_page(self.PAGE)
        before = at.session_state["digits"].network
        next(t for t in at.text_input if t.label == label).set_value(text).run()
        if label == "Epochs":
            button(at, "Train").click().run()
        assert words in at.error[0].value and at.session_state["digits"].network is before
        shown = {"Learning rate η": "0.1", "Batch size": "32", "Seed": "0", "Epochs": "20"}
        assert next(t for t in at.text_input if t.label == label).value == shown[label]  # what is in use, not the refused
