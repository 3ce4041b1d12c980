"""The "why training works or fails" panels in Chromium: what a learner sees after clicking them."""
import re

import pytest
from playwright.sync_api import expect

from test_browser import choose, open_explorer, pick_edge, wait_for_run

pytestmark = pytest.mark.browser


def open_panel(page, name: str):
    page.get_by_role("radio", name=name).click()
    wait_for_run(page)


def chart(page, figure: str):
    """The Plotly chart whose figure says it is `figure` (layout.meta.figure)."""
    for element in page.locator(".js-plotly-plot").all():
        if element.evaluate("(node) => node.layout && node.layout.meta && node.layout.meta.figure") == figure:
            return element
    raise AssertionError(f"no {figure} chart on the page")


def test_the_loss_along_a_picked_weight_and_the_map_of_two(page, server_url, screenshot):
    open_explorer(page, server_url)
    pick_edge(page)  # w: x₂ → h¹₁, whose gradient the backward pass gives as −1.499
    open_panel(page, "Loss along one weight")
    expect(page.get_by_text(re.compile(r"tangent: slope ∂L/∂θ = -1\.499"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"now: θ = 0\.8, L = 7\.16523"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"SGD steps against it, to the right"))).to_be_visible()
    curve = chart(page, "loss_along")
    assert curve.locator(".scatterlayer .trace").count() == 4
    curve.scroll_into_view_if_needed()
    screenshot("why-loss-along-a-weight")
    open_panel(page, "Two weights")
    expect(page.get_by_text(re.compile(r"^Contours of L over w: x₂ → h¹₁"))).to_be_visible()
    surface = chart(page, "loss_surface")
    expect(surface.locator(".contourlayer path").first).to_be_attached()
    expect(surface.get_by_text("−∇L")).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_a_deep_sigmoid_network_shows_its_first_layer_starving(page, server_url, screenshot):
    open_explorer(page, server_url)
    choose(page, "Preset", "Deep sigmoid 2-8-8-8-8-1 (vanishing gradients)")
    page.get_by_role("button", name="Load preset").click()
    expect(page.get_by_text(re.compile(r"Loaded the deep_sigmoid preset")).first).to_be_visible()
    wait_for_run(page)
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.get_by_text(re.compile(r"Trained 50 epochs: loss"))).to_be_visible()
    open_panel(page, "Gradient norms per layer")
    caption = page.get_by_text(re.compile(r"^Now the hidden layer 1's gradient is"))
    expect(caption).to_be_visible()
    ratio = float(re.search(r"([0-9.e+]+) times smaller", caption.inner_text()).group(1))
    assert ratio >= 100
    norms = chart(page, "gradient_norms")
    assert norms.locator(".scatterlayer .trace").count() == 5
    norms.scroll_into_view_if_needed()
    screenshot("why-gradient-norms-deep-sigmoid")
    open_panel(page, "How activations spread")
    spread = chart(page, "spread")
    expect(spread.locator(".barlayer .trace").first).to_be_attached()
    assert spread.locator(".barlayer .trace").count() == 10
    expect(page.get_by_text(re.compile(r"^Histograms of every sample's z"))).to_be_visible()
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
