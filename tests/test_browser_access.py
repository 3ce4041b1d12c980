"""Every page, and the explorer in the states a learner reaches, through axe-core in Chromium: no violation of WCAG
2.0 and 2.1, A and AA; and <html lang> says the language the page speaks. axe-core is pinned by ui/vendor.py (AXE)."""
import re

import pytest
from playwright.sync_api import expect

from test_browser import open_explorer, wait_for_run
from ui.vendor import AXE, written_to

pytestmark = pytest.mark.browser
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# every violation, with the first few places it was found; axe's own promise, awaited with a bound
CHECK = """async (rules) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: rules}});
  return result.violations.map((v) => [v.id, v.nodes.slice(0, 3).map((n) => n.target.join(" ") + ": " + n.failureSummary)]);
}"""


def violations(page) -> list:
    """axe's verdict on the page as it is now, once the app's run is over."""
    wait_for_run(page)
    page.add_script_tag(path=str(written_to(AXE) / AXE.file))
    return page.evaluate(CHECK, RULES)


@pytest.mark.parametrize("link, heading", [
    ("Matrix product backward", "The backward rule of a matrix product"),
    ("Softmax and its Jacobian", "Softmax and its Jacobian"),
    ("Digits classifier", "A softmax classifier on handwritten digits"),
    ("Playground", "Playground"),
])
def test_each_page_passes_axe(page, server_url, link, heading):
    page.goto(server_url + "/")
    expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
    assert violations(page) == []
    page.get_by_role("link", name=link).first.click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_attached()
    assert violations(page) == []


def test_the_explorer_passes_axe_as_a_learner_uses_it(page, server_url):
    """On opening, at a step with its equations and table (the step's name in a polite live region), and after Apply
    update; the graph is a named group, described by its legend."""
    open_explorer(page, server_url)
    assert violations(page) == []
    graph = page.get_by_role("group", name=re.compile(r"^The network's graph"))
    expect(graph).to_have_attribute("aria-describedby", "bp-graph-legend")
    expect(page.locator("#bp-graph-legend")).to_contain_text("Neurons show")
    page.wait_for_function("() => window.__bp_stepper?.modules")
    for _ in range(7):
        page.get_by_role("button", name="Next ▶").click()
    expect(page.locator(".bp-steps[data-position='7'] .katex-display").first).to_be_visible()
    expect(page.locator(".bp-position[aria-live='polite']")).to_have_text(re.compile(r"^Step 7 of 8 · "))
    assert violations(page) == []
    page.get_by_role("button", name="Apply update").click()
    expect(page.locator(".bp-update")).to_have_text(re.compile(r"^Update applied"))
    assert violations(page) == []


def test_a_quiz_passes_axe_before_and_after_an_answer(page, server_url):
    open_explorer(page, server_url, link={"quiz": "1"})
    assert violations(page) == []
    page.get_by_label("Your prediction", exact=True).fill("-1.79")
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_text("It looks like the bias b was left out.", exact=False)).to_be_visible()
    assert violations(page) == []


@pytest.mark.parametrize("code", ["fr", "zh"])
def test_html_lang_follows_the_language(page, server_url, code):
    """Streamlit writes <html lang="en"> whatever the page speaks; a screen reader then reads French or Chinese with
    English rules."""
    page.goto(server_url + "/")
    expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.goto(server_url + f"/Network_explorer?lang={code}")
    expect(page.locator("html")).to_have_attribute("lang", code)
    expect(page.locator(".st-key-graph .js-plotly-plot .scatterlayer .trace").first).to_be_attached()
    assert violations(page) == []
