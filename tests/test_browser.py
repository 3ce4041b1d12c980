"""Key journeys in Debian's Chromium against a real `streamlit run` server."""
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from backprop import train
from conftest import ROOT
from helpers import numbers_in
from ui.explorer.link import state_from_link
from ui.vendor import PLOTLY

pytestmark = pytest.mark.browser
GRAPH = ".st-key-graph .js-plotly-plot"  # the network's graph; the page's other charts are not it
# the pinned Plotly the app serves (ui/vendor.py), what Streamlit's own charts would load, and what a chart says
# where Plotly never arrives
OUR_PLOTLY = re.compile(re.escape(PLOTLY.path) + "$")
STREAMLITS_PLOTLY = re.compile(r"/static/js/PlotlyChart\.[^/]*\.js$")
CHART_WITHOUT_PLOTLY = "This chart needs Plotly, which this browser did not load."


def without_plotly(page):
    """The app's Plotly never arrives (a school's filter, a broken proxy)."""
    page.route(OUR_PLOTLY, lambda route: route.abort())


def open_explorer(page, server_url, drawn: bool = True, link: dict[str, str] | None = None):
    """The explorer from the home page's menu, or opened by a link with these fields."""
    page.goto(server_url + "/")  # a fresh server can answer a first deep link with "Page not found"
    expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
    if link is None:
        page.get_by_role("link", name=re.compile("Network explorer")).first.click()
    else:
        page.goto(server_url + "/Network_explorer?" + "&".join(f"{k}={v}" for k, v in link.items()))
    expect(page.get_by_text(re.compile(r"Ready: \d+ steps ahead"))).to_be_visible()
    if drawn:
        expect(page.locator(GRAPH + " .scatterlayer .trace").first).to_be_attached()


def wait_for_run(page):
    """Until Streamlit's run (started by the last click) has finished."""
    page.wait_for_timeout(150)
    expect(page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]')).to_be_attached()


def pick_edge(page, label: str = "w: x₂ → h¹₁", index: int = 1):
    """Click an edge's midpoint marker; Plotly may be redrawing it, so look again until the editor shows."""
    for _ in range(5):
        wait_for_run(page)
        page.locator(GRAPH).locator(".scatterlayer .trace").nth(-2).locator("path.point") \
            .nth(index).click(force=True)
        try:
            expect(page.get_by_label(label, exact=True)).to_be_visible(timeout=10_000)
            return page.get_by_label(label, exact=True)
        except AssertionError:
            continue
    raise AssertionError(f"picking the edge {label} never opened its editor")


def choose(page, label: str, option: str):
    """Pick an option of a Streamlit selectbox by its label. A menu below the fold is scrolled to first: its list
    closes on a scroll, so a click during the scroll would open it for an instant only."""
    menu = page.get_by_label(label, exact=True)
    for _ in range(5):
        menu.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        menu.click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=10_000)
            return
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the menu {label!r} never offered {option!r}")


def expect_every_equation_rendered(page, count: int):
    """The step on show, rendered by the page's KaTeX: `count` equations, none of them red raw LaTeX."""
    wait_for_run(page)
    expect(page.locator(".katex-error")).to_have_count(0)
    expect(page.locator(".bp-steps .katex-display")).to_have_count(count)


def expect_every_step_rendered(page):
    """Every step of the pass, shown in turn from the start: each has its equations, none of them red raw LaTeX."""
    wait_for_run(page)
    page.keyboard.press("Home")
    next_button = page.get_by_role("button", name="Next ▶")
    k = 0
    while next_button.is_enabled():
        next_button.click()
        k += 1
        expect(page.locator(f".bp-steps[data-position='{k}'] .katex-display").first).to_be_visible()
        expect(page.locator(".katex-error")).to_have_count(0)
    assert k >= 6  # forward, the loss, backward, the update: at least 2 layers each way


def neuron_texts(page) -> list[str]:
    return page.locator(GRAPH).locator(".scatterlayer .trace").last.locator("text").all_inner_texts()


def test_next_through_a_whole_pass(page, server_url, screenshot):
    open_explorer(page, server_url)
    expect_every_equation_rendered(page, 0)  # before step 1, no step
    positions, equations = [], 0
    for k in range(1, 9):
        page.get_by_role("button", name="Next ▶").click()
        indicator = page.get_by_text(re.compile(rf"^Step {k} of 8 · "))
        expect(indicator).to_be_visible()
        positions.append(indicator.inner_text())
        expect(page.locator(".bp-steps h3")).to_have_count(1)  # the step on show, and only it
        heading = page.get_by_role("heading", name=indicator.inner_text().split(" · ", 1)[1])
        expect(heading).to_be_visible()
        shown = page.locator(f".bp-steps[data-position='{k}'] .katex-display")
        expect(shown.first).to_be_visible()
        expect(page.locator(".katex-error")).to_have_count(0)
        equations += shown.count()
        legend = page.locator(".bp-legend").bounding_box()
        assert heading.bounding_box()["y"] - (legend["y"] + legend["height"]) < 60  # the step follows the graph
        if k == 3:
            expect(page.locator(GRAPH).get_by_text("3.18")).to_be_attached()
            screenshot("explorer-forward-output")
    assert equations == 28  # forward 3×2, loss 3 (the formula, the sample's share, L), backward 3×4, update 3×2 + the loss
    assert positions[3] == "Step 4 of 8 · Loss 1 of 1: Mean squared error"
    assert positions[-1] == "Step 8 of 8 · Update 1 of 1: w ← w − η ∂L/∂w"
    expect(page.locator(".katex").first).to_be_visible()
    expect(page.get_by_role("button", name="Next ▶")).to_be_disabled()
    screenshot("explorer-update-step")
    page.get_by_role("button", name="Apply update").click()
    expect(page.get_by_text(re.compile(r"Update applied: loss 7\.16523 →"))).to_be_visible()


# the stepper's Apply update, clicked, and what the page shows one animation frame later
CLICK_AND_LOOK = """() => new Promise((resolve) => {
  const root = [...document.querySelectorAll("*")].find((e) => e.shadowRoot?.querySelector(".bp-apply")).shadowRoot;
  root.querySelector(".bp-apply").click();
  requestAnimationFrame(() => resolve({loss: root.querySelector(".bp-loss").textContent,
    said: root.querySelector(".bp-update").textContent, position: root.querySelector(".bp-position").textContent,
    drawn: document.querySelector(".st-key-graph .js-plotly-plot").layout.meta.bp}));
})"""


def test_apply_update_computes_the_next_pass_in_the_page(page, server_url, screenshot):
    """One frame after the click, before the server could answer, the page shows the new pass, computed by its
    engine; then the server replays the update with the core, and its view (and the link) carries the same
    numbers."""
    open_explorer(page, server_url)
    page.get_by_role("button", name="Run backward").click()
    expect(page.get_by_text(re.compile(r"^Step 7 of 8"))).to_be_visible()
    wait_for_run(page)
    page.wait_for_function("() => window.__bp_stepper?.modules")  # loaded while the learner read
    seen = page.evaluate(CLICK_AND_LOOK)
    assert seen["said"].startswith("Update applied: loss 7.16523 → ") and seen["drawn"].endswith("+1:0")
    assert seen["position"].startswith("Ready: 8 steps ahead")
    after = numbers_in(seen["said"])[1]
    page.get_by_role("button", name="Run forward").click()  # the page's own pass, stepped before the server answers
    loss = page.locator(".bp-loss")
    expect(loss).to_have_text(re.compile(r"^Loss \(mean squared error\): [0-9.]+$"))
    assert numbers_in(loss.inner_text()) == [after]
    expect(page).to_have_url(re.compile(r"L1=.*step=4"))  # the server replayed it, and kept the learner's step
    wait_for_run(page)
    expect(page.get_by_text(re.compile(r"^Step 4 of 8 · Loss"))).to_be_visible()
    assert page.evaluate("() => window.__bp_stepper.local") is None  # the server's view again
    assert "+" not in page.locator(GRAPH).evaluate("e => e.layout.meta.bp")
    assert numbers_in(loss.inner_text()) == [after]  # the core's number is the engine's
    screenshot("explorer-after-apply-in-page")


@pytest.mark.parametrize("preset, sizes, loss", [
    ("Mazur's 2-2-2 (sigmoid)", None, None),
    ("XOR 2-3-1 (tanh, sigmoid)", None, None),
    ("XOR 2-3-1 (tanh, sigmoid)", "2, 3, 3, 3", "Cross-entropy (softmax outputs)"),  # 2 hidden, 4 samples
])
def test_every_equation_renders_for_other_networks(page, server_url, screenshot, preset, sizes, loss):
    open_explorer(page, server_url)
    choose(page, "Preset", preset)
    page.get_by_role("button", name="Load preset").click()
    expect(page.get_by_text(re.compile(r"Loaded the \w+ preset")).first).to_be_visible()
    if sizes:
        wait_for_run(page)  # until it ends, the old sizes field (keyed by the old sizes) stands beside the new one
        field = page.get_by_label("Neurons per layer (input, hidden…, output)", exact=True).and_(page.locator("input"))
        expect(field).to_have_count(1)
        field.fill(sizes)
        field.press("Enter")
        expect(page.get_by_text(re.compile("New 2-3-3-3 network")).first).to_be_visible()
        wait_for_run(page)
        choose(page, "Loss", "Cross-entropy (softmax outputs)")
        expect(page.get_by_text(re.compile("the output layer uses Softmax")).first).to_be_visible()
        page.get_by_role("button", name="Run backward").click()
        expect(page.get_by_text(re.compile(r"^Step 7 of 8 · Backward 3 of 3"))).to_be_visible()
        expect(page.locator(".katex-display:visible").first).to_be_visible()
        screenshot("explorer-softmax-backward")
    expect_every_step_rendered(page)


@pytest.mark.parametrize("query, level", [("lr=100&x=100_200_300_250&y=0.5", "error"),  # a weight past ±10⁶
                                          ("lr=100", "warning")])  # applied, but the loss rose to 2.8e17
def test_what_the_page_says_of_its_update_is_the_cores_sentence(page, server_url, query, level):
    """The page words its own update, or its refusal, with the server's sentences and Python's number formats:
    the result is the core's text to the letter."""
    state = state_from_link(dict(field.split("=") for field in query.split("&")))
    state.apply_update()
    assert state.message.level == level
    open_explorer(page, server_url, link=dict(field.split("=") for field in query.split("&")))
    wait_for_run(page)
    page.wait_for_function("() => window.__bp_stepper?.modules")
    seen = page.evaluate(CLICK_AND_LOOK)
    assert seen["said"] == state.message.text
    assert ("+" in seen["drawn"]) == (level != "error")  # a refused update changes nothing and sends nothing
    wait_for_run(page)
    assert page.evaluate("() => window.__bp_stepper.local") is None
    if level != "error":  # the server's view, replayed by the core, says the same
        expect(page.locator(".bp-update")).to_have_text(state.message.text)


# Enter in the pick's editor, and what the graph shows one animation frame later
ENTER_AND_LOOK = """() => new Promise((resolve) => {
  const field = document.querySelector("[class*='st-key-pick_'] input");
  field.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true, cancelable: true}));
  requestAnimationFrame(() => {
    const graph = document.querySelector(".st-key-graph .js-plotly-plot");
    resolve({drawn: graph.layout.meta.bp, edge: graph.data.find((trace) => trace.name === "edges").hovertext[1]});
  });
})"""


def test_a_typed_weight_is_computed_in_the_page_before_the_server_answers(page, server_url):
    open_explorer(page, server_url)
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # step 2: the first two layers' activations
    field = pick_edge(page)  # x₂ → h¹₁
    wait_for_run(page)  # the pick's run has drawn everything: the page now knows the field it edits
    page.wait_for_function("() => window.__bp_stepper?.modules")
    field.fill("-0.4")
    seen = page.evaluate(ENTER_AND_LOOK)
    assert "+e" in seen["drawn"] and seen["drawn"].endswith(":2"), seen  # the page's own view, on the learner's step
    assert weight_in(seen["edge"]) == -0.4
    # Streamlit took the same Enter (React hears a dispatched key as well): the server takes the same edit, and the
    # field is rebuilt holding it; pressing Enter again would find the old field and its new self while the run lasts
    expect(page.get_by_text("w: x₂ → h¹₁ set to -0.4.")).to_be_visible()
    wait_for_run(page)
    expect(page).to_have_url(re.compile(r"L1=[^&]*-0\.4"))
    page.wait_for_function("() => window.__bp_stepper.local === null")  # the server's view again, on the same step
    field.dispatch_event("change")  # the field, left: it holds the value the view has, so the page computes nothing
    assert page.evaluate("() => window.__bp_stepper.local") is None
    expect(page.get_by_text(re.compile(r"^Step 2 of 8"))).to_be_visible()
    hover = page.locator(GRAPH).evaluate("g => g.data.find((trace) => trace.name === 'edges').hovertext[1]")
    assert weight_in(hover) == -0.4 and "+" not in page.locator(GRAPH).evaluate("g => g.layout.meta.bp")


def weight_in(hover: str) -> float:
    """The weight an edge's hover text gives, parsed."""
    return float(re.search(r"<br>w = ([^<]+)", hover).group(1))


def test_click_an_edge_and_change_its_weight(page, server_url, screenshot):
    open_explorer(page, server_url)
    midpoints = page.locator(GRAPH).locator(".scatterlayer .trace").nth(-2).locator("path.point")
    expect(midpoints).to_have_count(24)
    field = pick_edge(page)  # x₂ → h¹₁
    expect(field).to_have_value("0.8")
    expect(field).to_be_in_viewport()  # its editor opens beside the graph, not a screen below
    field.fill("-0.4")
    field.press("Enter")
    expect(page.get_by_text("w: x₂ → h¹₁ set to -0.4.")).to_be_visible()
    page.get_by_role("button", name="Run forward").click()
    expect(page.get_by_text(re.compile(r"Step 4 of 8"))).to_be_visible()
    screenshot("explorer-edited-edge")
    # z of h¹₁ = 0.2·1 − 0.4·2 − 0.5·3 + 1·2.5 + 2 = 2.4
    expect(page.locator(GRAPH).get_by_text("2.4", exact=True)).to_be_attached()


def test_the_step_outlasts_page_runs_and_an_edit_redraws_it_in_place(page, server_url):
    """The graph is redrawn in the browser: after a page run the learner is still on the step,
    and after an edit the same step shows the new numbers."""
    open_explorer(page, server_url)
    page.get_by_role("button", name="Run forward").click()
    expect(page.get_by_text(re.compile(r"^Step 4 of 8 · "))).to_be_visible()
    page.get_by_text("Log scale").click()  # reruns the whole page
    wait_for_run(page)
    expect(page.get_by_text(re.compile(r"^Step 4 of 8 · "))).to_be_visible()
    graph = page.locator(GRAPH)
    expect(graph.get_by_text("3.18")).to_be_attached()
    page.set_viewport_size({"width": 1100, "height": 900})  # Streamlit redraws its own (first) figure
    page.wait_for_timeout(500)
    expect(graph.get_by_text("3.18")).to_be_attached()  # and the stepper puts step 4 back
    field = pick_edge(page)
    field.fill("-0.4")
    field.press("Enter")
    expect(page.get_by_text("w: x₂ → h¹₁ set to -0.4.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Step 4 of 8 · "))).to_be_visible()
    expect(graph.get_by_text("2.4", exact=True)).to_be_attached()  # z of h¹₁ at the same step
    expect(page.get_by_role("heading", name="Loss 1 of 1: Mean squared error")).to_be_visible()


def test_leaving_and_coming_back_keeps_the_step(page, server_url):
    open_explorer(page, server_url)
    for k in range(1, 4):
        page.get_by_role("button", name="Next ▶").click()
        expect(page.get_by_text(re.compile(rf"^Step {k} of 8 · "))).to_be_visible()
    wait_for_run(page)
    page.get_by_role("link", name="Softmax and its Jacobian").first.click()
    expect(page.get_by_role("heading", name="Softmax and its Jacobian").first).to_be_visible()
    page.get_by_role("link", name="Network explorer").first.click()
    expect(page.get_by_text(re.compile(r"^Step 3 of 8 · Forward 3 of 3: output layer"))).to_be_visible()
    expect(page.locator(GRAPH).get_by_text("3.18")).to_be_attached()
    expect(page.locator("h3:visible")).to_have_text(["Forward 3 of 3: output layer"])


def test_new_layer_sizes_get_a_graph_box_that_fits(page, server_url):
    """Streamlit sizes the chart's box from the server's figure; the stepper draws the later ones."""
    open_explorer(page, server_url)
    sizes = page.get_by_label("Neurons per layer (input, hidden…, output)", exact=True).and_(page.locator("input"))
    sizes.fill("4, 10, 1")
    sizes.press("Enter")
    expect(page.get_by_text(re.compile("New 4-10-1 network")).first).to_be_visible()
    wait_for_run(page)
    box, plot = (page.locator(selector).bounding_box() for selector in (".st-key-graph", ".st-key-graph .js-plotly-plot"))
    assert plot["height"] > 600 and box["height"] >= plot["height"] - 1


def trained_in_the_page(page):
    """Train (50 epochs) clicked once the page's engine is there: the server's sentence for the run, and what the
    page played, one epoch a frame."""
    page.wait_for_function("() => window.__bp_stepper?.modules")
    page.get_by_role("button", name="Train", exact=True).click()
    message = page.get_by_text(re.compile(r"^Trained 50 epochs: loss "))
    expect(message).to_be_visible()
    run = page.evaluate("() => window.__bp_stepper.last_run")
    assert run["epochs"] == 50 and run["frames"] == 50  # one epoch a frame: 50 redraws
    return message, run


def test_train_plays_in_the_page_and_the_server_replays_it(page, server_url):
    """A full-batch run trains in the page, a frame per step of the run, the loss curve growing as it goes; then the
    core trains the same epochs and says what they came to. Pause keeps the epochs played so far."""
    open_explorer(page, server_url)
    for _ in range(4):
        page.keyboard.press("ArrowRight")  # the loss step: its number changes with every frame
    wait_for_run(page)
    message, _run = trained_in_the_page(page)
    wait_for_run(page)
    assert numbers_in(page.locator(".bp-loss").inner_text()) == numbers_in(message.inner_text())[-1:]
    expect(page.get_by_text(re.compile(r"^Step 4 of 8 · Loss"))).to_be_visible()  # the learner's step, kept
    epochs = page.get_by_label("Epochs", exact=True)
    epochs.fill("5000")
    epochs.press("Enter")
    wait_for_run(page)
    page.get_by_role("button", name="Train", exact=True).click()
    page.get_by_role("button", name="⏸ Pause").click()
    expect(page.get_by_text(re.compile(r"^Trained \d+ epochs: loss "))).to_be_visible()
    played = page.evaluate("() => window.__bp_stepper.last_run")["epochs"]
    assert 0 < played < 5000
    expect(page.get_by_text(re.compile(rf"^Trained {played} epochs: loss "))).to_be_visible()


def test_a_mini_batch_run_trains_in_the_page_with_the_cores_batches(page, server_url):
    """XOR in batches of one, shuffled by the link's seed: the page draws numpy's order itself, so the loss it
    reaches after 50 epochs is the core's, and the server's replay says the same number."""
    query = {"preset": "xor", "seed": "3", "batch": "1"}
    state = state_from_link(query)
    core = train(state.network, state.inputs, state.targets, state.learning_rate, 50, 1, 3).losses[-1]
    open_explorer(page, server_url, link=query)
    wait_for_run(page)
    message, run = trained_in_the_page(page)
    assert run["loss"] == pytest.approx(core, rel=1e-9)
    assert numbers_in(message.inner_text())[-1] == pytest.approx(core, rel=1e-5)


def test_the_page_trains_about_a_seconds_work_and_leaves_longer_runs_to_the_server(page, server_url):
    """A 100-sample network of 249 parameters in batches of 10: 300 epochs are about a quarter of a second's work,
    so the page trains them; 2,000 are past its second, so the server trains them, with its progress bar."""
    open_explorer(page, server_url, link={"preset": "deep_sigmoid", "batch": "10"})
    wait_for_run(page)
    page.wait_for_function("() => window.__bp_stepper?.modules")
    epochs = page.get_by_label("Epochs", exact=True)
    for count, in_page in ((2000, False), (300, True)):
        epochs.fill(str(count))
        epochs.press("Enter")
        wait_for_run(page)
        page.get_by_role("button", name="Train", exact=True).click()
        expect(page.get_by_text(re.compile(rf"^Trained {count} epochs: loss "))).to_be_visible(timeout=60_000)
        run = page.evaluate("() => window.__bp_stepper.last_run")
        assert (run is not None and run["epochs"] == count) == in_page, run
        wait_for_run(page)


def test_train_and_watch_the_loss_fall(page, server_url, screenshot):
    open_explorer(page, server_url)
    page.get_by_role("button", name="Train", exact=True).click()
    expect(page.get_by_text(re.compile(r"Trained 50 epochs: loss"))).to_be_visible()
    curve = page.locator(".st-key-loss_curve .js-plotly-plot")
    expect(curve.locator(".scatterlayer .trace").first).to_be_attached()
    page.get_by_text("Log scale").click()
    expect(curve.locator(".ytick").first).to_be_attached()
    screenshot("explorer-trained")


def test_a_bad_upload_is_refused_and_nothing_is_lost(page, server_url, screenshot):
    open_explorer(page, server_url)
    page.get_by_text("Files: download or upload").click()
    page.locator("input[type=file]").set_input_files(files=[{
        "name": "bad.json", "mimeType": "application/json",
        "buffer": b'{"format": "backprop-explorer/network", "version": 1, "layers": [{"activation": "os.system", '
                  b'"weights": [[1]], "biases": [0]}]}'}])
    refusal = page.get_by_text(re.compile(r"That file was not loaded: .*unknown activation 'os.system'"))
    expect(refusal).to_be_visible()
    wait_for_run(page)
    said, uploader = refusal.bounding_box(), page.locator("[data-testid='stFileUploader']").bounding_box()
    assert 0 <= uploader["y"] - (said["y"] + said["height"]) < 80  # just above the uploader, where the learner looks
    expect(page.get_by_text(re.compile("Traceback"))).to_have_count(0)
    screenshot("explorer-bad-upload")
    page.get_by_role("button", name="Run forward").click()
    expect(page.locator(GRAPH).get_by_text("3.18")).to_be_attached()


@pytest.mark.parametrize("link, heading, figures, name", [
    ("Matrix product backward", "The backward rule of a matrix product", 4, "matrix-product"),
    ("Softmax and its Jacobian", "Softmax and its Jacobian", 4, "softmax"),
    ("Digits classifier", "A softmax classifier on handwritten digits", 7, "digits"),
])
def test_concept_pages_load_with_their_figures(page, server_url, screenshot, link, heading, figures, name):
    page.set_viewport_size({"width": 1366, "height": 768})  # a classroom laptop: nothing may be cut off
    page.goto(server_url + "/")
    expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
    page.get_by_role("link", name=link).first.click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(figures)
    for k in range(figures):
        expect(charts.nth(k).locator(".main-svg").first).to_be_attached()
    expect(page.get_by_text(re.compile("Traceback"))).to_have_count(0)
    expect(page.locator(".katex-error")).to_have_count(0)
    cut_off = page.evaluate("() => [...document.querySelectorAll('.katex-display')]"
                            ".filter(e => e.scrollWidth > e.clientWidth + 2).map(e => e.innerText.slice(0, 40))")
    assert cut_off == []
    if name == "digits":
        page.get_by_role("button", name="Train", exact=True).click()
        expect(page.get_by_text(re.compile(r"Trained 20 epochs: test accuracy 9\d\.\d%"))).to_be_visible()
        expect(charts).to_have_count(8)
    screenshot(name)


def test_every_page_draws_with_the_pinned_plotly_it_serves_and_loads_no_other(page, server_url):
    """The graph and every chart draw with the partial bundle ui/vendor.py pins, fetched once a page; Streamlit's
    whole Plotly (4.7 MB, a third of it ours) is never loaded, since no page has an st.plotly_chart."""
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    open_explorer(page, server_url)
    expect(page.locator(".st-key-graph .js-plotly-plot .scatterlayer .trace").first).to_be_attached()
    expect(page.locator(".st-key-loss_curve .js-plotly-plot .main-svg").first).to_be_attached()
    assert page.locator(".st-key-graph .js-plotly-plot").count() == 1  # drawn once, by one party
    for link, key in [("Playground", "pg_boundary"), ("Softmax and its Jacobian", "softmax_bars")]:
        page.get_by_role("link", name=link).first.click()
        expect(page.locator(f".st-key-{key} .js-plotly-plot .main-svg").first).to_be_attached()
    assert len([url for url in fetched if OUR_PLOTLY.search(url)]) == 1  # one page, one fetch
    assert not [url for url in fetched if STREAMLITS_PLOTLY.search(url)]


def test_without_plotly_the_graph_says_why_it_is_missing(page, server_url):
    without_plotly(page)
    open_explorer(page, server_url, drawn=False)
    expect(page.locator(".st-key-graph .bp-graph")).to_have_text(
        "The graph needs Plotly, which this browser did not load.", timeout=60_000)
    expect(page.locator(".st-key-loss_curve")).to_have_text(CHART_WITHOUT_PLOTLY)
    page.get_by_role("button", name="Next ▶").click()  # the steps' equations still work
    expect(page.get_by_role("heading", name="Forward 1 of 3: hidden layer 1")).to_be_visible()
    page.get_by_text("The graph's numbers, as tables").click()  # and so do the graph's numbers, as tables
    expect(page.locator(".bp-tables table").nth(2).locator("tbody tr").first).to_have_text(
        re.compile(r"^h¹₁\s*2\s*4\.8\s*4\.8$"))


def test_without_the_engine_the_first_step_shows_and_the_others_say_why(page, server_url):
    """The page computes every step but the one its view starts at: where its engine never arrives, Next says so
    rather than leave the first step's numbers under a later step's name."""
    page.route(re.compile(r"/app/static/engine/"), lambda route: route.abort())
    open_explorer(page, server_url)
    page.get_by_role("button", name="Next ▶").click()
    expect(page.locator(".bp-steps")).to_have_text(re.compile(r"^The other steps are computed in this page"))
    expect(page.locator(".bp-steps .katex")).to_have_count(0)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


def test_without_plotly_a_concept_page_says_so_in_each_chart_and_keeps_its_equations(page, server_url):
    without_plotly(page)
    page.goto(server_url + "/")
    expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
    page.get_by_role("link", name="Softmax and its Jacobian").first.click()
    expect(page.get_by_role("heading", name="Softmax and its Jacobian")).to_be_visible()
    for key in ("softmax_bars", "softmax_jacobian", "softmax_attempt", "softmax_differences"):
        expect(page.locator(f".st-key-{key}")).to_have_text(CHART_WITHOUT_PLOTLY, timeout=60_000)
    expect(page.locator(".katex").first).to_be_visible()
    expect(page.locator(".katex-error")).to_have_count(0)
    expect(page.get_by_text(re.compile("Traceback"))).to_have_count(0)


def test_an_edit_redraws_the_loss_curve_in_place(page, server_url):
    """The curve is the page's own chart: an edit redraws it where it is. (st.plotly_chart names its element by the
    figure, so each change mounted a new chart and drew it twice, which cost an edit more than the graph did.)"""
    open_explorer(page, server_url)
    field = pick_edge(page)
    curve = page.locator(".st-key-loss_curve .js-plotly-plot")
    expect(curve.locator(".scatterlayer .trace").first.locator("path.point")).to_have_count(1)  # epoch 0
    curve.evaluate("(node) => { node.__drawn_before_the_edit = true; }")
    field.fill("-0.4")
    field.press("Enter")
    expect(page.get_by_text("w: x₂ → h¹₁ set to -0.4.")).to_be_visible()
    expect(curve.locator(".scatterlayer .trace").first.locator("path.point")).to_have_count(2)  # and the edit
    assert curve.evaluate("(node) => node.__drawn_before_the_edit === true")


def test_a_copied_link_opens_the_same_numbers_in_another_browser_and_survives_a_reload(page, browser, server_url,
                                                                                       screenshot):
    open_explorer(page, server_url)
    field = pick_edge(page)  # x₂ → h¹₁
    field.fill("-0.4")
    field.press("Enter")
    expect(page.get_by_text("w: x₂ → h¹₁ set to -0.4.")).to_be_visible()
    wait_for_run(page)
    for k in range(1, 4):
        page.get_by_role("button", name="Next ▶").click()
        expect(page.get_by_text(re.compile(rf"^Step {k} of 8 · "))).to_be_visible()
    expect(page).to_have_url(re.compile(r"[?&]step=3\b"))  # the address bar follows the step
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("button", name="Link copied ✓")).to_be_visible()
    link = page.evaluate("navigator.clipboard.readText()")
    assert re.search(r"[?&]L1=[^&]*-0\.4", link) and "step=3" in link
    graph = page.locator(GRAPH)
    expect(graph.get_by_text("2.4", exact=True)).to_be_attached()  # h¹₁ = 2.4 after the edit
    shown = neuron_texts(page)
    screenshot("explorer-link-sender")

    other = browser.new_context(viewport={"width": 1400, "height": 1100})  # another browser: nothing shared
    second = other.new_page()
    try:
        second.goto(server_url + "/")  # a fresh server can answer a first deep link with "Page not found"
        expect(second.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
        for visit in ("open", "reload"):
            second.goto(link) if visit == "open" else second.reload()
            expect(second.get_by_text(re.compile(r"^Step 3 of 8 · Forward 3 of 3"))).to_be_visible()
            expect(second.locator(GRAPH).get_by_text("2.4", exact=True)).to_be_attached()
            assert neuron_texts(second) == shown
        second.screenshot(path=str(ROOT / "tests" / "screenshots" / "explorer-link-receiver.png"), full_page=True)
    finally:
        other.close()


def test_a_presenter_steps_by_keyboard_and_the_update_waits_for_the_backward_pass(page, server_url, screenshot):
    open_explorer(page, server_url)
    update = page.get_by_role("button", name="Apply update")
    background = lambda: update.evaluate("b => getComputedStyle(b).backgroundColor")  # noqa: E731
    quiet = background()
    assert quiet == "rgb(255, 255, 255)"  # nothing to apply yet
    for key, text in [("ArrowRight", "Step 1 of 8"), ("PageDown", "Step 2 of 8"), ("PageUp", "Step 1 of 8"),
                      ("Home", "Ready: 8 steps ahead"), ("PageDown", "Step 1 of 8")]:
        page.keyboard.press(key)  # nothing was clicked first: a clicker works from the start
        expect(page.get_by_text(re.compile("^" + text))).to_be_visible()
    field = page.get_by_label("Neurons per layer (input, hidden…, output)", exact=True).and_(page.locator("input"))
    field.click()
    field.press("ArrowRight")  # keys typed into a field stay there
    expect(page.get_by_text(re.compile(r"^Step 1 of 8"))).to_be_visible()
    page.evaluate("document.activeElement.blur()")  # the presenter leaves the field
    for k in range(2, 8):
        page.keyboard.press("ArrowRight")
        expect(page.get_by_text(re.compile(rf"^Step {k} of 8"))).to_be_visible()
    expect(update).not_to_have_css("background-color", quiet)  # the backward pass is done: now it calls
    screenshot("explorer-keyboard-backward-done")


def test_space_plays_the_pass_at_the_presenters_speed_and_pauses(page, server_url):
    open_explorer(page, server_url)
    # the start explains itself: what the network is, what the pass will do, and when the loss comes
    intro = page.locator(".bp-steps .bp-intro")
    expect(intro).to_contain_text("The network: 4 inputs, hidden layer 1: 3 × identity, hidden layer 2: 3 × identity, "
                                  "output layer: 1 × identity; the loss is the mean squared error")
    expect(page.locator(".bp-loss")).to_have_text("Loss (mean squared error): at step 4")
    play = page.locator(".bp-play button")
    speed = page.get_by_label("Autoplay speed")
    expect(speed.locator("option")).to_have_text(["3 s a step", "1.5 s", "0.75 s"])
    speed.select_option("750")
    # the presenter opened the explorer from the sidebar: its link keeps the focus, and Space is still the stepper's
    page.get_by_role("link", name=re.compile("Network explorer")).first.focus()
    position = page.locator(".bp-position")
    page.keyboard.press(" ")
    expect(play).to_have_attribute("aria-pressed", "true")
    expect(play).to_have_text("⏸ Pause")
    expect(position).to_have_text(re.compile(r"^Step 1 of 8 · "))
    expect(position).to_have_text(re.compile(r"^Step 8 of 8 · "), timeout=30_000)  # on its own, to the update
    expect(play).to_have_attribute("aria-pressed", "false")  # and there it stops
    expect(play).to_have_text("▷ Play")
    page.keyboard.press(" ")  # played out: Space plays it from the start again
    expect(position).to_have_text(re.compile(r"^Step 2 of 8 · "), timeout=30_000)
    page.keyboard.press(" ")  # pause
    expect(play).to_have_attribute("aria-pressed", "false")
    paused_at = position.text_content()
    page.wait_for_timeout(2_000)  # more than two steps' time
    assert position.text_content() == paused_at
    page.keyboard.press("PageDown")  # a clicker still steps
    expect(position).not_to_have_text(paused_at)
    play.click()  # and the button plays it too
    expect(play).to_have_attribute("aria-pressed", "true")
    play.click()
    page.reload()
    expect(page.get_by_label("Autoplay speed")).to_have_value("750")  # the speed outlasts a reload


def test_projector_mode_fits_a_1366x768_screen_at_every_step(browser, server_url, screenshot):
    """The sidebar folds away, every control is larger than on a screen, and at each step of the pass the whole graph
    and the step's first equation are on the screen together, without scrolling."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(server_url + "/")
        expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
        page.goto(server_url + "/Network_explorer?projector=1")
        expect(page.get_by_text(re.compile(r"Ready: 8 steps ahead"))).to_be_visible()
        expect(page.locator('[data-testid="stSidebar"]')).to_have_attribute("data-collapsed", "true")
        for name in ("Next ▶", "Apply update", "▷ Play"):
            size = page.get_by_role("button", name=name).evaluate("b => parseFloat(getComputedStyle(b).fontSize)")
            assert size >= 19, (name, size)  # 16 px on a screen
        for position in range(1, 9):
            page.keyboard.press("ArrowRight")
            expect(page.locator(".bp-position")).to_have_text(re.compile(rf"^Step {position} of 8 · "))
            page.wait_for_function("() => document.querySelector('.bp-steps .katex-display')")
            page.wait_for_timeout(300)  # the graph's fit runs in the frame after the step is drawn
            graph = page.locator(GRAPH).bounding_box()
            assert graph["height"] >= 280 and visible_share(graph, 768) == 1.0, (position, graph)
            first = page.locator(".bp-steps .katex-display").first.bounding_box()
            assert visible_share(first, 768) == 1.0, (position, first)
        page.screenshot(path=str(ROOT / "tests" / "screenshots" / "explorer-1366x768-projector-update.png"))
    finally:
        context.close()


def visible_share(box: dict, height: int) -> float:
    """How much of a bounding box is inside a viewport of this height (the page is not scrolled)."""
    return max(0.0, min(box["y"] + box["height"], height) - max(box["y"], 0)) / box["height"]


def one_screen(page, width: int, height: int, projector: bool = False):
    """What a class needs on one screen, without scrolling: at 1366×768 the graph (80 % of it) and the step's
    first equation; at 1920×1080 every equation of the step (in projector mode, where all is larger, the
    first); on a phone, the stepper and the graph."""
    graph = page.locator(GRAPH).bounding_box()
    equations = page.locator(".katex-display:visible")
    if width >= 1366:
        assert visible_share(graph, height) >= 0.8
        last = equations.count() - 1 if width >= 1920 and not projector else 0
        assert visible_share(equations.nth(last).bounding_box(), height) == 1.0
    else:
        assert page.get_by_role("button", name="Next ▶").is_visible() and graph["y"] < height - 150


@pytest.mark.parametrize("width, height, projector", [(1920, 1080, True), (1920, 1080, False), (1366, 768, True),
                                                      (1366, 768, False), (390, 844, False)])
def test_screens_a_class_uses(browser, server_url, width, height, projector):
    """Screenshots to look at; in projector mode the neurons' labels are at least 20 px on a 1080p projector, and 18 px
    on a 1366×768 one, where the graph shrinks to keep the step's first equation on the screen."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(server_url + "/")  # a fresh server can answer a first deep link with "Page not found"
        expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
        page.goto(server_url + "/Network_explorer" + ("?projector=1" if projector else ""))
        expect(page.get_by_text(re.compile(r"Ready: 8 steps ahead"))).to_be_visible()
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        expect(page.get_by_text(re.compile(r"^Step 5 of 8"))).to_be_visible()
        wait_for_run(page)
        expect(page.locator(".katex-error")).to_have_count(0)
        one_screen(page, width, height, projector)
        label = page.locator(GRAPH).locator(".scatterlayer .trace").last.locator("text").first
        size = float(label.evaluate("t => getComputedStyle(t).fontSize").removesuffix("px"))
        assert size >= (20 if height >= 1080 else 18) if projector else size < 20
        legend = page.locator(".bp-legend")
        expect(legend).to_contain_text("Neurons show deltas δ = ∂L/∂z; edges show gradients")
        expect(legend).to_contain_text("grey: not computed yet at this step")
        assert legend.evaluate("e => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= innerWidth")
        name = f"explorer-{width}x{height}{'-projector' if projector else ''}"
        page.screenshot(path=str(ROOT / "tests" / "screenshots" / f"{name}.png"))
    finally:
        context.close()
