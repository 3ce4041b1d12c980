"""Quiz mode in Chromium: a teacher's link opens the quiz, and a learner answers a whole pass from the keyboard."""
import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from test_browser import open_explorer, wait_for_run
from ui.explorer.link import state_from_link

pytestmark = pytest.mark.browser
LINK = {"quiz": "1", "draw": "7"}
# Check clicked, and what the page shows one animation frame later: computed there, before any server run
CHECK_AND_LOOK = """() => new Promise((resolve) => {
  document.querySelector(".bp-quiz .bp-ask button[type=submit]").click();
  requestAnimationFrame(() => {
    const memory = window.__bp_stepper;
    resolve({told: document.querySelector(".bp-quiz .bp-verdict").textContent, chain: memory.local?.chain ?? null,
             next: memory.local?.targets?.[0]?.next ?? null});
  });
})"""


def test_a_whole_pass_answered_by_keyboard(page, server_url, screenshot):
    questions = state_from_link(dict(LINK)).questions  # what the server will ask, from the same link
    open_explorer(page, server_url, link=LINK)  # the stepper's keys are live, and the graph is drawn
    # no why-training panel in a quiz: the graph and the loss curve still draw, with the Plotly the page fetches
    expect(page.locator(".st-key-loss_curve .js-plotly-plot .main-svg").first).to_be_attached()  # empty: the loss is asked
    field = page.get_by_label("Your prediction", exact=True)
    for k, (position, question) in enumerate(questions.items(), start=1):
        expect(page.get_by_text(re.compile(rf"^Question {k} of {len(questions)}"))).to_be_visible()
        wait_for_run(page)
        expect(field).to_have_count(1)
        page.keyboard.press("Enter")  # Enter on the page goes to the prediction
        expect(field).to_be_focused()
        typed = f"{question.expected:.4f}"
        page.keyboard.type(typed)
        page.keyboard.press("Enter")  # and submits it
        expect(page.get_by_text(f"Right: you wrote {typed}, ", exact=False)).to_be_visible()
        after = rf"^Question {k + 1} of" if k < len(questions) else r"^Pass complete"
        expect(page.get_by_text(re.compile(after))).to_be_visible()
        wait_for_run(page)
        expect(page.get_by_role("button", name="Next ▶")).to_be_enabled()  # the stepper has the new step
        page.keyboard.press("ArrowRight")  # the answered step is now the next one
        expect(page.get_by_text(re.compile(rf"^Step {position} of 8 · "))).to_be_visible()
        if k == 2:
            screenshot("quiz-second-answer")
    expect(page.get_by_text(re.compile(rf"Pass complete: {len(questions)} right of {len(questions)} answered"))) \
        .to_be_visible()
    expect(page.get_by_text(re.compile(r"Loss \(mean squared error\): \d"))).to_be_visible()  # held back till asked
    expect(page.locator(".katex-error")).to_have_count(0)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_next_waits_for_the_answer_and_a_wrong_one_is_named(page, server_url):
    open_explorer(page, server_url, link={"quiz": "1"})
    expect(page.get_by_role("button", name="Next ▶")).to_be_disabled()
    expect(page.locator(".bp-steps h3")).to_have_count(0)  # no step's numbers on the page yet
    page.get_by_label("Your prediction", exact=True).fill("-1.79")  # z of h¹₂ is 1.21; its bias is 3
    page.wait_for_function("() => window.__bp_stepper?.modules")
    seen = page.evaluate(CHECK_AND_LOOK)  # the verdict and the unlocked step, one frame after the click
    assert seen["told"] == "Not quite: you wrote -1.79, the value is 1.21. It looks like the bias b was left out."
    assert seen["chain"] == "quiz" and seen["next"] == 1
    expect(page.get_by_text("It looks like the bias b was left out.", exact=False)).to_be_visible()
    wait_for_run(page)
    expect(page.get_by_role("button", name="Next ▶")).to_be_enabled()
    page.get_by_role("button", name="Hint").click()
    expect(page.locator(".katex-display").filter(has_text="?")).to_have_count(1)


def test_switching_language_mid_quiz_keeps_its_questions(page, server_url):
    """A menu's browser sends back the label it shows: the Ask for menu, kept across a switch to French, read its
    English labels as unknown kinds and dropped the forward, loss and new-weight questions (issue 27); the Preset
    menu would have offered its English label to Load preset as an unknown preset."""
    questions = list(state_from_link({"quiz": "1"}).questions.values())
    open_explorer(page, server_url, link={"quiz": "1"})
    for k, question in enumerate(questions[:2], start=1):
        wait_for_run(page)
        page.get_by_label("Your prediction", exact=True).fill(f"{question.expected:.4f}")
        page.get_by_role("button", name="Check").click()
        expect(page.get_by_text(re.compile(rf"^Question {k + 1} of {len(questions)} \(score {k} of {k}\)"))).to_be_visible()
    wait_for_run(page)
    picker = page.locator(".st-key-language_picker_en [role='combobox']")
    picker.scroll_into_view_if_needed()
    picker.click()
    page.get_by_role("option", name="Français", exact=True).click()
    third = rf"^Question 3 sur {len(questions)} \(score 2 sur 2\)"
    expect(page.get_by_text(re.compile(third))).to_be_visible()
    wait_for_run(page)
    page.get_by_label("Votre prédiction", exact=True).fill(f"{questions[2].expected:.4f}")
    page.get_by_role("button", name="Vérifier").click()
    expect(page.get_by_text(re.compile(rf"^Question 4 sur {len(questions)} \(score 3 sur 3\)"))).to_be_visible()
    wait_for_run(page)
    assert "ask" not in parse_qs(urlparse(page.url).query)  # every kind is still asked
    page.get_by_role("button", name="Charger le préréglage").click()  # the Preset menu was kept across it too
    expect(page.get_by_text(re.compile(r"^Préréglage seed chargé\."))).to_be_visible()
    expect(page.get_by_text(re.compile("préréglage inconnu"))).to_have_count(0)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
