"""The numpy beside each step, in Chromium: the program and what it prints at every step are the core's
(backprop/stepcode.py), in both conventions, for the view the server sent and for the ones the page computes; the
copied program runs and prints the pass's numbers; the convention outlasts a reload; axe finds nothing; and the
notebook the Files panel downloads is the network on screen, and runs."""
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from backprop import PRESETS, walkthrough
from backprop.code import literal
from backprop.stepcode import step_programs
from test_browser import open_explorer, wait_for_run
from test_browser_access import violations
from test_code import run
from test_notebook import expected_prints, outputs, run_in_kernel

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


def at_step(page, server_url, preset: str, position: int, of: int):
    """The explorer opened on a preset, its engine loaded, stepped by key to `position` of `of`."""
    open_explorer(page, server_url, link={"preset": preset})
    page.wait_for_function("() => window.__bp_stepper?.modules")
    for _ in range(position):
        page.keyboard.press("ArrowRight")
    expect(page.locator(".bp-position")).to_have_text(re.compile(rf"^Step {position} of {of} · "))


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
    at_step(page, server_url, "mazur", 6, 6)
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
    at_step(page, server_url, "seed", 4, 8)
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


def test_the_downloaded_notebook_is_the_network_on_screen_and_runs(page, server_url):
    """After an update the page computed, the Files panel's notebook holds the updated network, and runs in a fresh
    Jupyter kernel asserting the numbers the explorer now shows."""
    seed = PRESETS["seed"]()
    open_explorer(page, server_url, link={"preset": "seed"})
    page.wait_for_function("() => window.__bp_stepper?.modules")
    page.get_by_role("button", name="Apply update").click()
    expect(page).to_have_url(re.compile(r"L1="))  # the server has replayed it: the link holds the new weights
    wait_for_run(page)
    page.get_by_text("Files: download or upload").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="⬇ Notebook: this pass and Train in numpy (Jupyter)").click()
    assert download.value.suggested_filename == "backprop.ipynb"
    text = Path(download.value.path()).read_text("utf-8")
    after = walkthrough(seed.network, seed.inputs, seed.targets, seed.learning_rate).update.network_after
    assert literal(after.layers[0].weights, 15) in text.replace('\\n",\n    "', "\n")
    printed = outputs(run_in_kernel(text))
    assert printed.startswith(expected_prints(after, seed.inputs, seed.targets, seed.learning_rate))


def test_every_download_of_the_files_panel_arrives_in_the_pages_language(page, server_url):
    """A download's file is written outside the page's run: each still comes, in the page's language."""
    page.goto(server_url + "/")  # a fresh server can answer a first deep link with "Page not found"
    page.goto(server_url + "/Network_explorer?preset=mazur&lang=fr")
    expect(page.get_by_text(re.compile(r"^Prêt"))).to_be_visible()
    wait_for_run(page)
    page.get_by_text("Fichiers").first.click()
    texts = {}
    for name in ("JSON", "Markdown", "Jupyter", "script Python"):
        with page.expect_download() as download:
            page.get_by_role("button", name=re.compile(re.escape(name))).click()
        texts[name] = Path(download.value.path()).read_text("utf-8")
    assert json.loads(texts["JSON"])["loss"] == "half_sse"
    assert "## Passe avant 1 sur 2" in texts["Markdown"]
    assert "L'entraînement, tel que le lance Entraîner dans l'explorateur" in texts["Jupyter"]
    assert "# ## L'entraînement, tel que le lance Entraîner dans l'explorateur" in texts["script Python"]
