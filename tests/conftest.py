"""A real `streamlit run` server and Debian's Chromium, for the browser tests."""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "tests" / "screenshots"
# a cold explorer took 3-9 s to show its stepper on an idle 2-core machine and 14 s on a busy one:
# every wait is for something the app shows, with room for a machine 2-3x slower than that
WAIT_MS = 60_000
expect.set_options(timeout=WAIT_MS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(script: Path, port: int, log: Path | None = None, extra: tuple[str, ...] = (),
                 env: dict[str, str] | None = None) -> subprocess.Popen:
    """streamlit run on localhost with `extra` options and `env` added to the environment, its output in the file `log`
    (a pipe nobody read would stall the server once it filled); returns once the health check answers."""
    if log is None:
        handle, name = tempfile.mkstemp(prefix="streamlit-", suffix=".log")
        os.close(handle)
        log = Path(name)
    output = log.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", *extra],
        cwd=script.parent, stdout=output, stderr=subprocess.STDOUT, env=os.environ | (env or {}))
    output.close()
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(log.read_text(errors="replace"))
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("streamlit did not start within 60 s")


@pytest.fixture(scope="session")
def server_url(tmp_path_factory):
    port, folder = free_port(), tmp_path_factory.mktemp("server")
    process = start_server(ROOT / "app.py", port, folder / "streamlit.log",
                           env={"DATABASE_URL": f"sqlite:///{folder / 'live.sqlite3'}"})  # live classes: the session's
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium")
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium (apt-get install -y chromium)")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    # what went wrong in the browser, printed with a failing test's output (pytest shows it only then)
    page.on("console", lambda message: message.type == "error" and print("console error:", message.text))
    page.on("pageerror", lambda error: print("page error:", error))
    page.on("requestfailed", lambda request: print("request failed:", request.url, request.failure))
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Takes the whole page as tests/screenshots/<name>.png; .folder is where a test puts a part of it."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    take.folder = SCREENSHOTS
    return take


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server for the session (tests/postgres.py)."""
    from postgres import server  # noqa: PLC0415  (imports this module's free_port)
    with server() as url:
        yield url
