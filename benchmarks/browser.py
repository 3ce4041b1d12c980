"""Click-to-settled latency in Chromium, the explorer against bare Streamlit apps, all in one run.

    python benchmarks/browser.py [--rounds 5] [--json results.json]

Timing happens inside the page, so the harness adds nothing: a capture-phase listener stamps the click or key
press, a MutationObserver installed before any page script stamps every DOM change (Plotly's SVG included, and
inside the stepper's shadow root), and an action counts as settled once Streamlit says its run is over, the
DOM changed after the stamp, and then stayed quiet for 600 ms. The figure reported is the last change minus
the stamp; for Next, also the last change inside the graph, which is when the learner sees the step (the
position then syncs to the server in the background), and for a weight edit and Apply update, which the page
computes itself, the first animation frame after the graph changed (the server then takes them in the background). Cold load is navigation start to the last change, in a
fresh browser context (empty cache), interleaved, the floors being a bare one-button app, the same with one small
Plotly chart, and the floor app: the bare app with the explorer's graph and one equation, drawn with the pinned Plotly
and KaTeX by the app's own components. The explorer is measured again at its architecture cap (opened by a link), and a second learner's
weight edit while a first one trains a long job on the same server: with the first learner's page in the same
Chromium, and with it spoken to over the websocket, drawn nowhere, as when each learner's page is drawn on
their own machine.
"""
import argparse
import json
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
from conftest import free_port, start_server  # noqa: E402

OBSERVER = """
window.__last = performance.now(); window.__t0 = null; window.__graph = null; window.__frame = null;
const inGraph = (node) => { const el = node.nodeType === 1 ? node : node.parentElement;
                            return !!(el && el.closest && el.closest('.st-key-graph .js-plotly-plot')); };
const observer = new MutationObserver((mutations) => { const t = performance.now(); window.__last = t;
    if (!mutations.some((m) => inGraph(m.target))) return;
    window.__graph = t;
    if (window.__t0 !== null && window.__frame === null) {  // the first frame painted with the graph changed
      window.__frame = -1; requestAnimationFrame(() => { window.__frame = performance.now(); }); } });
const watch = (root) => observer.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
watch(document);
// a component with its own styles (the stepper) draws in a shadow root, which the document's observer cannot see
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (options) {
  const root = attach.call(this, options); watch(root); return root; };
for (const type of ['click', 'keydown'])
  document.addEventListener(type, () => { window.__t0 = performance.now(); }, true);
"""
QUIET_MS = 600


SETTLED = """() => {
  const idle = document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]');
  const answered = window.__t0 === null || window.__last > window.__t0;
  return idle && answered && performance.now() - window.__last > %d ? window.__last - (window.__t0 ?? 0) : null;
}""" % QUIET_MS


def settled(page, timeout: float = 120.0) -> float:
    """Wait until Streamlit's run is over and the DOM, changed since the stamp, has been quiet for
    QUIET_MS; return ms from the stamped event to the last change. (Quiet alone is not enough: on a
    busy machine the page can be quiet before the server answers, which gave negative times.)"""
    deadline = time.time() + timeout
    while time.time() < deadline:
        time.sleep(0.1)
        if (elapsed := page.evaluate(SETTLED)) is not None:
            return elapsed
    raise TimeoutError("the page never settled")


def timed(page, action, graph: list | None = None, frame: list | None = None) -> float:
    """ms from the event to the last DOM change; with `graph`, also append ms to the graph's last change, and
    with `frame`, ms to the first animation frame after the graph changed (what the learner sees first)."""
    settled(page)
    page.evaluate("window.__t0 = null; window.__graph = null; window.__frame = null")
    action()
    elapsed = settled(page)
    if graph is not None:
        graph.append(page.evaluate("window.__graph === null ? NaN : window.__graph - window.__t0"))
    if frame is not None:
        frame.append(page.evaluate("window.__frame === null || window.__frame < 0 ? NaN : window.__frame - window.__t0"))
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
            page.locator(".st-key-graph .js-plotly-plot").locator(".scatterlayer .trace").nth(-2) \
                .locator("path.point").nth(1).click(force=True, timeout=5_000)
            page.get_by_label("w: x₂ → h¹₁", exact=True).wait_for(timeout=5_000)
            return
        except Exception:  # detached mid-redraw, or the click missed: look again
            continue
    raise RuntimeError("could not pick the edge x₂ → h¹₁")


def open_explorer(browser, base: str, query: str = ""):
    """Home first (a fresh server can answer a first deep link with "Page not found"), then the explorer."""
    context, page = open_page(browser, base + "/", "Backprop Explorer")
    page.goto(base + "/Network_explorer" + query)
    page.get_by_text(re.compile(r"Ready: \d+ steps ahead")).wait_for(timeout=60_000)
    return context, page


def step_and_edit(page, rounds: int, results: dict, steps: int, prefix: str = "") -> None:
    for _ in range(rounds):
        for _ in range(steps):
            results[prefix + "Next step"].append(timed(page, lambda: page.get_by_role("button", name="Next ▶").click(),
                                                       results[prefix + "Next step, graph redrawn"],
                                                       results[prefix + "Next step, next frame redrawn"]))
        page.get_by_role("button", name="⟲ Reset").click()
    pick_edge(page)
    page.wait_for_function("() => window.__bp_stepper?.modules")  # the page loads its engine while the learner reads
    for k in range(rounds * 2):
        field = page.get_by_label("w: x₂ → h¹₁", exact=True)
        field.fill(f"{0.5 + 0.01 * k:.2f}")
        results[prefix + "weight edit"].append(timed(page, lambda: field.press("Enter"),
                                                     frame=results[prefix + "weight edit, next frame redrawn"]))


def explorer_clicks(browser, base: str, rounds: int) -> dict[str, list[float]]:
    context, page = open_explorer(browser, base)
    results = {"Next step": [], "Next step, graph redrawn": [], "Next step, next frame redrawn": [], "weight edit": [],
               "weight edit, next frame redrawn": [],
               "Apply update": [], "Apply update, next frame redrawn": [], "Train 10 epochs": []}
    step_and_edit(page, rounds, results, 8)
    page.wait_for_function("() => window.__bp_stepper?.modules")  # the page loads its engine while the learner reads
    for _ in range(rounds):
        results["Apply update"].append(timed(page, lambda: page.get_by_role("button", name="Apply update").click(),
                                             frame=results["Apply update, next frame redrawn"]))
    epochs = page.get_by_label("Epochs", exact=True)
    epochs.fill("10")
    epochs.press("Enter")
    settled(page)
    for _ in range(rounds):
        results["Train 10 epochs"].append(timed(page, lambda: page.get_by_role("button", name="Train", exact=True).click()))
    results.update(played_runs(page, rounds))
    context.close()
    return results


def played_runs(page, rounds: int) -> dict[str, list[float]]:
    """Runs the page trains itself, read from what it records of each (window.__bp_stepper.last_run): the time per
    redraw of a 50-epoch run (one epoch a frame), and per 1,000 epochs of a 5,000-epoch run (about 60 frames)."""
    out = {"Train 50 epochs in the page: per redraw": [], "Train 5,000 epochs in the page: per 1,000 epochs": []}
    for epochs, name, per in ((50, "Train 50 epochs in the page: per redraw", None),
                              (5000, "Train 5,000 epochs in the page: per 1,000 epochs", 1000)):
        field = page.get_by_label("Epochs", exact=True)
        field.fill(str(epochs))
        field.press("Enter")
        for _ in range(rounds):
            settled(page)
            page.evaluate("() => { window.__bp_stepper.last_run = null; }")
            page.get_by_role("button", name="Train", exact=True).click()
            page.wait_for_function("() => window.__bp_stepper.last_run", timeout=60_000)
            run = page.evaluate("() => window.__bp_stepper.last_run")
            out[name].append(run["ms"] / run["frames"] if per is None else run["ms"] * per / run["epochs"])
    return out


def quiz_checks(browser, base: str) -> dict[str, list[float]]:
    """A quiz pass (a teacher's link) answered right, question by question: Enter in the prediction to the settled
    page, and to the first frame with the graph changed (the ring moves on to the next question's number)."""
    from ui.explorer.link import state_from_link
    link = {"quiz": "1", "draw": "7"}
    questions = list(state_from_link(dict(link)).questions.values())
    context, page = open_explorer(browser, base, "?" + "&".join(f"{k}={v}" for k, v in link.items()))
    page.wait_for_function("() => window.__bp_stepper?.modules && window.__bp_stepper.katex")
    results = {"quiz: Check": [], "quiz: Check, next frame redrawn": []}
    field = page.get_by_label("Your prediction", exact=True)
    for question in questions[:-1]:  # the last one's answer changes nothing on the graph's first position
        field.fill(f"{question.expected:.4f}")
        results["quiz: Check"].append(timed(page, lambda: field.press("Enter"),
                                            frame=results["quiz: Check, next frame redrawn"]))
    context.close()
    return results


CAP = "?sizes=" + "-".join(["12"] * 8) + "&act=" + ".".join(["tanh"] * 7)  # 6 hidden layers of 12, 12 in, 12 out


def cap_clicks(browser, base: str, rounds: int) -> dict[str, list[float]]:
    """The explorer at its architecture cap: 6 hidden layers of 12 neurons, 12 inputs and outputs."""
    context, page = open_explorer(browser, base, CAP)
    results = {"cap: Next step": [], "cap: Next step, graph redrawn": [], "cap: Next step, next frame redrawn": [],
               "cap: weight edit": [], "cap: weight edit, next frame redrawn": []}
    step_and_edit(page, max(1, rounds // 2), results, 16, prefix="cap: ")
    context.close()
    return results


# a long job: 64 samples at batch 1 for 5,000 epochs on the 4-3-3-1 network
LONG_JOB = ("?x=" + "_".join(["1", "2", "3", "2.5"] * 64) + "&y=" + "_".join(["0.5"] * 64) + "&batch=1")


def second_learner_edits(second, rounds: int, still_running) -> list[float]:
    """The second learner's weight edits (x₂ → h¹₁ already picked) while the first learner's job runs."""
    times = []
    for k in range(rounds * 2):
        field = second.get_by_label("w: x₂ → h¹₁", exact=True)
        field.fill(f"{0.3 + 0.01 * k:.2f}")
        times.append(timed(second, lambda: field.press("Enter")))
    if not still_running():
        raise RuntimeError("the long job ended before the second learner's edits did: make it longer")
    return times


def edits_during_a_long_job(browser, base: str, rounds: int) -> list[float]:
    """A second learner's weight edits while a first learner's long Train runs on the same server."""
    first_context, first = open_explorer(browser, base, LONG_JOB)
    epochs = first.get_by_label("Epochs", exact=True)
    epochs.fill("5000")
    epochs.press("Enter")
    settled(first)
    second_context, second = open_explorer(browser, base)
    pick_edge(second)
    first.get_by_role("button", name="Train", exact=True).click()
    stop = first.get_by_role("button", name="Stop training")
    stop.wait_for(timeout=60_000)  # the long job is running
    try:
        return second_learner_edits(second, rounds, stop.is_visible)
    finally:
        stop.click()
        second_context.close()
        first_context.close()


def edits_during_a_headless_long_job(browser, base: str, rounds: int) -> list[float]:
    """The same, but the first learner's page is spoken to over Streamlit's websocket, with no browser: in a class,
    each learner's page is drawn on their own machine, so this leaves the server's share of the slowdown alone."""
    import contextlib
    import threading

    from classroom import Learner
    from websockets.exceptions import ConnectionClosed
    first = Learner(base.replace("http://", "ws://") + "/_stcore/stream")
    first.rerun(query=LONG_JOB.removeprefix("?"))
    # a browser sends every widget's value with each run: the epochs typed, then the click
    epochs = [{"id": first.widget("text_input", "Epochs").id, "string_value": "5000"},
              {"id": first.widget("text_input", "Batch size (0 = all samples)").id, "string_value": "1"}]
    first.rerun(epochs)
    second_context, second = open_explorer(browser, base)
    pick_edge(second)
    train = epochs + [{"id": first.widget("button", "Train").id, "trigger_value": True}]

    def long_job():
        with contextlib.suppress(ConnectionClosed):  # closed below, while the job still runs
            first.rerun(train)

    job = threading.Thread(target=long_job, daemon=True)
    job.start()  # the thread's run returns when the job is over
    time.sleep(3)  # the job's first chunks are running
    try:
        return second_learner_edits(second, rounds, job.is_alive)
    finally:
        second_context.close()
        first.close()  # the server stops the job with the session


def softmax_edits(browser, base: str, rounds: int) -> list[float]:
    """A new set of logits on the Softmax page, which redraws its four charts (the bars and three Jacobians)."""
    context, page = open_page(browser, base + "/", "Backprop Explorer")
    page.goto(base + "/Softmax")
    field = page.get_by_label(re.compile("Logits z"))  # a locator: found again at each use, after each run
    field.wait_for(timeout=60_000)
    times = []
    for k in range(rounds * 2):
        field.fill(f"2, 1, {0.1 * k:.1f}")
        times.append(timed(page, lambda: field.press("Enter")))
    context.close()
    return times


def bare_clicks(browser, base: str, rounds: int) -> list[float]:
    context, page = open_page(browser, base + "/", "Clicked 0 times")
    settled(page)
    times = [timed(page, lambda: page.get_by_role("button", name="Next ▶").click()) for _ in range(rounds * 8)]
    context.close()
    return times


def results(rows: dict[str, list[float]], medians: dict[str, float], path: str | None) -> dict:
    """Every sample and the medians, written to `path` as JSON when one is given."""
    out = {"median_ms": medians, "samples_ms": rows}
    if path:
        Path(path).write_text(json.dumps(out, indent=1))
    return out


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    ports = [free_port() for _ in range(4)]
    servers = [start_server(ROOT / script, port, extra=("--server.enableStaticServing", "true")) for script, port in
               zip(("app.py", "benchmarks/bare_app.py", "benchmarks/plotly_app.py", "benchmarks/floor_app.py"), ports)]
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            app, bare, plotly, floor = (f"http://127.0.0.1:{port}" for port in ports)
            cold_load(browser, bare + "/", "Clicked 0 times")  # warm the servers' first runs
            cold_load(browser, plotly + "/", "Clicked 0 times")
            cold_load(browser, floor + "/", "Clicked 0 times")
            open_explorer(browser, app)[0].close()
            rows = {"bare app: button click": bare_clicks(browser, bare, args.rounds)}
            rows.update({f"explorer: {k}": v for k, v in explorer_clicks(browser, app, args.rounds).items()})
            rows.update({f"explorer: {k}": v for k, v in cap_clicks(browser, app, args.rounds).items()})
            rows.update({f"explorer: {k}": v for k, v in quiz_checks(browser, app).items()})
            rows["Softmax page: new logits"] = softmax_edits(browser, app, args.rounds)
            rows["explorer: weight edit while another learner trains"] = edits_during_a_long_job(browser, app,
                                                                                                 args.rounds)
            rows["explorer: the same, the first learner's page drawn elsewhere"] = edits_during_a_headless_long_job(
                browser, app, args.rounds)
            loads = {"bare app: cold load": bare + "/", "Plotly app: cold load": plotly + "/",
                     "floor app (the graph and an equation): cold load": floor + "/",
                     "explorer: cold load": app + "/Network_explorer"}
            for name in loads:
                rows[name] = []
            for _ in range(args.rounds):  # interleaved, so a slow moment of the host falls on all alike
                for name, url in loads.items():
                    ready = "Ready: 8 steps ahead" if name.startswith("explorer") else "Clicked 0 times"
                    rows[name].append(cold_load(browser, url, ready))
            browser.close()
    finally:
        for server in servers:
            server.terminate()
    medians = {name: statistics.median(values) for name, values in rows.items()}
    bare_click, plotly_load = medians["bare app: button click"], medians["Plotly app: cold load"]
    print(f"{'measurement':<52} {'median':>9} {'ratio':>8} {'to':>7} {'n':>4}")
    for name, value in medians.items():
        baseline, floor = (plotly_load, "Plotly") if "cold load" in name else (bare_click, "click")
        print(f"{name:<52} {value:>6.0f} ms {value / baseline:>7.2f}× {floor:>7} {len(rows[name]):>4}")
    return results(rows, medians, args.json)


if __name__ == "__main__":
    main()
