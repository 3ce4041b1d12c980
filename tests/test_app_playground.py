"""The playground page under AppTest: every control reaches the state, and what is drawn is its view."""
import numpy as np
import pytest

from apptest_helpers import button, chart_specs, decode, open_page
from ui.playground import views
from ui.tables import step_body

PAGE = "pages/5_Playground.py"


@pytest.fixture
def at():
    return open_page(PAGE)


def state(at):
    return at.session_state["playground"]


def field(at, kind: str, label: str):
    return next(w for w in getattr(at, kind) if w.label == label)


def test_the_page_opens_on_the_circle_with_its_boundary(at):
    specs = chart_specs(at)
    plane = next(spec for spec in specs if "scatter" in {trace["type"] for trace in spec["data"]})  # with the points
    boundary = np.asarray(decode(plane["data"][0]["z"]), dtype=float)
    assert np.allclose(boundary, views.view(state(at)).boundary, atol=1e-4)
    assert [m.label for m in at.metric] == ["Epoch", "Test accuracy", "Test loss"] and at.metric[0].value == "0"
    assert len(specs) == 3  # the boundary, the confusion matrix and the hidden units; curves once trained


def test_step_play_pause_and_reset(at):
    button(at, "Step (1 epoch)").click().run()
    assert state(at).epoch == 1 and at.metric[0].value == "1" and len(chart_specs(at)) == 4
    button(at, "Play").click().run()
    assert state(at).playing and button(at, "Pause") and button(at, "Step (1 epoch)").disabled
    state(at).play_chunk()  # what each tick of the running fragment does
    assert state(at).epoch > 1
    epoch = state(at).epoch
    state(at).step()  # a Step that arrives while playing (a late copy of a click): not trained on top of the play
    assert state(at).epoch == epoch and state(at).playing
    button(at, "Pause").click().run()
    assert not state(at).playing
    button(at, "Reset weights").click().run()
    assert state(at).epoch == 0 and not at.exception


@pytest.mark.parametrize("dataset, classes", [("xor", 2), ("gaussians", 2), ("spiral", 2), ("spiral3", 3)])
def test_each_dataset_opens_with_its_own_network(at, dataset, classes):
    field(at, "selectbox", "Dataset").set_value(dataset).run()
    s = state(at)
    assert s.dataset == dataset and s.data.classes == classes and s.network.sizes[-1] == (1 if classes == 2 else 3)
    assert field(at, "text_input", "Hidden layers (units each)").value == ", ".join(map(str, s.hidden))
    assert not at.exception


def test_data_controls(at):
    field(at, "slider", "Noise").set_value(0.3).run()
    field(at, "slider", "Points").set_value(200).run()
    field(at, "slider", "Share held out for testing").set_value(0.25).run()
    field(at, "text_input", "Seed (data and weights)").set_value("42").run()
    s = state(at)
    assert (s.noise, s.points, s.test_fraction, s.seed) == (0.3, 200, 0.25, 42) and len(s.data.test) == 50
    field(at, "multiselect", "Input features").set_value(["x1", "x2", "x1^2"]).run()
    assert state(at).network.sizes[0] == 3


def test_network_controls(at):
    field(at, "text_input", "Hidden layers (units each)").set_value("4, 3").run()
    field(at, "selectbox", "Activation of hidden layer 2").set_value("relu").run()
    field(at, "text_input", "Learning rate η").set_value("0.05").run()
    field(at, "text_input", "Batch size").set_value("20").run()
    field(at, "text_input", "L2 penalty λ").set_value("1e-3").run()
    s = state(at)
    assert s.network.sizes == [2, 4, 3, 1] and s.activations == ("tanh", "relu")
    assert (s.learning_rate, s.batch_size, s.l2) == (0.05, 20, 0.001)


def test_a_bad_value_is_refused_with_its_reason_and_nothing_is_lost(at):
    field(at, "text_input", "Learning rate η").set_value("fast").run()
    assert state(at).learning_rate == 0.3 and "not a number" in at.error[0].value
    assert field(at, "text_input", "Learning rate η").value == "0.3"  # the field shows what was kept
    field(at, "text_input", "Learning rate η").set_value("0.0001234567").run()
    assert field(at, "text_input", "Learning rate η").value == "0.0001234567"  # shown as typed, not rounded
    field(at, "text_input", "Hidden layers (units each)").set_value("8, 80").run()
    assert state(at).hidden == (8,) and "from 1 to 8" in at.error[0].value
    assert not at.exception


def test_the_data_can_be_downloaded(at):
    assert [b.proto.label for b in at.get("download_button")] == ["⬇ The data (CSV)"]


def test_own_data_and_a_refused_file(at):
    state(at).load_csv(b"1,2,0\n1,two,1\n")  # what the uploader's callback hands over (AppTest cannot upload)
    at.run()
    assert "row 2, column 2 (x2): 'two' is not a number" in at.error[0].value and state(at).dataset == "circle"
    state(at).load_csv(b"x1,x2,label\n" + b"".join(b"%d,%d,%d\n" % (k, -k, k % 3) for k in range(60)))
    at.run()
    assert "Loaded 60 points in 3 classes" in at.success[0].value
    assert field(at, "selectbox", "Dataset").value == "own" and field(at, "slider", "Noise").proto.disabled
    assert not at.exception


def test_a_clicked_point_shows_its_pass_and_opens_in_the_explorer(at):
    button(at, "Step (1 epoch)").click().run()
    state(at).set_point(4)  # what a click on the chart's point hands the state (AppTest cannot click a chart)
    at.run()
    walk = views.point_walk(state(at))
    assert [e.label for e in at.expander] == [step.position for step in walk.steps]
    bodies = [m.value for m in at.markdown]
    assert all(step_body(step, state(at).sizes) in bodies for step in walk.steps)  # the explorer's own step tables
    assert "Point 4" in next(m.value for m in at.markdown if m.value.startswith("**Point 4**"))
    button(at, "Open in the explorer").click().run()
    explorer = at.session_state["explorer"]
    assert np.array_equal(explorer.inputs, state(at).data.x[4:5]) and explorer.network.sizes == [2, 8, 1]
    assert not at.exception
