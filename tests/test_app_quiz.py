"""Quiz mode under AppTest: a question before each step, answered right, wrong (with the mistake named), refused,
hinted or skipped; the score; the steps, figures and loss held back until their question is answered; the link.
The page asks and checks (ui/page/quiz.js); here its answers reach the server as its sync sends them."""
import json

import numpy as np
import pytest

from apptest_helpers import button, chart_specs, components
from backprop.network import Place
from backprop.quiz import KINDS
from helpers import numbers_in
from test_app_explorer import at, apply_in_page, open_link, state, stepper_data, steps_shown  # noqa: F401 (at: a fixture)
from ui.explorer.link import link_of
from ui.explorer.page_loop import replay_quiz


def quiz_on(at):
    at.toggle(key=state(at).key("quiz", False)).set_value(True).run()
    assert not at.exception, at.exception
    assert state(at).quiz and at.query_params["quiz"] == "1"


def act(at, kind: str, text: str = ""):
    """Check (kind "answer"), Hint or Skip in the page: its sync sends the action, which the server replays."""
    token = stepper_data(at)["token"]
    done = replay_quiz(state(at), {"quiz": [token, 1, 1, [[state(at).pending.position, kind, text]]]}, None)
    at.session_state["quiz_replayed"] = done
    at.run()
    assert not at.exception, at.exception


def predict(at, text: str):
    act(at, "answer", text)


def quiz_shown(at) -> dict:
    """The quiz as the page receives it, with what it was told this run."""
    (graph,) = components(at, "graph")
    return json.loads(graph["quiz"]) | {"hints": graph["quiz_hints"], "said": graph["quiz_message"]}


def question_text(at) -> str:
    """The question as the page writes it: the catalogue's sentence, with the symbol in $…$ as the page renders it."""
    quiz = quiz_shown(at)
    asked = next(q for q in quiz["questions"] if q["position"] == quiz["pending"])
    score = quiz["score"]
    return quiz["words"]["question"].format(k=len(quiz["answers"]) + 1, asked=score["asked"], right=score["right"],
                                            answered=score["answered"], position=asked["position"],
                                            symbol=f"${asked['symbol']}$", place=asked["where"])


def test_the_first_question_comes_before_any_step_and_holds_back_what_it_asks(at):
    quiz_on(at)
    assert question_text(at) == ("**Question 1 of 8** (score 0 of 0): before step 1, what is $z^{(1)}_{2}$ at h¹₂?")
    assert state(at).unlocked == 0 and state(at).position == 0
    data = stepper_data(at)
    assert data["figures"][1:] == [None] * 8                   # no later graph is on the page
    assert data["targets"][0]["next"] == 0                      # Next waits for the answer
    assert data["loss_text"] == "Loss (mean squared error): ?"
    assert steps_shown(at) == [None] * 9                        # nor any step's equations
    assert any("Hidden in quiz mode" in i.value for i in at.info)
    curve = chart_specs(at)[0]                                   # the loss curve holds back the current loss
    assert curve["layout"]["yaxis"]["title"]["text"] == "mean squared error" and not curve["data"][0]["y"]
    assert len(chart_specs(at)) == 1                             # and no why-training panel


def test_a_right_answer_unlocks_the_step_and_scores(at):
    quiz_on(at)
    predict(at, "1,21")  # z of h¹₂, typed with a decimal comma
    quiz = quiz_shown(at)
    assert quiz["feedback"] == ["success", "Right: you wrote 1,21, the value is 1.21."]
    answered = next(q for q in quiz["questions"] if q["position"] == quiz["last"])
    assert numbers_in(answered["answer"])[-1] == pytest.approx(1.21)  # with its equation
    assert state(at).unlocked == 1 and steps_shown(at)[1]["position"] == state(at).walk.steps[0].position
    assert steps_shown(at)[2:] == [None] * 7
    assert stepper_data(at)["targets"][0]["next"] == 1 and stepper_data(at)["figures"][1] is not None
    assert question_text(at).startswith("**Question 2 of 8** (score 1 of 1)")


def test_a_wrong_answer_names_the_mistake_it_matches(at):
    quiz_on(at)
    predict(at, "-1.79")  # 1.21 less the bias 3
    assert quiz_shown(at)["feedback"] == ["error", "Not quite: you wrote -1.79, the value is 1.21. It looks like the "
                                                   "bias b was left out."]
    assert state(at).unlocked == 1 and question_text(at).startswith("**Question 2 of 8** (score 0 of 1)")


def test_a_prediction_that_is_not_a_number_is_refused_and_the_question_stays(at):
    quiz_on(at)
    predict(at, "about two")
    level, said = quiz_shown(at)["said"]
    assert level == "error" and "is not a number" in said and "Type it again." in said
    assert quiz_shown(at)["feedback"] is None
    assert state(at).unlocked == 0 and question_text(at).startswith("**Question 1 of 8**")


def test_hint_then_skip(at):
    quiz_on(at)
    act(at, "hint")
    hint, quiz = state(at).pending.hint, quiz_shown(at)
    assert hint.endswith(r"\;\boxed{?}") and quiz["hints"] == [1]
    assert next(q for q in quiz["questions"] if q["position"] == 1)["hint"] == hint
    act(at, "skip")
    assert quiz_shown(at)["feedback"] == ["info", "Skipped: the value is 1.21."] and state(at).unlocked == 1
    assert question_text(at).startswith("**Question 2 of 8** (score 0 of 0)")


def test_a_whole_pass_ends_with_the_score_and_every_step_shown(at):
    quiz_on(at)
    for k in range(8):
        question = state(at).pending
        if k == 3:
            act(at, "skip")
        else:
            predict(at, repr(question.expected if k != 5 else question.expected + 1))
    quiz = quiz_shown(at)
    assert quiz["pending"] is None and quiz["score"] == {"right": 6, "answered": 7, "skipped": 1, "asked": 8}
    assert (quiz["words"]["complete_skipped"].format(**quiz["score"]) + " " + quiz["words"]["next_pass"] ==
            "Pass complete: 6 right of 7 answered, 1 skipped. Step through it, or Apply update for a new pass.")
    assert stepper_data(at)["targets"][7]["next"] == 8 and stepper_data(at)["loss_text"] == "Loss (mean squared error): 7.16523"
    apply_in_page(at)  # in a quiz the page computes nothing: the server applies it
    assert state(at).unlocked == 0 and question_text(at).startswith("**Question 1 of 8** (score 0 of 0)")
    assert stepper_data(at)["update"][0] == "success" and "predict" in stepper_data(at)["update"][1]
    at.run()
    assert stepper_data(at)["update"] is None  # the new loss is the next answer: no line keeps it


def test_the_kinds_asked_are_chosen_and_carried_in_the_link(at):
    quiz_on(at)
    at.multiselect(key=state(at).key("kinds", tuple(KINDS))).set_value(["delta"]).run()
    assert at.query_params["ask"] == "delta" and state(at).unlocked == 4  # forward and the loss need no answer
    assert question_text(at) == (r"**Question 1 of 3** (score 0 of 0): before step 5, what is $\delta^{(3)}_{1}$ "
                                 "at ŷ?")
    at.multiselect(key=state(at).key("kinds", ("delta",))).set_value([]).run()
    assert "Tick at least one kind" in at.error[0].value and state(at).quiz_kinds == ("delta",)


def test_new_network_draws_numbers_to_work_by_hand_and_the_link_replays_them(at):
    quiz_on(at)
    button(at, "New network").click().run()
    seed = state(at).draw_seed
    assert seed is not None and at.query_params["draw"] == str(seed)
    weights = state(at).network.layers[0].weights
    assert np.array_equal(weights, np.round(weights, 1)) and len(state(at).inputs) == 1
    again = open_link(**dict(at.query_params))  # a student opening the teacher's link
    assert state(again).quiz and state(again).draw_seed == seed
    assert np.array_equal(state(again).network.layers[0].weights, weights)
    assert question_text(again) == question_text(at)
    assert link_of(state(again)) == dict(at.query_params)


def test_a_teachers_link_opens_in_quiz_mode_at_its_first_question():
    at = open_link(quiz="1", draw="7", step="5")  # a step past the first question: held at 0
    assert state(at).quiz and state(at).position == 0 and question_text(at).startswith("**Question 1 of 8**")
    assert at.toggle(key=state(at).key("quiz", True)).value


@pytest.mark.parametrize("params", [{"quiz": "2"}, {"ask": "z.nope"}, {"draw": "-1"}, {"draw": "9" * 9}])
def test_a_bad_quiz_link_opens_the_seed_network_with_one_line(params):
    at = open_link(**params)
    assert at.error[0].value.startswith("This link could not be opened: ") and not state(at).quiz


def test_turning_the_quiz_off_shows_everything_again(at):
    quiz_on(at)
    at.toggle(key=state(at).key("quiz", True)).set_value(False).run()
    assert state(at).unlocked == 8 and stepper_data(at)["targets"][7]["next"] == 8 and "quiz" not in at.query_params
    assert stepper_data(at)["loss_text"] == "Loss (mean squared error): 7.16523"


def test_the_graph_rings_what_is_asked_and_shows_no_update_before_the_update_step(at):
    from ui.colours import PICK
    quiz_on(at)
    figure = stepper_data(at)["figures"][0]
    neurons = next(t for t in figure["data"] if t.get("name") == "neurons")
    asked = state(at).pending.place
    ringed = [k for k, colour in enumerate(neurons["marker"]["line"]["color"]) if colour == PICK]
    assert asked == Place.neuron(1, 1) and ringed == [4 + 1]  # after the 4 inputs: h¹₁, then h¹₂
    for k in range(7):  # answer up to the update step, whose question is an updated weight
        predict(at, repr(state(at).pending.expected))
    assert state(at).pending.kind == "new_weight" and state(at).unlocked == 7
    hovers = [text for figure in stepper_data(at)["figures"][:8]
              for trace in figure["data"] if trace.get("name") == "edges" for text in trace["hovertext"]]
    assert any("∂L/∂w = " in text for text in hovers) and not any("Δw" in text for text in hovers)
    predict(at, repr(state(at).pending.expected))
    last = stepper_data(at)["figures"][8]
    assert any("Δw" in text for trace in last["data"] if trace.get("name") == "edges" for text in trace["hovertext"])


def test_training_in_a_quiz_does_not_give_away_the_new_loss(at):
    quiz_on(at)
    button(at, "Train").click().run()
    assert [s.value for s in at.success] == ["Trained 50 epochs."]  # the epochs, and no loss: its one number is 50
    assert [numbers_in(s.value) for s in at.success] == [[50.0]]
    assert state(at).unlocked == 0 and stepper_data(at)["loss_text"] == "Loss (mean squared error): ?"
