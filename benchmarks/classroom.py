"""A class of 30 on one server: Streamlit's own websocket protocol, one thread per learner.

    python benchmarks/classroom.py [--sessions 30] [--seconds 40] [--arrive 10] [--replicas 2] [--json results.json]

Learners open the page at random moments over the first --arrive seconds (10 by default: a class
opening the link the teacher just shared; 0 sends every first page run in the same instant). Each
simulated learner opens the explorer, steps through whole passes with a pause between clicks
(--think, 1 s on average, as a learner reads the step), and re-initialises the
network from its own seed, then checks that every weight its graph shows is what that seed gives:
a value from another learner's session would be a leak. Reported: p50/p95 latency from the
message sent to the run finished (server time plus transport; browser drawing is benchmarks/
browser.py's job), errors, leaks, server memory per session (RSS growth / sessions), and the servers' CPU
time per learner-minute (what hosting a class costs: a fraction of a core on Community Cloud).
It first runs the same loop with one learner for as long, for the single-user baseline.

With --replicas N it then starts N servers and Debian's nginx on loopback, with deploy/nginx.conf's sticky
sessions, and runs the class again through nginx, each learner opening the page as a browser does (an HTTP
request that gives it its cookie, then the websocket). It reports each replica's share of the learners, and
any learner whose requests reached more than one replica. Everything it starts, it stops.
"""
import argparse
import collections
import contextlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import numpy as np
from websockets.sync.client import connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from backprop import initialise  # noqa: E402
from conftest import free_port, start_server  # noqa: E402
from nginx_loopback import nginx_config  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

PAGE = "Network_explorer"


class Learner:
    """One browser session, spoken to in protobuf: sends reruns, keeps the latest elements."""

    def __init__(self, url: str, cookie: str | None = None, page: str = PAGE):
        self.page = page
        self._stack = contextlib.ExitStack()
        self.socket = self._stack.enter_context(connect(url, subprotocols=["streamlit"], max_size=None,
                                                        open_timeout=30,
                                                        additional_headers={"Cookie": cookie} if cookie else None))
        self.replica = self.socket.response.headers.get("X-Upstream")  # set by the benchmark's nginx only
        self.elements: dict[tuple, object] = {}
        self.fragments: dict[str, str] = {}  # widget id -> the fragment it lives in
        self.cache: dict[str, ForwardMsg] = {}
        self.last: list = []  # the elements the last run sent, in order: what a fragment's run shows now
        self.timers: dict[str, float] = {}  # fragment id -> seconds: fragments the browser reruns on a timer
        self.query = ""  # the address bar's query, which a browser sends with every rerun, as the app last set it

    def rerun(self, widgets: list[dict] | None = None, fragment: str = "", query: str | None = None) -> float:
        """Send one rerun with these widget values (and `query` as the address bar's, else the one it holds); wait
        for the run to finish; return seconds."""
        message = BackMsg()
        state = message.rerun_script
        state.page_name = self.page
        state.fragment_id = fragment
        self.query = self.query if query is None else query
        state.query_string = self.query
        for widget in widgets or []:
            entry = state.widget_states.widgets.add()
            for name, value in widget.items():
                setattr(entry, name, value)
        if not fragment:  # a full run redraws the page: what it does not send again is gone, as in a browser
            self.elements.clear()
        self.last = []
        start = time.perf_counter()
        self.socket.send(message.SerializeToString())
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(self.socket.recv(timeout=60))
            if msg.ref_hash:
                msg = self.cache[msg.ref_hash]
            elif msg.hash:
                self.cache[msg.hash] = msg
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                path = tuple(msg.metadata.delta_path)
                self.elements[path] = element
                self.last.append(element)
                inner = getattr(element, element.WhichOneof("type"))
                if hasattr(inner, "id") and inner.id:
                    self.fragments[inner.id] = msg.delta.fragment_id
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "auto_rerun":
                self.timers[msg.auto_rerun.fragment_id] = msg.auto_rerun.interval
            elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return time.perf_counter() - start

    def widget(self, kind: str, label: str):
        for element in self.elements.values():
            if element.WhichOneof("type") == kind and getattr(element, kind).label == label:
                return getattr(element, kind)
        raise LookupError(f"no {kind} labelled {label!r}")

    def step_to(self, position: int) -> float:
        """What the page sends after a Next in the browser: the position, through the position's sync, which lives
        in a fragment with the link (ui/explorer/stepper.py), so only that fragment runs."""
        sync = self.component("sync")
        self.sequence = getattr(self, "sequence", 0) + 1
        value = json.dumps({"position": [position, self.sequence]})
        return self.rerun([{"id": sync.id, "json_value": value}], self.fragments.get(sync.id, ""))

    def click(self, label: str) -> float:
        button = self.widget("button", label)
        return self.rerun([{"id": button.id, "trigger_value": True}], self.fragments.get(button.id, ""))

    def component(self, name: str):
        """One of the explorer's components by its name's end: "stepper", "graph" (which brings the figures), "sync"."""
        return next(e.bidi_component for e in self.elements.values()
                    if e.WhichOneof("type") == "bidi_component" and e.bidi_component.component_name.endswith(name))

    def shown_weights(self) -> list[float]:
        """Every weight on the graph the browser draws (the figure the server sends, at the view's start position),
        read from the edge markers' hover text."""
        graph = json.loads(self.component("graph").json)
        edges = next(t for t in json.loads(graph["figure"])["data"] if t.get("name") == "edges")
        return [float(re.search(r"<br>w = ([-0-9.e+]+)", text).group(1)) for text in edges["hovertext"]]

    def errors(self, elements=None) -> list[str]:
        """The exceptions the page shows (or those among `elements`, such as the last run's)."""
        shown = self.elements.values() if elements is None else elements
        return [e.exception.message for e in shown if e.WhichOneof("type") == "exception"]

    def close(self):
        self._stack.close()


def expected_weights(seed: int) -> list[float]:
    network = initialise([4, 3, 3, 1], ["identity"] * 3, "mse", seed)
    return [w for layer in network.layers for w in layer.weights.ravel()]


def open_page(http: str) -> tuple[str | None, str | None]:
    """A browser's first request through nginx: (the cookie it is given, the replica that answered)."""
    with urllib.request.urlopen(http + "/", timeout=30) as response:
        cookie = response.headers.get("Set-Cookie", "").split(";")[0] or None
        return cookie, response.headers.get("X-Upstream")


def replica_of(http: str, cookie: str | None) -> str | None:
    """Which replica answers this browser's next request."""
    request = urllib.request.Request(http + "/_stcore/health", headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers.get("X-Upstream")


def learner_loop(url: str, seed: int, seconds: float, think: float, arrive: float, results: dict,
                 lock: threading.Lock, http: str | None = None):
    latencies, errors, leaks, replicas = [], 0, 0, set()
    pause = random.Random(seed)
    time.sleep(pause.uniform(0, arrive))  # when this learner opens the link

    def act(latency: float):
        latencies.append(latency)
        time.sleep(pause.uniform(0.5, 1.5) * think)  # a learner reads before the next click

    try:
        cookie, first = open_page(http) if http else (None, None)
        learner = Learner(url, cookie)
        replicas |= {first, learner.replica}
        latencies.append(learner.rerun())
        deadline = time.time() + seconds
        while time.time() < deadline:
            for position in range(1, 9):
                act(learner.step_to(position))  # Next ▶, as the browser reports it
            act(learner.step_to(0))  # ⟲ Reset
            seed_field = learner.widget("text_input", "Seed for new weights")  # typed, parsed by the core
            button = learner.widget("button", "Re-initialise weights")
            act(learner.rerun([{"id": seed_field.id, "string_value": str(seed)},
                               {"id": button.id, "trigger_value": True}]))
            shown = learner.shown_weights()
            if not np.allclose(shown, expected_weights(seed), rtol=1e-5, atol=1e-6):
                leaks += 1
            errors += len(learner.errors())
        if http:
            replicas.add(replica_of(http, cookie))
        learner.close()
    except Exception as error:  # a dropped connection or a missing element is an error, not a crash
        errors += 1
        print(f"learner {seed}: {type(error).__name__}: {error}", file=sys.stderr)
    with lock:
        results["latencies"] += latencies
        results["errors"] += errors
        results["leaks"] += leaks
        results["replicas"].append(replicas - {None})


def cpu_seconds(pid: int) -> float:
    """The process's CPU time so far, user and system (/proc/<pid>/stat's utime and stime)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_class(url: str, sessions: int, seconds: float, think: float, pids: list[int], http: str | None = None,
              arrive: float = 0) -> dict:
    results, lock = {"latencies": [], "errors": 0, "leaks": 0, "replicas": []}, threading.Lock()
    before, cpu_before, started = sum(rss_mb(pid) for pid in pids), sum(cpu_seconds(pid) for pid in pids), time.time()
    threads = [threading.Thread(target=learner_loop, args=(url, 1000 + k, seconds, think, arrive, results, lock, http))
               for k in range(sessions)]
    peak = before
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        peak = max(peak, sum(rss_mb(pid) for pid in pids))
        time.sleep(0.5)
    cpu, minutes = sum(cpu_seconds(pid) for pid in pids) - cpu_before, sessions * (time.time() - started) / 60
    latencies = sorted(results["latencies"])
    shares = collections.Counter(next(iter(r)) for r in results["replicas"] if len(r) == 1)
    return {"sessions": sessions, "requests": len(latencies),
            "p50_ms": 1e3 * statistics.median(latencies), "p95_ms": 1e3 * latencies[int(0.95 * (len(latencies) - 1))],
            "errors": results["errors"], "leaks": results["leaks"],
            "rss_before_mb": before, "rss_peak_mb": peak, "mb_per_session": (peak - before) / sessions,
            "server_cpu_s": cpu, "cpu_s_per_learner_minute": cpu / minutes,
            "learners_per_replica": dict(sorted(shares.items())),
            "learners_on_two_replicas": sum(len(r) > 1 for r in results["replicas"])}


@contextlib.contextmanager
def replicas_behind_nginx(count: int, env: dict[str, str] | None = None):
    """`count` servers (with `env` added to their environment) and nginx in front of them, all on loopback; yields
    (ws url, http url, server pids)."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx).exists():
        raise SystemExit("--replicas needs Debian's nginx: apt-get install -y nginx")
    ports, folder = [free_port() for _ in range(count)], Path(tempfile.mkdtemp(prefix="bp-nginx-"))
    servers, proxy = [], None
    try:
        servers = [start_server(ROOT / "app.py", port, env=env) for port in ports]
        listen = free_port()
        (folder / "nginx.conf").write_text(nginx_config((ROOT / "deploy" / "nginx.conf").read_text(), listen, ports,
                                                        folder))
        proxy = subprocess.Popen([nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
                                 stderr=subprocess.PIPE)
        http = f"http://127.0.0.1:{listen}"
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(http + "/_stcore/health", timeout=2)
                break
            except OSError:
                if proxy.poll() is not None or time.time() > deadline:
                    raise RuntimeError(f"nginx did not start: {proxy.stderr.read().decode()[:500]}")
                time.sleep(0.2)
        for port in ports:  # each replica's first page run, as the single server gets its warm-up
            warm = Learner(f"ws://127.0.0.1:{port}/_stcore/stream")
            warm.rerun()
            warm.close()
        yield f"ws://127.0.0.1:{listen}/_stcore/stream", http, [server.pid for server in servers]
    finally:
        if proxy is not None:
            proxy.terminate()
            proxy.wait(timeout=10)
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause between a learner's clicks, in seconds (0: click flat out)")
    parser.add_argument("--arrive", type=float, default=10,
                        help="the learners open the page over this many seconds (0: all in the same instant)")
    parser.add_argument("--replicas", type=int, default=0,
                        help="then run the class again through nginx in front of this many replicas")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    port = free_port()
    server = start_server(ROOT / "app.py", port)
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    try:
        warm = Learner(url)
        warm.rerun()
        warm.close()
        single = run_class(url, 1, args.seconds, args.think, [server.pid])  # as long as the class: a steady p95
        crowd = run_class(url, args.sessions, args.seconds, args.think, [server.pid], arrive=args.arrive)
    finally:
        server.terminate()
        server.wait(timeout=10)
    runs = [("one learner", single), ("a class", crowd)]
    if args.replicas:
        with replicas_behind_nginx(args.replicas) as (proxied, http, pids):
            runs.append((f"{args.replicas} replicas", run_class(proxied, args.sessions, args.seconds, args.think,
                                                                 pids, http, args.arrive)))
    print(f"{'':<14}{'sessions':>9}{'requests':>10}{'p50':>9}{'p95':>9}{'errors':>8}{'leaks':>7}{'MB/session':>12}"
          f"{'CPU s/learner-min':>19}")
    for name, r in runs:
        print(f"{name:<14}{r['sessions']:>9}{r['requests']:>10}{r['p50_ms']:>7.0f}ms{r['p95_ms']:>7.0f}ms"
              f"{r['errors']:>8}{r['leaks']:>7}{r['mb_per_session']:>12.1f}{r['cpu_s_per_learner_minute']:>19.2f}")
    print(f"p95 with the class / p95 alone: {crowd['p95_ms'] / single['p95_ms']:.2f}×  "
          f"(think time {args.think:g} s between clicks; the class opened the page over {args.arrive:g} s)")
    results = {"single": single, "class": crowd, "think_seconds": args.think, "arrive_seconds": args.arrive}
    if args.replicas:
        behind = runs[-1][1]
        print(f"through nginx: learners per replica {behind['learners_per_replica']}, on two replicas: "
              f"{behind['learners_on_two_replicas']}; p95 {behind['p95_ms']:.0f} ms against {crowd['p95_ms']:.0f} ms "
              f"on one replica alone ({behind['p95_ms'] / crowd['p95_ms']:.2f}×)")
        results["replicas"] = behind
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return results


if __name__ == "__main__":
    main()
