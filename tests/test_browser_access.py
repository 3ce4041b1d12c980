"""Every page, and the explorer in the states a learner reaches, through axe-core in Chromium: no violation of WCAG
2.0 and 2.1, A and AA; and <html lang> says the language the page speaks. axe-core is pinned by ui/vendor.py (AXE)."""
import re

import numpy as np
import pytest
from playwright.sync_api import expect

from backprop import PRESETS, walkthrough
from helpers import numbers_in
from test_browser import open_explorer, wait_for_run
from ui.colours import BLUE, ORANGE, contrast, rgb
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
    graph = page.get_by_role("application", name=re.compile(r"^The network's graph"))
    expect(graph).to_have_attribute("aria-describedby", "bp-graph-legend bp-graph-keys")
    expect(page.locator("#bp-graph-legend")).to_contain_text("Neurons show")
    page.wait_for_function("() => window.__bp_stepper?.modules")
    for _ in range(7):
        page.get_by_role("button", name="Next ▶").click()
    expect(page.locator(".bp-steps[data-position='7'] .katex-display").first).to_be_visible()
    expect(page.locator(".bp-status[aria-live='polite'] .bp-position")).to_have_text(re.compile(r"^Step 7 of 8 · "))
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


# the element that has the keyboard's focus, through the stepper's shadow root: its tag, name and value
DEEP_FOCUS = "let e = document.activeElement; while (e?.shadowRoot?.activeElement) e = e.shadowRoot.activeElement;"
FOCUSED = """() => {
  """ + DEEP_FOCUS + """
  return {tag: e.tagName, name: e.getAttribute("aria-label") ?? e.textContent.trim(), value: e.value ?? null,
          graph: e.classList.contains("bp-graph")};
}"""


def focused(page) -> dict:
    return page.evaluate(FOCUSED)


def said_by_the_graph(page, text: str):
    """What the graph's live region says of the place under the keyboard's cursor."""
    expect(page.locator(".bp-said-graph[aria-live='polite']")).to_have_text(text)


def test_a_learner_steps_edits_applies_and_trains_from_the_keyboard_alone(page, server_url):
    """The issue's journey: → steps the pass; Tab reaches the graph after the stepper, the arrows move along its
    neurons and edges (said in a live region), Enter opens the weight's editor with the focus in it, the typed weight
    keeps the focus though the page run rebuilds its field, Escape returns to the graph; Apply update and Train keep
    the focus on themselves, and the stepper says the step, the loss and the run."""
    open_explorer(page, server_url, link={"preset": "seed"})
    page.wait_for_function("() => window.__bp_stepper?.modules")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    status = page.locator(".bp-status[aria-live='polite']")
    expect(status).to_contain_text("Step 3 of 8 · Forward 3 of 3")
    page.get_by_label("Autoplay speed").focus()  # the stepper's last control: Apply update, then autoplay
    page.keyboard.press("Tab")
    assert focused(page)["graph"]
    said_by_the_graph(page, "x₁ = 1 (input) (1 of 4)")
    expect(page.locator(".bp-cursor")).to_be_visible()
    expect(page.locator(".bp-keys")).to_be_visible()  # the keys, written over the legend while the graph has focus
    page.keyboard.press("ArrowDown")
    said_by_the_graph(page, "x₂ = 2 (input) (2 of 4)")
    page.keyboard.press("ArrowRight")  # along the first edge that leaves x₂
    said_by_the_graph(page, "w: x₂ → h¹₁, w = 0.8 (2 of 12)")
    page.keyboard.press("ArrowRight")  # to the neuron it enters
    expect(page.locator(".bp-said-graph")).to_have_text(re.compile(r"^h¹₁, b = 2, z = 4\.8, a = 4\.8 \(1 of 3\)$"))
    page.keyboard.press("ArrowLeft")  # back along the first edge into h¹₁
    said_by_the_graph(page, "w: x₁ → h¹₁, w = 0.2 (1 of 12)")
    assert focused(page)["graph"]
    expect(status).to_contain_text("Step 3 of 8")  # the arrows moved the cursor, not the stepper
    page.keyboard.press("Enter")
    page.wait_for_function("""() => {  // the weight's editor has the focus, its value selected: typing replaces it
      const e = document.activeElement;
      return e.getAttribute("aria-label") === "w: x₁ → h¹₁" && e.value === "0.2" && e.selectionStart === 0
        && e.selectionEnd === 3;
    }""")
    page.keyboard.type("0.7")
    page.keyboard.press("Enter")
    said = page.get_by_text("w: x₁ → h¹₁ set to 0.7.")
    expect(said).to_be_visible()
    wait_for_run(page)
    assert focused(page) == {"tag": "INPUT", "name": "w: x₁ → h¹₁", "value": "0.7", "graph": False}
    page.keyboard.press("Escape")
    assert focused(page)["graph"]
    said_by_the_graph(page, "w: x₁ → h¹₁, w = 0.7 (1 of 12)")
    for name in ("Autoplay speed", "▷ Play", "Apply update"):  # back through the stepper's side
        page.keyboard.press("Shift+Tab")
        assert focused(page)["name"] == name
    page.keyboard.press("Enter")
    expect(page.locator(".bp-update")).to_have_text(re.compile(r"^Update applied: loss "))
    expect(status).to_contain_text("Ready: 8 steps ahead")
    wait_for_run(page)
    assert focused(page)["name"] == "Apply update"
    page.get_by_role("button", name="Train", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator(".bp-update[aria-busy='true']")).to_have_text(re.compile(r"^Training… \d+%$"))  # heard once
    expect(page.get_by_role("status").filter(has_text=re.compile(r"^Trained 50 epochs: loss "))).to_be_visible()
    wait_for_run(page)
    assert focused(page)["name"] == "Train"
    expect(page.locator(".bp-status")).to_have_attribute("aria-busy", "false")  # the run's loss is heard as it ends


def test_the_graphs_numbers_are_in_tables_for_a_screen_reader(page, server_url):
    """Under the graph, a table per column of its neurons' numbers and of the weights into the next, at the step on
    show: the same numbers as the hover labels, which the core computed."""
    preset = PRESETS["seed"]()
    walk = walkthrough(preset.network, preset.inputs, preset.targets, preset.learning_rate)
    open_explorer(page, server_url, link={"preset": "seed"})
    page.wait_for_function("() => window.__bp_stepper?.modules")
    for _ in range(8):
        page.keyboard.press("ArrowRight")
    expect(page.locator(".bp-position")).to_have_text(re.compile(r"^Step 8 of 8 · "))
    page.get_by_text("The graph's numbers, as tables").click()
    tables = page.locator(".bp-tables table")
    expect(tables).to_have_count(7)  # the input's neurons, then for each layer its weights and its neurons
    hidden = tables.nth(2)
    expect(hidden.locator("caption")).to_have_text("Neurons: hidden 1 · identity")
    expect(hidden.locator("thead th")).to_have_text(["neuron", "b", "z", "a", "δ = ∂L/∂z", "∂L/∂b"])
    rows = hidden.locator("tbody tr")
    expect(rows).to_have_count(3)
    first = walk.forward.layers[0], walk.backward.layers[0]
    for i in range(3):
        cells = rows.nth(i).locator("td").all_inner_texts()
        expected = [preset.network.layers[0].biases[i], first[0].z[0, i], first[0].a[0, i], first[1].delta[0, i],
                    first[1].grad_biases[i]]
        assert np.allclose([numbers_in(cell)[0] for cell in cells], expected, rtol=1e-5), (cells, expected)
    weights = tables.nth(1)
    expect(weights.locator("caption")).to_have_text("Weights into hidden 1 · identity")
    expect(weights.locator("tbody tr")).to_have_count(12)
    expect(weights.locator("tbody tr").nth(1).locator("th")).to_have_text("w: x₂ → h¹₁")
    cells = weights.locator("tbody tr").nth(1).locator("td").all_inner_texts()
    assert np.allclose([numbers_in(cell)[0] for cell in cells],
                       [0.8, first[1].grad_weights[0, 1], -preset.learning_rate * first[1].grad_weights[0, 1]], rtol=1e-5)
    page.keyboard.press("Home")  # the start: the tables follow the step, nothing computed yet past the input
    expect(hidden.locator("thead th")).to_have_text(["neuron", "b"])
    assert violations(page) == []


def outline_of(page) -> dict | None:
    """The ring round the focused control (its own outline, or its field's: a box that rings what it holds), and the
    colour it is drawn on: the backgrounds behind it, the translucent ones laid over the first opaque one."""
    return page.evaluate("() => {" + DEEP_FOCUS + r"""
      for (let k = 0; e && k < 6; k += 1, e = e.parentElement ?? e.getRootNode().host) {
        const style = getComputedStyle(e);
        const box = e.getBoundingClientRect();
        if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2 || box.width < 8 || box.height < 8) continue;
        const layers = [];
        for (let back = e.parentElement ?? e.getRootNode().host; back; back = back.parentElement) {
          const [r, g, b, a = 1] = getComputedStyle(back).backgroundColor.match(/[\d.]+/g).map(Number);
          if (a > 0) layers.push([r, g, b, a]);
          if (a === 1) break;
        }
        let colour = [255, 255, 255];
        for (const [r, g, b, a] of layers.reverse()) colour = [r, g, b].map((c, k) => c * a + colour[k] * (1 - a));
        return {outline: style.outlineColor, width: parseFloat(style.outlineWidth), background: `rgb(${colour.join(",")})`};
      }
      return null;
    }""")


def channels_of(css: str) -> tuple[int, ...]:
    return tuple(int(round(float(c))) for c in re.findall(r"[\d.]+", css)[:3])


def test_every_control_reached_by_tab_shows_its_focus_at_3_to_1(page, server_url):
    """WCAG 2.4.7 and 1.4.11: from the top of the explorer, each of the first 44 stops of Tab is ringed, 2 px or more,
    at 3:1 or more against what it sits on (Streamlit's own ring is a half-transparent shadow of about 2:1)."""
    open_explorer(page, server_url)
    page.wait_for_function("() => window.__bp_stepper?.modules")  # the page at rest: nothing rebuilds under the focus
    wait_for_run(page)
    page.evaluate("() => { document.body.tabIndex = -1; document.body.focus(); document.body.removeAttribute('tabindex'); }")
    seen = []
    for _ in range(44):
        page.keyboard.press("Tab")
        ring, where = outline_of(page), focused(page)
        assert ring is not None, where
        assert contrast(channels_of(ring["outline"]), channels_of(ring["background"])) >= 3, (where, ring)
        seen.append(where["name"])
    assert {"Load preset", "Next ▶", "Apply update", "▷ Play", "Learning rate η"} <= set(seen)  # sidebar, stepper
    assert any(name.startswith("The network's graph") for name in seen) and channels_of(ring["outline"]) == rgb(BLUE)


# every text on screen cut short with an ellipsis
CUT = """() => [...document.querySelectorAll("body *")].filter((e) => {
    const box = e.getBoundingClientRect();  // on screen: a collapsed sidebar sits off it
    return box.width && box.right > 0 && box.left < innerWidth && e.textContent.trim()
      && getComputedStyle(e).textOverflow === "ellipsis" && e.scrollWidth > e.clientWidth + 1;
  })
  .map((e) => `${e.closest("[data-testid]")?.dataset.testid}: ${e.textContent.slice(0, 60)}`)"""


@pytest.mark.parametrize("width, height, scale", [(1280, 800, 1), (640, 400, 2)], ids=["1280px", "zoom200"])
def test_nothing_is_cut_at_1280_px_or_at_200_percent_zoom(browser, server_url, width, height, scale):
    """WCAG 1.4.4 and 1.4.10: at 1280 px, and at 200 % zoom of a 1280×800 screen (a 640×400 page at twice the pixels),
    no page cuts a text to an ellipsis (the Playground's "Test loss" was "0.6…") or scrolls sideways."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
    page = context.new_page()
    page.set_default_timeout(60_000)
    page.goto(server_url + "/")
    expect(page.get_by_role("heading", name="Backprop Explorer")).to_be_visible()
    for path, heading in [("/", "Backprop Explorer"), ("/Matrix_product", "The backward rule of a matrix product"),
                          ("/Softmax", "Softmax and its Jacobian"), ("/Digits", "A softmax classifier on handwritten digits"),
                          ("/Playground", "Playground")]:
        page.goto(server_url + path)
        expect(page.get_by_role("heading", name=heading)).to_be_attached()
        if path != "/":
            expect(page.locator(".js-plotly-plot .main-svg").first).to_be_attached()
        wait_for_run(page)
        assert page.evaluate(CUT) == [], path
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth"), path
    open_explorer(page, server_url, link={"preset": "seed"})
    page.wait_for_function("() => window.__bp_stepper?.modules")
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    expect(page.locator(".bp-steps[data-position='5'] .katex-display").first).to_be_attached()
    assert page.evaluate(CUT) == [] and page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    context.close()


# the graph's edges as drawn: each line's colour and dash pattern
EDGE_STROKES = """() => [...document.querySelectorAll(".st-key-graph .scatterlayer .trace .js-line")]
  .map((line) => [line.style.stroke, line.style.strokeDasharray || ""])"""


@pytest.mark.parametrize("deficiency", ["deuteranopia", "protanopia", "tritanopia", "achromatopsia"])
def test_sign_and_class_do_not_rest_on_colour_under_each_vision_deficiency(page, server_url, screenshot, deficiency):
    """Chromium's emulation of each colour-vision deficiency (the screenshots are for a person to look at): a negative
    edge is dashed and a positive one solid, and the Playground's classes are a circle and a square, whatever the eye
    makes of blue and orange."""
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setEmulatedVisionDeficiency", {"type": deficiency})
    open_explorer(page, server_url, link={"preset": "seed"})
    strokes = page.evaluate(EDGE_STROKES)
    orange, blue = "rgb({}, {}, {})".format(*rgb(ORANGE)), "rgb({}, {}, {})".format(*rgb(BLUE))
    assert {colour for colour, _ in strokes} == {orange, blue}
    assert all((dash != "") == (colour == orange) for colour, dash in strokes), strokes
    page.locator(".st-key-graph").screenshot(path=str(screenshot.folder / f"vision-{deficiency}-graph.png"))
    page.get_by_role("link", name="Playground").first.click()
    legend = page.locator(".st-key-pg_boundary .legend .traces")
    expect(legend).to_have_count(4)
    shapes = [legend.nth(k).locator(".legendpoints path").first.get_attribute("d") for k in (0, 2)]
    assert shapes[0] != shapes[1] and shapes[0].count("A") and not shapes[1].count("A")  # an arc, then straight sides
    page.locator(".st-key-pg_boundary").screenshot(path=str(screenshot.folder / f"vision-{deficiency}-playground.png"))
