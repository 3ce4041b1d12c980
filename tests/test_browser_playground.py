"""The playground in Chromium: play a dataset until it is solved, pause, and read what is drawn."""
import re

import pytest
from playwright.sync_api import expect

from test_browser import choose, wait_for_run

pytestmark = pytest.mark.browser


def epoch(page) -> int:
    return int(page.locator("[data-testid='stMetricValue']").first.inner_text())


def test_play_xor_until_it_is_solved_then_pause(page, server_url, screenshot):
    page.goto(server_url + "/")  # a fresh server can answer a first deep link with "Page not found"
    expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
    page.get_by_role("link", name=re.compile("Playground")).first.click()
    expect(page.locator(".st-key-pg_boundary .js-plotly-plot .heatmaplayer").first).to_be_attached()
    choose(page, "Dataset", "XOR")
    wait_for_run(page)
    expect(page.get_by_role("textbox", name="Hidden layers (units each)")).to_have_value("8, 8")
    page.get_by_role("button", name="Play").click()
    # while it plays, the boundary is a picture redrawn several times a second
    expect(page.get_by_text(re.compile("^Training: the colour is the network's output"))).to_be_visible()
    expect(page.locator("[data-testid='stImage'] img").first).to_be_visible()
    page.wait_for_function("() => Number(document.querySelector(\"[data-testid='stMetricValue']\").textContent) >= 100",
                           timeout=120_000)
    screenshot("playground-playing-xor")
    page.get_by_test_id("stBaseButton-primary").click()  # Pause
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    wait_for_run(page)
    paused_at = epoch(page)
    accuracy = float(page.locator("[data-testid='stMetricValue']").nth(1).inner_text().rstrip("%"))
    assert accuracy >= 95
    expect(page.locator(".st-key-pg_boundary .js-plotly-plot .heatmaplayer").first).to_be_attached()
    expect(page.get_by_text("confusion matrix (test)")).to_be_visible()
    expect(page.get_by_text("What each hidden unit computes")).to_be_visible()
    page.wait_for_timeout(1000)
    assert epoch(page) == paused_at  # paused means paused
    page.get_by_role("button", name="Step (1 epoch)").click()
    wait_for_run(page)
    expect(page.locator("[data-testid='stMetricValue']").first).to_have_text(str(paused_at + 1))
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    screenshot("playground-paused-xor")
