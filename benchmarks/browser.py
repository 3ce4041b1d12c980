"""Click-to-settled latency in Chromium, the explorer against a bare one-button Streamlit app.

    python benchmarks/browser.py [--rounds 5] [--json results.json]

Timing happens inside the page, so the harness adds nothing: a capture-phase listener stamps the
click or key press, a MutationObserver installed before any page script stamps every DOM change
(Plotly's SVG included), and an action counts as settled 600 ms after the last change. The figure
reported is the last change minus the stamp; for Next, also the last change inside the graph, which
is when the learner sees the step (the position then syncs to the server in the background).
Cold load is navigation start to the last change.
"""
import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import free_port, start_server  # noqa: E402

OBSERVER = """
window.__last = performance.now(); window.__t0 = null; window.__graph = null;
const inGraph = (node) => { const el = node.nodeType === 1 ? node : node.parentElement;
                            return !!(el && el.closest && el.closest('.st-key-graph .js-plotly-plot')); };
new MutationObserver((mutations) => { const t = performance.now(); window.__last = t;
    if (mutations.some((m) => inGraph(m.target))) window.__graph = t; })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
for (const type of ['click', 'keydown'])
  document.addEventListener(type, () => { window.__t0 = performance.now(); }, true);
"""
QUIET_MS = 600


def settled(page, timeout: float = 30.0) -> float:
    """Wait until the DOM has been quiet for QUIET_MS; return ms from the stamped event to the last change."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        time.sleep(0.1)
        quiet = page.evaluate("performance.now() - window.__last")
        if quiet > QUIET_MS:
            return page.evaluate("window.__last - (window.__t0 ?? 0)")
    raise TimeoutError("the page never settled")


def timed(page, action, graph: list | None = None) -> float:
    """ms from the event to the last DOM change; with `graph`, also append ms to the graph's last change."""
    settled(page)
    page.evaluate("window.__t0 = null; window.__graph = null")
    action()
    elapsed = settled(page)
    if graph is not None:
        graph.append(page.evaluate("window.__graph === null ? NaN : window.__graph - window.__t0"))
    return elapsed


def launch(playwright):
    return playwright.chromium.launch(executable_path=shutil.which("chromium"), headless=True,
                                      args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                            "--disable-component-update", "--disable-sync", "--no-first-run"])


def cold_load(browser, url: str, ready: str) -> float:
    context, page = open_page(browser, url, ready)
    elapsed = settled(page)  # __t0 is null: measured from navigation start
    context.close()
    return elapsed


def open_page(browser, url: str, ready: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(OBSERVER)
    page = context.new_page()
    page.goto(url)
    page.get_by_text(ready).first.wait_for(timeout=30_000)
    return context, page


def pick_edge(page, attempts: int = 5) -> None:
    """Click the marker of x₂ → h¹₁; Plotly may be redrawing it, so try again once settled."""
    for _ in range(attempts):
        settled(page)
        try:
            page.locator(".js-plotly-plot").first.locator(".scatterlayer .trace").nth(-2) \
                .locator("path.point").nth(1).click(force=True, timeout=5_000)
            page.get_by_label("w: x₂ → h¹₁").wait_for(timeout=5_000)
            return
        except Exception:  # detached mid-redraw, or the click missed: look again
            continue
    raise RuntimeError("could not pick the edge x₂ → h¹₁")


def explorer_clicks(browser, base: str, rounds: int) -> dict[str, list[float]]:
    context, page = open_page(browser, base + "/", "Backprop Explorer")
    page.get_by_role("link", name="Network explorer").first.click()
    page.get_by_text("Ready: 8 steps ahead").wait_for()
    results = {"Next step": [], "Next step, graph redrawn": [], "weight edit": [], "Train 10 epochs": []}
    for _ in range(rounds):
        for _ in range(8):
            results["Next step"].append(timed(page, lambda: page.get_by_role("button", name="Next ▶").click(),
                                              results["Next step, graph redrawn"]))
        page.get_by_role("button", name="⟲ Reset").click()
    pick_edge(page)
    for k in range(rounds * 2):
        field = page.get_by_label("w: x₂ → h¹₁")
        field.fill(f"{0.5 + 0.01 * k:.2f}")
        results["weight edit"].append(timed(page, lambda: field.press("Enter")))
    epochs = page.get_by_label("Epochs")
    epochs.fill("10")
    epochs.press("Tab")
    settled(page)
    for _ in range(rounds):
        results["Train 10 epochs"].append(timed(page, lambda: page.get_by_role("button", name="Train", exact=True).click()))
    context.close()
    return results


def bare_clicks(browser, base: str, rounds: int) -> list[float]:
    context, page = open_page(browser, base + "/", "Clicked 0 times")
    times = [timed(page, lambda: page.get_by_role("button", name="Next ▶").click()) for _ in range(rounds * 8)]
    context.close()
    return times


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    app_port, bare_port = free_port(), free_port()
    servers = [start_server(ROOT / "app.py", app_port), start_server(ROOT / "benchmarks" / "bare_app.py", bare_port)]
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            app, bare = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{bare_port}"
            cold_load(browser, bare + "/", "Clicked 0 times")  # warm both servers' first run
            cold_load(browser, app + "/", "Backprop Explorer")
            rows = {"bare app: button click": bare_clicks(browser, bare, args.rounds)}
            rows.update({f"explorer: {k}": v for k, v in explorer_clicks(browser, app, args.rounds).items()})
            rows["bare app: cold load"] = [cold_load(browser, bare + "/", "Clicked 0 times") for _ in range(args.rounds)]
            rows["explorer: cold load"] = [cold_load(browser, app + "/Network_explorer", "Ready: 8 steps ahead")
                                           for _ in range(args.rounds)]
            browser.close()
    finally:
        for server in servers:
            server.terminate()
    medians = {name: statistics.median(values) for name, values in rows.items()}
    bare_click, bare_load = medians["bare app: button click"], medians["bare app: cold load"]
    print(f"{'measurement':<36} {'median':>9} {'vs bare':>8} {'n':>4}")
    for name, value in medians.items():
        baseline = bare_load if "cold load" in name else bare_click
        print(f"{name:<36} {value:>6.0f} ms {value / baseline:>7.2f}× {len(rows[name]):>4}")
    results = {"median_ms": medians, "samples_ms": rows}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return results


if __name__ == "__main__":
    main()
