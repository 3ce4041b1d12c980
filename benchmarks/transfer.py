"""What a first visit costs on the wire: requests and bytes of a cold load, through deploy/nginx.conf on loopback.

    python benchmarks/transfer.py [--rounds 3] [--json results.json]

Each page is opened in a fresh Chromium context (empty cache) through nginx, waited for until it shows its ready
text and the DOM stays quiet, then closed, so the websocket ends and nginx logs it. nginx's access log gives every
request's bytes as sent ($bytes_sent: headers and body, after compression), the websocket included. Three ways to
serve: nginx without compression (what Streamlit sends, as a proxy passes it on), nginx with the config's gzip, and
the same with Streamlit's websocket compression (server.enableWebsocketCompression) on as well.
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from browser import launch, open_page, settled  # noqa: E402
from conftest import free_port, start_server  # noqa: E402
from nginx_loopback import nginx_config  # noqa: E402

LOG_FORMAT = "log_format wire '$request_method $uri $status $bytes_sent';"
PAGES = {"bare app": ("benchmarks/bare_app.py", "/", "Clicked 0 times"),
         "floor app (the graph and an equation)": ("benchmarks/floor_app.py", "/", "Clicked 0 times"),
         "explorer": ("app.py", "/Network_explorer", "Ready: 8 steps ahead")}
STATIC = ["--server.enableStaticServing", "true"]  # the floor app's pinned Plotly and KaTeX (app.py's config has it)


def start_nginx(folder: Path, upstream: int, gzip: bool) -> tuple[subprocess.Popen, int, Path]:
    """deploy/nginx.conf on loopback in front of one server, logging each request's bytes; gzip off if asked."""
    folder.mkdir(parents=True, exist_ok=True)
    port, log = free_port(), folder / "wire.log"
    config = nginx_config((ROOT / "deploy" / "nginx.conf").read_text(), port, [upstream], folder)
    config = config.replace("    access_log off;", f"    {LOG_FORMAT}\n    access_log {log} wire;")
    if not gzip:
        config = config.replace("gzip on;", "gzip off;")
    (folder / "nginx.conf").write_text(config)
    process = subprocess.Popen(["nginx", "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"])
    time.sleep(0.5)
    return process, port, log


def wire(log: Path, after: int) -> tuple[int, int]:
    """(requests, bytes sent) in the access log past its first `after` lines."""
    lines = log.read_text().splitlines()[after:]
    return len(lines), sum(int(line.split()[-1]) for line in lines)


def cold_loads(browser, url: str, ready: str, log: Path, rounds: int) -> list[dict]:
    """Each round a fresh context opens `url`, waits for `ready` and a quiet page, and closes: what nginx sent it."""
    samples = []
    for _ in range(rounds):
        seen = len(log.read_text().splitlines()) if log.exists() else 0
        context, tab = open_page(browser, url, ready)
        settled(tab)
        context.close()
        time.sleep(1.0)  # nginx logs the websocket once it has closed
        requests, sent = wire(log, seen)
        samples.append({"requests": requests, "bytes": sent})
    return samples


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    rows, folder = {}, Path(tempfile.mkdtemp(prefix="bp-transfer-"))
    ways = [("plain", False, False), ("gzip", True, False), ("gzip + websocket compression", True, True)]
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for name, (script, path, ready) in PAGES.items():
            for way, gzip, deflate in ways:
                port = free_port()
                server = start_server(ROOT / script, port, extra=["--server.enableWebsocketCompression",
                                                                   str(deflate).lower(), *STATIC])
                nginx, front, log = start_nginx(folder / f"{name}-{way}".replace(" ", "_"), port, gzip)
                try:
                    url = f"http://127.0.0.1:{front}{path}"
                    cold_loads(browser, url, ready, log, 1)  # the server's first run, not counted
                    rows[f"{name}, {way}"] = cold_loads(browser, url, ready, log, args.rounds)
                finally:
                    nginx.terminate()
                    server.terminate()
        browser.close()
    print(f"{'cold load':<44} {'requests':>9} {'KB sent':>9} {'× bare app, same way':>22}")
    medians = {key: {k: statistics.median(s[k] for s in samples) for k in ("requests", "bytes")}
               for key, samples in rows.items()}
    for key, median in medians.items():
        bare = medians["bare app, " + key.split(", ", 1)[1]]["bytes"]
        print(f"{key:<44} {median['requests']:>9.0f} {median['bytes'] / 1024:>9.0f} {median['bytes'] / bare:>21.2f}×")
    out = {"median": medians, "samples": rows}
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1))
    return out


if __name__ == "__main__":
    main()
