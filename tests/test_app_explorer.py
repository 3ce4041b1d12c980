"""The network explorer page under AppTest: the whole journey, and every bad input.

Prev/Next live in a browser component (ui/explorer/stepper.py) that AppTest cannot click. Its data, every
position's text and figure, is checked here, and positions are set through state.set_position,
the same call the component's callback makes.
"""
import json

import numpy as np
import pytest

from apptest_helpers import button, chart_specs, components, open_page, texts
from backprop import forward, train
from backprop.network import Place
from backprop.notebook import Training, notebook_script
from helpers import numbers_in, shows
from ui.explorer import edit_actions, training_actions
from ui.explorer.page_loop import replay_training, replay_updates
from ui.explorer.stepper import figures_by_position, layouts_by_position, steps_by_position
from ui.tables import step_cells
from test_notebook import run_script

PAGE = "pages/1_Network_explorer.py"


@pytest.fixture
def at():
    return open_page(PAGE)


def state(at):
    return at.session_state["explorer"]


def as_sent(value):
    return json.loads(json.dumps(value))


def steps_shown(at) -> list[dict | None]:
    """Every position's step as the page draws it (None: no step there): the graph's component ships the one its
    view starts at, and the page's engine computes the others, held to the server's steps_by_position in
    tests/test_engine_steps.py."""
    (graph,) = components(at, "graph")
    steps = as_sent(steps_by_position(state(at)))
    assert json.loads(graph["step"]) == steps[graph["start"]]
    return steps


def equations(at, position: int | None = None) -> list[str]:
    """The display math of the step at `position` (default: the state's)."""
    step = steps_shown(at)[state(at).position if position is None else position]
    return step["equations"] if step else []


def apply_in_page(at, count: int = 1):
    """Apply update clicked `count` times in the browser: the page computes, then its sync sends what the server
    replays (ui/explorer/stepper.py), as here."""
    token = stepper_data(at)["token"]
    done = replay_updates(state(at), {"update": [token, count, 1]}, None)
    at.session_state["updates_replayed"] = done
    at.run()
    assert not at.exception


def stepper_data(at) -> dict:
    """The stepper's data, with the graph at every position as the page draws it: the graph's component ships the
    figure its view starts at and every position's layout, and the page's engine computes the traces of the others,
    held to the server's figures_by_position in tests/test_engine_graph.py."""
    (stepper,), (graph,), (sync,) = (components(at, role) for role in (None, "graph", "sync"))
    assert stepper["token"] == graph["token"] == sync["token"]
    figures = as_sent(figures_by_position(state(at), graph["token"]))
    assert json.loads(graph["figure"]) == figures[graph["start"]]
    sent = json.loads(graph["layouts"])
    layouts = [sent["layout"] | {"meta": meta} for meta in sent["metas"]]
    assert layouts == as_sent(layouts_by_position(state(at)))
    for figure, layout in zip(figures, layouts):  # a quiz's steps ahead: their layouts carry words only
        assert figure is None or figure["layout"] == layout | {"meta": layout["meta"] | {"bp": figure["layout"]["meta"]["bp"]}}
    return stepper | {"figures": figures}


def nodes(at, position: int | None = None) -> list[str]:
    """The neuron labels the browser shows at `position` (default: the state's)."""
    position = state(at).position if position is None else position
    figure = stepper_data(at)["figures"][position]
    return next(t for t in figure["data"] if t.get("name") == "neurons")["text"]


def go_to(at, position: int):
    state(at).set_position(position)
    at.run()
    assert not at.exception


def test_the_stepper_knows_every_step(at):
    """Its words and targets for every position; the graph at every position as the page draws it."""
    data, walk = stepper_data(at), state(at).walk
    assert data["n"] == 8 and data["start"] == 0 and data["targets"][0]["forward"] == 4
    assert data["targets"] == [state(at).step_targets(k) for k in range(9)]
    assert data["texts"][0] == "Ready: 8 steps ahead. Press Next ▶ to start the forward pass."
    assert data["texts"][1:] == [f"Step {k} of 8 · {step.position}" for k, step in enumerate(walk.steps, 1)]
    assert data["loss_text"] == "Loss (mean squared error): 7.16523" and data["loss_from"] == 4
    assert len(data["figures"]) == 9
    assert nodes(at, 0)[4] == "<b>h¹₁</b><br>" and nodes(at, 8)[-1] == "<b>ŷ</b><br>5.35"  # auto mode: δ at the update


def test_the_page_shows_every_step_with_its_equations_and_table(at):
    """The browser shows the step at its position (tests/test_browser.py checks what is visible)."""
    walk, shown = state(at).walk, steps_shown(at)
    assert shown[0] is None and len(shown) == 9
    for step, drawn in zip(walk.steps, shown[1:]):
        assert (drawn["position"], drawn["summary"], drawn["equations"]) == (step.position, step.summary,
                                                                             list(step.equations))
        assert drawn["table"] == step_cells(step, state(at).sizes)
        for name, values in step.values.items():
            if name in drawn["table"]["columns"]:
                column = drawn["table"]["columns"].index(name)
                cells = [float(cells[column]) for _name, cells in drawn["table"]["rows"]]
                assert cells == pytest.approx(np.atleast_1d(values)[:len(cells)], rel=1e-5)
    assert shown[7]["table"]["columns"] == ["∂L/∂a", "δ", "∂L/∂b"]
    assert [name for name, _cells in shown[7]["table"]["rows"]] == ["h¹₁", "h¹₂", "h¹₃"]


def test_a_position_sync_changes_nothing_on_the_page(at):
    """The browser has already drawn the step: the rerun a Next click causes re-sends the same elements."""
    before = [(e.proto.SerializeToString()) for e in at.get("bidi_component") + at.get("plotly_chart")]
    go_to(at, 5)
    assert state(at).position == 5
    after = [(e.proto.SerializeToString()) for e in at.get("bidi_component") + at.get("plotly_chart")]
    assert after == before
    state(at).set_position("nonsense")
    state(at).set_position(99)
    assert state(at).position == 8


def test_forward_values_on_the_graph(at):
    assert nodes(at, 4)[4:] == ["<b>h¹₁</b><br>4.8", "<b>h¹₂</b><br>1.21", "<b>h¹₃</b><br>2.38",
                                "<b>h²₁</b><br>0.503", "<b>h²₂</b><br>-1.04", "<b>h²₃</b><br>-2.04", "<b>ŷ</b><br>3.18"]


def test_apply_update_shows_loss_before_and_after(at):
    go_to(at, 7)
    apply_in_page(at)
    s = state(at)
    before, after = s.last_update
    assert round(before, 5) == 7.16523 and after < before
    level, text = stepper_data(at)["update"]
    assert level == "success" and text.startswith("Update applied: loss ")
    assert numbers_in(text) == pytest.approx([7.16523, after], rel=1e-6)
    assert s.position == 0 and s.walk.backward.loss == after
    assert stepper_data(at)["start"] == 0 and stepper_data(at)["loss_text"] == f"Loss (mean squared error): {after:.6g}"
    assert stepper_data(at)["replayed"]["update"][1] == 1
    at.run()  # said once; then the line under the button keeps the losses
    level, text = stepper_data(at)["update"]
    assert level == "info" and numbers_in(text) == pytest.approx([before, after], rel=1e-5)


def test_the_server_replays_each_update_the_page_applied_once(at):
    """Three clicks before the server replayed any; then a message the server has already replayed, forged ones
    and one from a view the session has left: only the updates asked for are applied, each once."""
    token = stepper_data(at)["token"]
    first = state(at).walk.backward.loss
    done = replay_updates(state(at), {"update": [token, 3, 9]}, None)
    assert done == [token, 3] and state(at).epochs == 3
    assert replay_updates(state(at), {"update": [token, 2, 10]}, done) == done and state(at).epochs == 3
    for forged in ({"update": [token, -1, 1]}, {"update": "3"}, None, {"update": [token, 10**9, 1]},
                   {"update": ["another view", 1, 1]}, {"update": [token, 2.5, 1]}):
        assert replay_updates(state(at), forged, done) == done
    assert state(at).epochs == 3
    assert replay_updates(state(at), {"update": [token, 5, 11]}, done) == [token, 5] and state(at).epochs == 5
    at.session_state["updates_replayed"] = [token, 5]
    at.run()
    assert not at.exception and state(at).walk.backward.loss < first
    assert stepper_data(at)["replayed"] == {"update": [token, 5], "quiz": None}


def test_an_update_the_core_refuses_is_refused_beside_the_button(at):
    state(at).learning_rate = 1e9
    at.run()
    apply_in_page(at)
    level, text = stepper_data(at)["update"]
    assert level == "error" and text.startswith("This update was not applied: a weight reached ")
    assert state(at).epochs == 0


def show_layer_tables(at):
    at.toggle(key="layer_tables").set_value(True).run()


def test_edit_a_weight_through_the_layer_table(at):
    show_layer_tables(at)
    at.session_state[state(at).layer_key(1)] = {"edited_rows": {0: {"h¹₃": -0.25}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert state(at).network.layers[1].weights[0, 2] == -0.25
    assert "Hidden layer 2 updated: h²₁, h¹₃ = -0.25." in texts(at.success)  # the number read, so a slip shows
    label = nodes(at, 4)[7]
    assert label.startswith("<b>h²₁</b><br>")
    assert numbers_in(label) == [pytest.approx(0.1 * 4.8 - 0.14 * 1.21 - 0.25 * 2.385 - 1, abs=5e-3)]


def preset_menu(at):
    """The Preset menu: keyed by the preset it shows and the language, like every explorer widget."""
    return next(s for s in at.selectbox if s.label == "Preset")


def text_field(at, label: str):
    return next(t for t in at.text_input if t.label == label)


def test_edit_a_weight_through_a_selected_edge(at):
    state(at).pick = Place.edge(0, 0, 1)
    at.run()
    field = text_field(at, "w: x₂ → h¹₁")
    assert field.value == "0.8"
    field.set_value("-0.4").run()
    assert state(at).network.layers[0].weights[0, 1] == -0.4
    assert "w: x₂ → h¹₁ set to -0.4." in texts(at.success)
    state(at).pick = Place.neuron(3, 0)
    at.run()
    text_field(at, "b of ŷ").set_value("1,5").run()  # a decimal comma
    assert state(at).network.layers[2].biases[0] == 1.5


@pytest.mark.parametrize("value, message", [
    (None, "Hidden layer 1, row h¹₁, column x₂ is empty"),
    (float("nan"), "is empty: type a number."),
    (float("inf"), "inf is too large"),
    ("twelve", "'twelve' is not a number"),
    (1e300, "is too large (the limit is ±1e+06)"),
])
def test_bad_cells_are_refused_and_nothing_is_lost(at, value, message):
    show_layer_tables(at)
    at.session_state[state(at).layer_key(0)] = {"edited_rows": {0: {"x₂": value}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception
    assert message in at.error[0].value and "The old value is kept" in at.error[0].value
    assert state(at).network.layers[0].weights[0, 1] == 0.8


def test_the_data_shows_as_a_table_and_edits_in_a_grid(at):
    assert not at.dataframe
    assert any("| **sample 1** | 1 | 2 | 3 | 2.5 | 0.5 |" in text for text in texts(at.markdown))
    at.toggle(key="data_table").set_value(True).run()
    assert len(at.dataframe) == 1  # the data grid, only once asked for
    at.session_state[state(at).data_key()] = {"edited_rows": {0: {"y": 2.0}}, "added_rows": [{"x₁": 0, "x₂": 0,
                                              "x₃": 0, "x₄": 0, "y": 1}], "deleted_rows": []}
    at.run()
    assert state(at).targets.tolist() == [[2.0], [1.0]] and "Data updated: 2 sample(s)." in texts(at.success)
    # under the grid: above it, the message pushed the grid down between two clicks (issue 31)
    order = [node.type for node in in_page_order(at.main)]
    assert order.index("success") > order.index("dataframe")


def in_page_order(node):
    """Every element under node, in the order the page draws them."""
    yield node
    for _key, child in sorted(getattr(node, "children", {}).items()):
        yield from in_page_order(child)


def test_bad_data_cells(at):
    at.toggle(key="data_table").set_value(True).run()
    at.session_state[state(at).data_key()] = {"edited_rows": {0: {"y": "abc"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert "Sample 1, y: 'abc' is not a number" in at.error[0].value
    at.session_state[state(at).data_key()] = {"edited_rows": {}, "added_rows": [], "deleted_rows": [0]}
    at.run()
    assert "at least one sample" in at.error[0].value
    assert state(at).targets.tolist() == [[0.5]]


def test_train_50_epochs_and_the_mse_falls(at):
    text_field(at, "Epochs").set_value("50")
    button(at, "Train").click().run()
    assert not at.exception
    history = state(at).history
    assert len(history) == 51 and history[-1].loss < history[0].loss / 1000
    assert at.success[0].value.startswith("Trained 50 epochs: loss")
    curve = chart_specs(at)[0]  # the graph is the stepper's, not a chart
    assert curve["layout"]["yaxis"]["title"]["text"] == "mean squared error"  # its plain name, not the code's
    at.toggle(key="log_scale").set_value(True).run()
    assert chart_specs(at)[0]["layout"]["yaxis"]["type"] == "log"


def test_a_long_run_trains_with_a_progress_bar(at):
    assert training_actions.quick_to_train(state(at), 50) and not training_actions.quick_to_train(state(at), 5000)
    text_field(at, "Epochs").set_value("49.5")  # refused: epochs are whole numbers
    button(at, "Train").click().run()
    assert "Epochs: '49.5' is not a whole number from 1 to 5000" in at.error[0].value and len(state(at).history) == 1
    assert text_field(at, "Epochs").value == "50"  # the field shows what Train would use, not the refused text
    text_field(at, "Epochs").set_value("5e3")  # a whole number, however it is written
    button(at, "Train").click().run()
    assert not at.exception
    assert len(state(at).history) == 5001 and at.success[0].value.startswith("Trained 5000 epochs: loss")
    assert "train_pending" not in at.session_state


def test_a_diverging_learning_rate_stops_with_a_plain_message(at):
    text_field(at, "Learning rate η").set_value("0.5").run()
    text_field(at, "Epochs").set_value("100")
    button(at, "Train").click().run()
    assert not at.exception
    assert "Training stopped at epoch" in at.error[0].value and "too large" in at.error[0].value
    assert all(np.isfinite(l.weights).all() for l in state(at).network.layers)


def test_bad_setup_inputs(at):
    sizes = next(t for t in at.text_input if t.label.startswith("Neurons per layer"))
    sizes.set_value("4, 99, 1").run()
    assert "the explorer draws 0 to 6 hidden layers" in at.error[0].value.lower()
    assert state(at).network.sizes == [4, 3, 3, 1]
    next(t for t in at.text_input if t.label.startswith("Neurons per layer")).set_value("4, 2, 1").run()
    assert state(at).network.sizes == [4, 2, 1]
    text_field(at, "Learning rate η").set_value("0").run()
    assert "must be above 0" in at.error[0].value
    text_field(at, "Learning rate η").set_value("1e9").run()
    assert "1e+09 is too large (the limit is ±100)" in at.error[0].value
    text_field(at, "Learning rate η").set_value("1e-5").run()
    assert state(at).learning_rate == 1e-5 and text_field(at, "Learning rate η").value == "1e-05"


def test_gradient_check_table(at):
    button(at, "Check gradients").click().run()
    assert "pass" in at.success[0].value
    table = at.dataframe[-1].value
    assert len(table) == 31 and (table["pass"] == "✅").all()
    assert table["parameter"][0] == "w: x₁ → h¹₁"


def test_presets_and_activations(at):
    preset_menu(at).set_value("mazur")
    button(at, "Load preset").click().run()
    assert state(at).network.sizes == [2, 2, 2] and state(at).network.loss == "half_sse"
    next(s for s in at.selectbox if s.label == "Activation of the hidden layer 1").set_value("relu").run()
    assert state(at).network.layers[0].activation == "relu"
    next(s for s in at.selectbox if s.label == "Loss").set_value("cross_entropy").run()
    assert state(at).network.layers[-1].activation == "softmax"
    go_to(at, 1)


def test_xor_dataset_mode_picks_the_sample(at):
    preset_menu(at).set_value("xor")
    button(at, "Load preset").click().run()
    sample = next(s for s in at.selectbox if s.label.startswith("Sample shown"))
    sample.set_value(2).run()
    assert state(at).sample == 2
    assert equations(at, 1) == list(state(at).walk.steps[0].equations)
    assert r"\begin{bmatrix}1 \\ 0\end{bmatrix}" in equations(at, 1)[0]


def open_link(**params):
    """The explorer opened from a link, as a browser would: home first, then the page with its query."""
    at = open_page()
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(PAGE)
    at.run()
    assert not at.exception
    return at


def test_a_link_opens_its_state_and_every_action_rewrites_it():
    at = open_link(preset="xor", step="3", lr="0.25")
    assert state(at).preset == "xor" and state(at).position == 3 and state(at).learning_rate == 0.25
    assert preset_menu(at).value == "xor"  # the menu says where the network came from
    assert dict(at.query_params) == {"preset": "xor", "step": "3", "lr": "0.25"}
    edit_actions.set_weight(state(at), 1, 0, 2, "-1,5")
    at.run()
    assert at.query_params["L2"].endswith("_-1.5_0")  # the last weight, then the output's bias
    again = open_link(**dict(at.query_params))  # a second browser opening the same link
    assert np.array_equal(state(again).network.layers[1].weights, state(at).network.layers[1].weights)
    assert stepper_data(again)["texts"] == stepper_data(at)["texts"]


def test_an_old_preset_link_sets_the_menu():
    at = open_link(preset="mazur")
    assert state(at).network.sizes == [2, 2, 2] and preset_menu(at).value == "mazur"


@pytest.mark.parametrize("params", [{"preset": "nope"}, {"lr": "nan"}, {"L1": "1_2"}, {"x": "9" * 30_000}])
def test_a_bad_link_opens_the_seed_network_with_one_line(params):
    at = open_link(**params)
    assert at.error[0].value.startswith("This link could not be opened: ")
    assert at.error[0].value.endswith(". Showing the seed network.") and "\n" not in at.error[0].value
    assert state(at).network.sizes == [4, 3, 3, 1] and dict(at.query_params) == {"preset": "seed"}


def test_projector_mode_is_a_toggle_carried_in_the_link(at):
    at.toggle(key=state(at).key("projector", False)).set_value(True).run()
    assert state(at).projector and at.query_params["projector"] == "1"
    labels = next(t for t in stepper_data(at)["figures"][0]["data"] if t.get("name") == "neurons")["textfont"]
    assert labels["size"] >= 20
    assert any("font-size: 1.6em" in h.proto.body for h in at.get("html"))  # equations larger too
    again = open_link(projector="1")
    assert state(again).projector


def test_the_show_mode_in_the_sidebar_changes_the_graph_and_the_link(at):
    radio = next(r for r in at.sidebar.radio if r.label == "Show on the graph")
    radio.set_value("delta").run()
    assert state(at).show == "delta" and at.query_params["show"] == "delta"
    meta = stepper_data(at)["figures"][0]["layout"]["meta"]
    assert meta["nodes"] == "δ" and "Neurons show <b>deltas δ = ∂L/∂z</b>" in meta["legend"]


def test_the_server_replays_a_run_the_page_trained(at):
    """The page trained 40 full-batch epochs from the view it showed: the core trains the same, once; a forged
    message or one from a view the session has left trains nothing."""
    token, before = stepper_data(at)["token"], state(at).walk.backward.loss
    for forged in ({"train": [token, 0, 1, 0]}, {"train": [token, 10**6, 1, 0]}, {"train": "40"}, None,
                   {"train": ["another view", 40, 1, 0]}, {"train": [token, 2.5, 1, 0]}, {"train": [token, 40, 1]},
                   {"train": [token, 40, 1, -1]}, {"train": [token, 40, 1, 257]}, {"train": [token, True, 1, 0]},
                   {"train": [token, 40, 1, "2"]}):
        assert not replay_training(state(at), forged)
    assert state(at).epochs == 0
    assert replay_training(state(at), {"train": [token, 40, 2, 0]})
    assert state(at).epochs == 40 and [h.event for h in state(at).history].count("train") == 40
    assert not replay_training(state(at), {"train": [token, 40, 2, 0]})  # the view it came from has gone
    at.run()
    assert not at.exception and state(at).history[-1].loss < before
    assert any(numbers_in(s.value)[-1:] == [pytest.approx(state(at).history[-1].loss, rel=1e-5, abs=1e-300)]
               for s in at.success if s.value.startswith("Trained 40 epochs"))
    plan = json.loads(components(at, "graph")[0]["model"])["train"]
    assert plan["done"] == 40 and plan["samples"] == 1 and plan["limit"] == 5000 and plan["seed"] == 0
    assert 5000 * sum(plan["cost"]) < plan["budget"]  # the seed network's longest run trains in the page


def test_the_server_replays_a_mini_batch_run_with_the_same_batches():
    """A page's run of 30 epochs in batches of 1 on XOR, after 5 epochs already trained, with the seed 7 the link
    gave: the server trains from epoch 6 with the same seed and batch size, so its network is the core's own run."""
    at = open_link(preset="xor", seed="7")
    state(at).epochs = 5
    at.run()
    start, plan = state(at).network, json.loads(components(at, "graph")[0]["model"])["train"]
    assert plan["seed"] == 7 and plan["done"] == 5 and plan["samples"] == 4
    assert replay_training(state(at), {"train": [stepper_data(at)["token"], 30, 1, 1]})
    core = train(start, state(at).inputs, state(at).targets, state(at).learning_rate, 30, 1, 7, start_epoch=5)
    assert state(at).batch_size == 1 and state(at).epochs == 35
    for mine, theirs in zip(state(at).network.layers, core.network.layers):
        np.testing.assert_array_equal(mine.weights, theirs.weights)


def test_a_quiz_or_a_large_run_is_left_to_the_server(at):
    """The page trains only what it can in about a second, and never in a quiz."""
    plan = json.loads(components(at, "graph")[0]["model"])["train"]
    assert plan["button"] == "train_button" and plan["epochs"].startswith("epochs_")
    assert plan["largest_batch"] == 256  # a batch size the server refuses, the page leaves to it
    state(at).quiz = True
    at.run()
    assert json.loads(components(at, "graph")[0]["model"])["quiz"]  # so the page leaves its runs to the server


def test_the_notebook_trains_what_train_then_trains(at):
    """The notebook the Files panel offers runs the explorer's next Train: the same first weights, batches, epochs
    (numbered on from those trained already) and curve; its pass is the network on screen."""
    preset_menu(at).set_value("xor")
    button(at, "Load preset").click().run()
    text_field(at, "Batch size (0 = all samples)").set_value("3")
    text_field(at, "Epochs").set_value("7")
    button(at, "Train").click().run()  # 7 epochs first: the notebook's epochs are numbered 8 on
    text_field(at, "Epochs").set_value("12").run()
    explorer = state(at)
    training = training_actions.notebook_training(explorer, at.session_state[training_actions.epochs_key(explorer)])
    assert training == Training(12, 3, explorer.init_seed, 7)
    names, printed = run_script(notebook_script(explorer.network, explorer.inputs, explorer.targets,
                                                explorer.learning_rate, training))
    button(at, "Train").click().run()
    trained = [h.loss for h in state(at).history if h.event == "train"][7:]
    assert len(trained) == 12
    np.testing.assert_allclose(names["losses"], trained, rtol=1e-12)
    assert not at.exception and any(b.label.startswith("⬇ Notebook") for b in at.get("download_button"))


def stop_menu(at):
    return next(s for s in at.selectbox if s.label == "Stop early")


def test_train_stops_early_when_the_loss_falls_below_a_threshold_and_says_so(at):
    assert stop_menu(at).options == ["Never: train every epoch", "When the loss falls below a threshold",
                                     "When the loss stops falling (0.1 % in 50 epochs)"]  # the seed does not classify
    stop_menu(at).set_value("below").run()
    threshold = text_field(at, "Loss threshold")
    assert threshold.value == "0.001"
    threshold.set_value("-1").run()  # refused, and the threshold kept
    assert "Loss threshold must be a positive number, got -1" in at.error[0].value
    assert state(at).stop.below == 0.001
    text_field(at, "Loss threshold").set_value("0.01").run()
    text_field(at, "Epochs").set_value("500")
    button(at, "Train").click().run()
    losses = [h.loss for h in state(at).history if h.event == "train"]
    assert losses[-1] < 0.01 <= losses[-2] and len(losses) < 500
    said = at.success[0].value
    assert said.startswith(f"Stopped after {len(losses)} of 500 epochs: the loss fell below 0.01. Loss ")
    assert numbers_in(said)[-1] == pytest.approx(losses[-1], rel=1e-5)


def test_a_classifier_can_stop_once_every_sample_is_classified(at):
    preset_menu(at).set_value("xor")
    button(at, "Load preset").click().run()
    stop_menu(at).set_value("classified").run()
    text_field(at, "Epochs").set_value("1000")
    button(at, "Train").click().run()
    trained = [h for h in state(at).history if h.event == "train"]
    assert len(trained) < 1000 and "every sample is classified right" in at.success[0].value
    output = forward(state(at).network, state(at).inputs).output
    assert ((output > 0.5) == (state(at).targets > 0.5)).all()
