"""How long the explorer's graph takes to go from one position's figure to the next, drawn three ways, in Chromium.

    python benchmarks/renderers.py [--json results.json]

The explorer is opened at the seed network, a deep preset and its architecture cap. In the page, each position's
figure (the ones the graph's component holds) is drawn in turn, twice over, by:
- Plotly.react, as the explorer does (each figure a fresh copy, as after JSON.parse);
- an SVG of our own: the same lines and circles, created once and their attributes updated in place;
- a canvas of our own: everything painted again.
Each time runs from the call to the next animation frame after it, so paint is counted. The SVG and canvas drawers
are throwaway: no hover, no click, no titles. They measure what a renderer of our own could reach, and are no
more than that.
"""
import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from browser import CAP, launch, open_explorer, results, settled  # noqa: E402
from conftest import free_port, start_server  # noqa: E402

NETWORKS = {"seed 4-3-3-1": "", "deep preset 2-8-8-8-8-1": "?preset=deep_relu", "cap 12-(12 × 6)-12": CAP}

# every drawer gets the figures and returns one time per redraw after the first
SETUP = r"""
const frame = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
const each = (v, i) => Array.isArray(v) ? v[i] : v;
const figures = window.__bp_stepper.graph.figures.filter(Boolean);
const W = 1000, H = figures[0].layout.height, xr = figures[0].layout.xaxis.range, yr = figures[0].layout.yaxis.range;
const px = (x) => (x - xr[0]) / (xr[1] - xr[0]) * W, py = (y) => H - (y - yr[0]) / (yr[1] - yr[0]) * H;
const segments = (t, visit) => { for (let k = 0; k + 1 < t.x.length; k += 3) visit(t.x[k], t.y[k], t.x[k + 1], t.y[k + 1]); };
async function timed(draw) {
  const host = document.createElement("div");
  document.body.appendChild(host);
  const drawer = draw(host), times = [];
  await drawer(figures[0]);
  await frame();
  for (let round = 0; round < 2; round++) for (const figure of figures.slice(1)) {
    const start = performance.now();
    await drawer(figure);
    await frame();
    times.push(performance.now() - start);
  }
  host.remove();
  return times;
}
"""

PLOTLY = SETUP + r"""
return timed((host) => (figure) => {
  const copy = JSON.parse(JSON.stringify(figure));
  return window.Plotly.react(host, copy.data, copy.layout, {displayModeBar: false});
});
"""

SVG = SETUP + r"""
const NS = "http://www.w3.org/2000/svg";
return timed((host) => {
  const svg = document.createElementNS(NS, "svg"), lines = new Map(), dots = {}, texts = [];
  svg.setAttribute("width", W); svg.setAttribute("height", H); host.appendChild(svg);
  const made = (tag, attributes) => { const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v); svg.appendChild(e); return e; };
  return (figure) => { for (const t of figure.data) {
    if (t.mode === "lines") segments(t, (x1, y1, x2, y2) => {
      const id = [x1, y1, x2, y2].join();
      const line = lines.get(id) || lines.set(id, made("line", {x1: px(x1), y1: py(y1), x2: px(x2), y2: py(y2)})).get(id);
      line.setAttribute("stroke", t.line.color); line.setAttribute("stroke-width", t.line.width);
      line.setAttribute("opacity", t.opacity);
    });
    else t.x.forEach((x, i) => {
      const list = dots[t.name] || (dots[t.name] = []);
      const dot = list[i] || (list[i] = made("circle", {cx: px(x), cy: py(t.y[i])}));
      dot.setAttribute("r", each(t.marker.size, i) / 2); dot.setAttribute("fill", each(t.marker.color, i));
      dot.setAttribute("stroke", each(t.marker.line.color, i));
      if (t.text) (texts[i] || (texts[i] = made("text", {x: px(x), y: py(t.y[i])}))).textContent = t.text[i];
    });
  } };
});
"""

CANVAS = SETUP + r"""
return timed((host) => {
  const canvas = document.createElement("canvas"), ratio = devicePixelRatio;
  canvas.width = W * ratio; canvas.height = H * ratio; canvas.style.width = W + "px"; host.appendChild(canvas);
  const c = canvas.getContext("2d");
  c.scale(ratio, ratio);
  return (figure) => {
    c.clearRect(0, 0, W, H);
    for (const t of figure.data) {
      if (t.mode === "lines") {
        Object.assign(c, {strokeStyle: t.line.color, lineWidth: t.line.width, globalAlpha: t.opacity});
        c.beginPath();
        segments(t, (x1, y1, x2, y2) => { c.moveTo(px(x1), py(y1)); c.lineTo(px(x2), py(y2)); });
        c.stroke();
        c.globalAlpha = 1;
      } else t.x.forEach((x, i) => {
        c.beginPath();
        c.arc(px(x), py(t.y[i]), each(t.marker.size, i) / 2, 0, 2 * Math.PI);
        Object.assign(c, {fillStyle: each(t.marker.color, i), strokeStyle: each(t.marker.line.color, i), lineWidth: 1});
        c.fill(); c.stroke();
        if (t.text) Object.assign(c, {fillStyle: "#111", font: "13px sans-serif", textAlign: "center"})
          .fillText(t.text[i], px(x), py(t.y[i]));
      });
    }
  };
});
"""

DRAWERS = {"Plotly.react": PLOTLY, "SVG of our own": SVG, "canvas of our own": CANVAS}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    port = free_port()
    server = start_server(ROOT / "app.py", port)
    base, rows = f"http://127.0.0.1:{port}", {}
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            open_explorer(browser, base)[0].close()  # the server's first runs
            for network, query in NETWORKS.items():
                context, page = open_explorer(browser, base, query)
                page.wait_for_function("() => window.__bp_stepper?.modules")
                for _ in range(16):  # through the whole pass: the page computes each position's figure as it comes
                    page.keyboard.press("ArrowRight")
                settled(page)
                for drawer, body in DRAWERS.items():
                    rows[f"{network}: {drawer}"] = page.evaluate(f"async () => {{ {body} }}")
                context.close()
            browser.close()
    finally:
        server.terminate()
    medians = {name: statistics.median(times) for name, times in rows.items()}
    print(f"{'network: drawn by':<48} {'median':>9} {'max':>8} {'n':>4}")
    for name, times in rows.items():
        print(f"{name:<48} {medians[name]:>6.0f} ms {max(times):>5.0f} ms {len(times):>4}")
    return results(rows, medians, args.json)


if __name__ == "__main__":
    main()
