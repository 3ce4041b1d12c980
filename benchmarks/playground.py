"""How often the playground redraws while it plays, in Chromium.

    python benchmarks/playground.py [--seconds 10] [--json results.json]

For each dataset it opens the playground, presses Play and, inside the page, counts on every
animation frame how many distinct values the Epoch figure shows: each one is a redraw of the
boundary that reached the screen. Reported: redraws per second and epochs trained per second,
after a warm-up play that is not reported.
XOR opens with the issue's reference network, 2-8-8-1 on 500 points.
"""
import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from browser import launch  # noqa: E402
from conftest import free_port, start_server  # noqa: E402

LABELS = {"xor": "XOR", "circle": "Circle", "spiral": "Spiral (2 classes)", "spiral3": "Spiral (3 classes)"}
COUNT = """() => { window.__epochs = []; const metric = () => document.querySelector("[data-testid='stMetricValue']");
  const tick = () => { const m = metric(); const v = m && Number(m.textContent);
    if (m && v !== window.__epochs[window.__epochs.length - 1]) window.__epochs.push(v);
    window.__counting = requestAnimationFrame(tick); }; tick(); }"""


def play(browser, base: str, dataset: str, seconds: float) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(base + "/")  # a fresh server can answer a first deep link with "Page not found"
    page.get_by_text("Start here").wait_for(timeout=60_000)
    page.get_by_role("link", name=re.compile("Playground")).first.click()
    page.locator(".st-key-pg_boundary .js-plotly-plot").wait_for(timeout=60_000)
    page.get_by_label("Dataset", exact=True).click()
    page.get_by_role("option", name=LABELS[dataset], exact=True).click()
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(state="attached")
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="Play").click()
    page.locator("[data-testid='stImage'] img").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)  # past the first runs
    page.evaluate(COUNT)
    page.wait_for_timeout(seconds * 1000)
    epochs = page.evaluate("() => { cancelAnimationFrame(window.__counting); return window.__epochs; }")
    page.get_by_test_id("stBaseButton-primary").click()  # Pause
    context.close()
    return {"dataset": dataset, "redraws_per_second": (len(epochs) - 1) / seconds,
            "epochs_per_second": (epochs[-1] - epochs[0]) / seconds}


def main(argv=None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    port = free_port()
    server = start_server(ROOT / "app.py", port)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            play(browser, f"http://127.0.0.1:{port}", "xor", 3)  # a warm-up: the server's and Chromium's first page
            results = [play(browser, f"http://127.0.0.1:{port}", name, args.seconds) for name in LABELS]
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{'dataset':<12}{'redraws/s':>11}{'epochs/s':>10}")
    for r in results:
        print(f"{r['dataset']:<12}{r['redraws_per_second']:>11.1f}{r['epochs_per_second']:>10.0f}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return results


if __name__ == "__main__":
    main()
