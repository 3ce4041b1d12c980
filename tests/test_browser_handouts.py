"""The handouts as Chromium prints them: the worked example with KaTeX rendered and a graph at every step, the
worksheets and their key, each part on a page of its own, and none of the app's controls on the paper."""
import re

import pytest
from playwright.sync_api import expect

from test_browser import wait_for_run
from test_browser_access import violations

pytestmark = pytest.mark.browser


def printed_pages(page) -> int:
    """The pages Chromium's print to PDF makes, A4."""
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format="A4", print_background=True)))


def test_the_worked_example_prints_a_page_per_phase_with_its_graphs(page, server_url, screenshot):
    page.goto(server_url + "/")
    expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
    page.goto(server_url + "/Handouts")
    expect(page.get_by_role("heading", name="A worked example of backpropagation")).to_be_visible()
    expect(page.locator(".js-plotly-plot .scatterlayer")).to_have_count(8)  # the graph at each of the 8 steps
    expect(page.locator(".katex-display").first).to_be_visible()
    expect(page.locator(".katex-error")).to_have_count(0)
    wait_for_run(page)
    assert violations(page) == []
    assert printed_pages(page) >= 4  # forward, the loss, backward and the update each start a page
    page.emulate_media(media="print")
    expect(page.get_by_role("radio", name="Quiz worksheets")).to_be_hidden()
    expect(page.get_by_role("heading", name="Backward 3 of 3: δ of hidden layer 1")).to_be_visible()
    screenshot("handout-worked-print")


def test_worksheets_print_one_version_a_page_and_the_key(page, server_url, screenshot):
    page.goto(server_url + "/")
    expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
    page.goto(server_url + "/Handouts")
    page.get_by_text("Quiz worksheets").click()
    versions = page.get_by_role("textbox", name="Versions")
    versions.fill("2")
    versions.press("Enter")
    wait_for_run(page)
    expect(page.get_by_role("heading", name=re.compile(r"^Worksheet, version \d$"))).to_have_count(2)
    expect(page.get_by_role("heading", name="Answer key")).to_be_visible()
    expect(page.locator(".js-plotly-plot .scatterlayer")).to_have_count(2)
    one = printed_pages(page)
    versions.fill("4")
    versions.press("Enter")
    wait_for_run(page)
    expect(page.get_by_role("heading", name=re.compile(r"^Worksheet, version \d$"))).to_have_count(4)
    assert printed_pages(page) >= one + 2  # each version starts a page
    page.emulate_media(media="print")
    expect(versions).to_be_hidden()
    screenshot("handout-sheets-print")
