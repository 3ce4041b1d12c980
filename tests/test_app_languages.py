"""Every page in Chinese and in French, as AppTest draws it, with no English left: the detector (tests/english.py)
reads every string of every element, charts and the stepper's data included. Pages are visited in the states a
learner meets: a pass stepped to its end, a refusal, training, quiz mode, each panel."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from apptest_helpers import button, components, open_page
from backprop.i18n import speaking
from catalogues import read_catalogue
from english import leftovers, page_texts, untranslated
from ui.explorer import edit_actions
from ui.explorer.page_loop import replay_quiz, replay_updates

PAGES = ["pages/1_Network_explorer.py", "pages/2_Matrix_product.py", "pages/3_Softmax.py", "pages/4_Digits.py",
         "pages/5_Playground.py"]


def opened(code: str, page: str | None = None) -> AppTest:
    """The app opened from a link that asks for `code`, then `page`."""
    return open_page(page, query={"lang": code})


def keyed(prefix: str, widgets):
    """The widget whose key starts with `prefix` (the explorer keys widgets by the value they show)."""
    return next(w for w in widgets if w.key and w.key.startswith(prefix))


def assert_no_english(at: AppTest, code: str, where: str):
    texts = page_texts(at)
    assert not at.exception, at.exception
    left = leftovers(texts) + untranslated(texts, read_catalogue(code))
    assert not left, f"{where} in {code} shows English: {left[:8]}"


@pytest.fixture(params=["zh", "fr"])
def code(request):
    return request.param


def test_home_and_every_page_as_it_opens(code):
    at = opened(code)
    assert_no_english(at, code, "home")
    for page in PAGES:
        at.switch_page(page)
        at.run()
        assert_no_english(at, code, page)


def test_the_explorer_at_every_step_and_after_each_action(code):
    at = opened(code, PAGES[0])
    state = at.session_state["explorer"]
    texts = json.loads(at.get("bidi_component")[0].proto.json)["texts"]  # what the stepper says at each position
    assert len(texts) == state.n_steps + 1 and not leftovers(texts)
    state.set_position(state.n_steps)
    at.run()
    with speaking(code):  # Apply update, as the page's sync asks the server to replay it
        at.session_state["updates_replayed"] = replay_updates(state, {"update": [state.drawn_from(), 1, 1]}, None)
    at.run()
    assert state.epochs == 1
    assert_no_english(at, code, "after Apply update")
    keyed("lr", at.text_input).set_value("abc").run()
    assert at.error and "abc" in at.error[0].value
    assert_no_english(at, code, "a refused learning rate")
    at.toggle(key="layer_tables").set_value(True).run()
    with speaking(code):  # as the session's own callback would run it
        edit_actions.set_weight(at.session_state["explorer"], 0, 0, 0, "1e9")  # refused: past the cap
    at.run()
    assert_no_english(at, code, "layer tables and a refused weight")
    for panel in ("curve", "surface", "norms", "spread"):
        keyed("why_panel", at.segmented_control).set_value(panel).run()
        assert_no_english(at, code, f"the {panel} panel")
    button(at, {"zh": "训练", "fr": "Entraîner"}[code]).click().run()
    assert at.success and not leftovers([at.success[0].value])
    assert_no_english(at, code, "after Train")


def test_the_explorer_quiz_and_gradient_check(code):
    at = opened(code, PAGES[0])
    keyed("quiz", at.toggle).set_value(True).run()
    assert_no_english(at, code, "quiz mode")
    state = at.session_state["explorer"]
    with speaking(code):  # Check, as the page's sync asks the server to replay it
        at.session_state["quiz_replayed"] = replay_quiz(
            state, {"quiz": [state.drawn_from(), 1, 1, [[state.pending.position, "answer", "999"]]]}, None)
    at.run()
    assert state.answers, "the answer was checked"
    assert_no_english(at, code, "a wrong answer")
    keyed("quiz", at.toggle).set_value(False).run()
    button(at, {"zh": "检验梯度", "fr": "Vérifier les gradients"}[code]).click().run()
    assert_no_english(at, code, "the gradient check")


def test_the_concept_pages_after_their_actions(code):
    at = opened(code, PAGES[2])
    at.text_input[0].set_value("1, x").run()  # refused
    assert at.error
    assert_no_english(at, code, "softmax, refused logits")
    at.select_slider[0].set_value(1000.0).run()
    assert_no_english(at, code, "softmax past overflow")
    at.switch_page(PAGES[3])
    at.run()
    button(at, {"zh": "训练", "fr": "Entraîner"}[code]).click().run()
    assert_no_english(at, code, "digits after training")


def test_the_playground_paused_with_a_point_shown(code):
    at = opened(code, PAGES[4])
    state = at.session_state["playground"]
    with speaking(code):  # as the session's own callbacks would run them
        state.step()
        state.set_point(3)
    at.run()
    assert_no_english(at, code, "the playground with a point's pass")
    with speaking(code):
        state.load_csv(b"x1,x2,label\n1,2\n")  # refused: a row of two columns
    at.run()
    assert at.error
    assert_no_english(at, code, "a refused file")


def test_the_link_keeps_the_language_and_the_picker_changes_it():
    at = opened("fr", PAGES[0])
    assert at.query_params["lang"] == ["fr"] or at.query_params["lang"] == "fr"
    picker = keyed("language_picker", at.selectbox)
    assert picker.value == "fr"
    picker.set_value("zh").run()
    assert at.session_state["language"] == "zh"
    assert "训练" in [b.label for b in at.button] and stepper_words(at)["update"] == "应用更新"
    keyed("language_picker", at.selectbox).set_value("en").run()
    assert "lang" not in at.query_params and "Train" in [b.label for b in at.button]
    assert stepper_words(at)["update"] == "Apply update"


def stepper_words(at) -> dict:
    """The words of the explorer's stepper, its Apply update's included."""
    return next(data for data in components(at, None) if "words" in data and "update" in data["words"])["words"]


def test_an_unknown_language_in_a_link_says_so_and_opens_in_english():
    at = opened("klingon")
    assert not at.exception and at.session_state["language"] == "en"
    assert any("'klingon'" in c.value for c in at.caption)
