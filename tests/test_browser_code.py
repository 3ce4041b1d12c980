"""The numpy beside each step, in Chromium: the program and what it prints at every step are the core's
(backprop/stepcode.py), in both conventions, for the view the server sent and for the ones the page computes; the
copied program runs and prints the pass's numbers; the convention outlasts a reload; axe finds nothing."""
import re

import pytest
from playwright.sync_api import expect

from backprop import PRESETS, walkthrough
from backprop.stepcode import step_programs
from test_browser import open_explorer, wait_for_run
from test_browser_access import violations
from test_code import run

pytestmark = pytest.mark.browser
SOURCE = "() => document.querySelector('.bp-code .bp-source').textContent"
PRINTED = "() => document.querySelector('.bp-code .bp-printed').textContent"
SETUP = "() => document.querySelector('.bp-code .bp-setup pre').textContent"


def programs_of(network, preset, position: int) -> dict:
    walk = walkthrough(network, preset.inputs, preset.targets, preset.learning_rate)
    return step_programs(network, walk, preset.inputs, preset.targets, preset.learning_rate, position)


def shown(page) -> tuple[str, str]:
    return page.evaluate(SOURCE), page.evaluate(PRINTED)


def expect_program(page, expected: dict, convention: str):
    """The panel shows the step's program and its print in this convention, and the setup it runs after."""
    page.wait_for_function(f"(text) => {SOURCE}() === text", arg=expected[convention]["source"])
    assert shown(page) == (expected[convention]["source"], expected[convention]["printed"])
    assert page.evaluate(SETUP) == expected["setup"][convention]


def test_every_step_shows_the_cores_numpy_and_what_it_prints(page, server_url, screenshot):
    seed = PRESETS["seed"]()
    open_explorer(page, server_url, link={"preset": "seed"})
    page.wait_for_function("() => window.__bp_stepper?.modules")
    expect(page.locator(".bp-code")).to_be_hidden()  # at the start there is no step, and no program
    page.keyboard.press("ArrowRight")
    page.get_by_text("The numpy for this step").click()
    page.get_by_text("It runs after this setup: the data and the network as arrays").click()
    rows = page.get_by_role("button", name="A batch as rows: Z = X @ W.T + b")
    expect(rows).to_have_attribute("aria-pressed", "true")
    for position in range(1, 9):  # the first the server sent, the others computed in the page
        expect(page.locator(".bp-position")).to_have_text(re.compile(rf"^Step {position} of 8 · "))
        expect_program(page, programs_of(seed.network, seed, position), "rows")
        if position == 3:
            assert page.evaluate(PRINTED) == "[[3.176794]]\n[[3.176794]]\n"  # the seed's output, as its question prints
            screenshot("explorer-numpy-step-3")
        page.keyboard.press("ArrowRight")
    page.get_by_role("button", name="A sample as a column: z = W @ x + b").click()
    expect_program(page, programs_of(seed.network, seed, 8), "columns")
    assert "W1 = W1 - eta * dW1  # (3, 4)\nb1 = b1 - eta * db1  # (3, 1)" in page.evaluate(SOURCE)
    page.get_by_role("button", name="Apply update").click()  # the page computes the next pass, and its numpy
    expect(page.locator(".bp-position")).to_have_text(re.compile(r"^Ready: 8 steps ahead"))
    page.keyboard.press("ArrowRight")
    after = walkthrough(seed.network, seed.inputs, seed.targets, seed.learning_rate).update.network_after
    expect_program(page, programs_of(after, seed, 1), "columns")
    assert violations(page) == []


def test_the_copied_program_runs_and_prints_the_pass(page, server_url):
    seed = PRESETS["mazur"]()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    open_explorer(page, server_url, link={"preset": "mazur"})
    page.wait_for_function("() => window.__bp_stepper?.modules")
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    expect(page.locator(".bp-position")).to_have_text(re.compile(r"^Step 6 of 6 · "))
    page.get_by_text("The numpy for this step").click()
    page.get_by_role("button", name="Copy the program up to this step").click()
    expect(page.get_by_role("button", name="Copied ✓")).to_be_visible()
    program = page.evaluate("() => navigator.clipboard.readText()")
    names, printed = run(program)
    expected = "".join(programs_of(seed.network, seed, p)["rows"]["printed"] for p in range(1, 7))
    assert printed == expected
    assert "# biases are frozen: they keep their values" in program  # Mazur's post never updates them
    assert abs(names["W1"][0, 0] - 0.149780716) < 5e-10  # the post's w1 after one step


def test_the_convention_and_the_panel_outlast_a_reload(page, server_url):
    open_explorer(page, server_url, link={"preset": "seed"})
    page.wait_for_function("() => window.__bp_stepper?.modules")
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    expect(page.locator(".bp-position")).to_have_text(re.compile(r"^Step 4 of 8 · "))
    page.get_by_text("The numpy for this step").click()
    page.get_by_role("button", name="A sample as a column: z = W @ x + b").click()
    expect(page.locator(".bp-code .bp-source")).to_contain_text("shares = np.mean((a3 - y) ** 2, axis=0)")
    wait_for_run(page)  # the link has the step: the reload opens on it
    page.reload()
    expect(page.locator(".bp-position")).to_have_text(re.compile(r"^Step 4 of 8 · "))
    page.get_by_text("The numpy for this step").click()
    expect(page.get_by_role("button", name="A sample as a column: z = W @ x + b")).to_have_attribute("aria-pressed",
                                                                                                   "true")
    expect(page.locator(".bp-code .bp-source")).to_contain_text("shares = np.mean((a3 - y) ** 2, axis=0)")
