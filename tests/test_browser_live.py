"""A live class in Chromium: a teacher on a projector-sized screen and three students on phones, each in a browser
context of their own. The students join with the code, one of them late; the teacher asks, the students answer, one
with a known mistake; the teacher reveals; every phone shows its verdict within seconds, a reload keeps a student's
place, and no student sees another's name or answer."""
import re
import time

import pytest
from playwright.sync_api import expect

from backprop import PRESETS, forward, walkthrough
from backprop.quiz import questions
from test_browser_access import violations

pytestmark = pytest.mark.browser
LIVE_WAIT = 15_000  # ms: a page refreshes its live panel every 2 s; room for a busy machine


def opened(browser, server_url, path: str, width: int, height: int):
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.goto(server_url + "/")  # a fresh server can answer a first deep link with "Page not found"
    expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
    page.goto(server_url + path)
    return page


def join(browser, server_url, code: str, nickname: str):
    phone = opened(browser, server_url, f"/Live_class?join={code}", 390, 844)
    expect(phone.get_by_role("textbox", name="Code")).to_have_value(code)
    phone.get_by_role("textbox", name="Nickname (optional)").fill(nickname)
    phone.get_by_role("button", name="Join").click()
    return phone


def send(phone, value: float):
    field = phone.get_by_role("textbox", name="Your answer")
    field.fill(repr(float(value)))
    field.press("Enter")
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_text(re.compile(r"^Sent: "))).to_be_visible()


def test_a_teacher_and_three_phones_through_one_round(browser, server_url, screenshot):
    teacher = opened(browser, server_url, "/Network_explorer?preset=seed&quiz=1&ask=z", 1366, 900)
    teacher.get_by_role("button", name="Start a live class").click()
    bar = teacher.locator(".st-key-live_bar")
    expect(bar).to_contain_text(re.compile(r"code [A-Z2-9]{6} · 0 joined"))
    code = re.search(r"code ([A-Z2-9]{6})", bar.inner_text()).group(1)
    phones = [join(browser, server_url, code, name) for name in ("Ann", "")]
    for phone in phones:  # the quiz's first question went to the class as it began
        expect(phone.get_by_text(re.compile(r"Question 1: before step 1"))).to_be_visible(timeout=LIVE_WAIT)
    expect(bar).to_contain_text("2 joined", timeout=LIVE_WAIT)
    late = join(browser, server_url, code, "Cleo")  # joins while the question is under way: it is asked at once
    expect(late.get_by_text(re.compile(r"Question 1: before step 1"))).to_be_visible()
    phones.append(late)

    seed = PRESETS["seed"]()  # the question the explorer's quiz draws first (seed 0), as the core draws it
    walk = walkthrough(seed.network, seed.inputs, seed.targets, seed.learning_rate)
    asked = questions(seed.network, walk, seed.targets, ["z"])[1]
    i = asked.place.i
    z = forward(seed.network, seed.inputs).layers[0].z[0, i]
    assert z == pytest.approx(asked.expected)
    send(phones[0], z)
    send(phones[1], z - seed.network.layers[0].biases[i])  # the bias left out
    send(phones[2], z)
    expect(bar).to_contain_text("3 of 3 answered", timeout=LIVE_WAIT)
    for phone in phones:  # before the reveal no phone shows the answer, nor anyone's name
        expect(phone.get_by_text(re.compile(r"^Right: |^The answer was"))).to_have_count(0)
        text = phone.inner_text("body")  # each sees its own nickname, no one else's
        assert ("Ann" in text) == (phone is phones[0]) and ("Cleo" in text) == (phone is phones[2])

    started = time.perf_counter()
    teacher.get_by_role("button", name="Reveal").click()
    expect(bar).to_contain_text("67% right, of 3 answers")
    expect(bar).to_contain_text("33% the bias b was left out")
    expect(bar.locator(".js-plotly-plot .barlayer")).to_be_attached()
    latencies = []
    for phone in phones:
        expect(phone.get_by_text(re.compile(r"^Right: |^The answer was"))).to_be_visible(timeout=LIVE_WAIT)
        latencies.append(time.perf_counter() - started)
    print(f"the reveal reached the 3 phones after {', '.join(f'{s:.1f}' for s in latencies)} s")
    expect(phones[1].get_by_text(re.compile("the bias b was left out"))).to_be_visible()
    screenshot_pages = {"live-teacher": teacher, "live-phone": phones[1]}

    phones[1].reload()  # a reload comes back to the same place, verdict and all
    expect(phones[1].get_by_text(re.compile("the bias b was left out"))).to_be_visible()
    assert violations(phones[1]) == []
    for name, page in screenshot_pages.items():
        page.screenshot(path=str(screenshot.folder / f"{name}.png"))
    for page in [teacher, *phones]:
        page.context.close()


def test_a_lesson_runs_as_a_live_class(browser, server_url, screenshot):
    teacher = opened(browser, server_url, "/Network_explorer?lesson=forward", 1366, 900)
    panel = teacher.locator(".st-key-lesson_panel")
    expect(panel).to_contain_text("Lesson 1 of 10")
    panel.get_by_role("button", name="Run it as a live class").click()
    bar = teacher.locator(".st-key-live_bar")
    expect(bar).to_contain_text(re.compile(r"code [A-Z2-9]{6} · 0 joined"))
    expect(bar).to_contain_text(re.compile(r"Question 1: before step 1"))
    expect(panel).to_contain_text("Lesson 1 of 10")  # the lesson goes on beside the class
    expect(panel.get_by_role("button", name="Run it as a live class")).to_have_count(0)
    code = re.search(r"code ([A-Z2-9]{6})", bar.inner_text()).group(1)
    phone = join(browser, server_url, code, "")
    expect(phone.get_by_text(re.compile(r"Question 1: before step 1"))).to_be_visible(timeout=LIVE_WAIT)
    expect(bar).to_contain_text("1 joined", timeout=LIVE_WAIT)
    assert violations(teacher) == []
    teacher.screenshot(path=str(screenshot.folder / "live-lesson.png"))
    for page in (teacher, phone):
        page.context.close()
