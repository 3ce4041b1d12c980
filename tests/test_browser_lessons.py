"""A guided lesson in Chromium, as a student alone takes it: from the lessons page to its panel, a wrong answer named,
a right one with its equation rendered, a step taken in the browser and checked, and a reload that carries on. The
lessons page in French, and axe on both."""
import re

import pytest
from playwright.sync_api import expect

from backprop import PRESETS
from test_browser import wait_for_run
from test_browser_access import violations

pytestmark = pytest.mark.browser
PANEL = '.st-key-lesson_panel'


def check(page, answer: str | None = None):
    panel = page.locator(PANEL)
    if answer is not None:
        panel.get_by_role("textbox", name="Your answer").fill(answer)
        panel.get_by_role("textbox", name="Your answer").press("Enter")
        wait_for_run(page)
    panel.get_by_role("button", name="Check").click()
    wait_for_run(page)


def test_a_student_takes_the_first_lesson_and_a_reload_carries_on(page, server_url, screenshot):
    page.goto(server_url + "/")
    expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
    page.get_by_role("link", name="Lessons", exact=True).click()
    expect(page.get_by_role("heading", name="Guided lessons")).to_be_visible()
    page.get_by_role("link", name="Start this lesson").first.click()
    panel = page.locator(PANEL)
    expect(panel.get_by_text("Lesson 1 of 10: A forward pass by hand")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Ready: \d+ steps ahead"))).to_be_visible()
    expect(panel.get_by_text("Task 1 of 4")).to_be_visible()

    seed = PRESETS["seed"]()
    z = seed.network.layers[0].weights[0] @ seed.inputs[0]
    check(page, repr(float(z)))  # the bias left out
    expect(panel.get_by_text(re.compile("the bias b was left out"))).to_be_visible()
    expect(panel.locator(".katex").first).to_be_visible()  # the equation to redo, rendered
    check(page, repr(float(z + seed.network.layers[0].biases[0])))
    expect(panel.get_by_text("Right.")).to_be_visible()
    expect(panel.get_by_text("Task 2 of 4")).to_be_visible()

    page.evaluate("() => document.activeElement?.blur()")
    page.keyboard.press("ArrowRight")  # the step is the browser's; the check reads it from the server
    expect(page.locator(".bp-position")).to_have_text(re.compile(r"^Step 1 of 8 · "))
    check(page)
    expect(panel.get_by_text("Task 3 of 4")).to_be_visible()
    expect(page).to_have_url(re.compile(r"lesson=forward&task=2"))
    screenshot("lesson")
    assert violations(page) == []

    page.reload()
    expect(page.get_by_text(re.compile(r"Ready: \d+ steps ahead|Step 1 of 8"))).to_be_visible()
    expect(page.locator(PANEL).get_by_text("Task 3 of 4")).to_be_visible()
    expect(page.locator(".bp-position")).to_have_text(re.compile(r"^Step 1 of 8 · "))


def test_the_lessons_page_in_french(page, server_url, screenshot):
    page.goto(server_url + "/")
    expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
    page.goto(server_url + "/Lessons?lang=fr")
    expect(page.get_by_role("heading", name="Leçons guidées")).to_be_visible()
    expect(page.get_by_role("link", name="Commencer cette leçon")).to_have_count(10)
    expect(page.get_by_text(re.compile(r"Network_explorer\?lesson=forward&lang=fr$")).first).to_be_visible()
    screenshot("lessons_fr")
    assert violations(page) == []
