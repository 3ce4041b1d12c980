"""A class of 30 on one server: Streamlit's own websocket protocol, one thread per learner.

    python benchmarks/classroom.py [--sessions 30] [--seconds 40] [--json results.json]

Each simulated learner opens the explorer, steps through whole passes with a pause between clicks
(--think, 1 s on average, as a learner reads the step), and re-initialises the
network from its own seed, then checks that every weight its graph shows is what that seed gives:
a value from another learner's session would be a leak. Reported: p50/p95 latency from the
message sent to the run finished (server time plus transport; browser drawing is benchmarks/
browser.py's job), errors, leaks, and server memory per session (RSS growth / sessions).
It first runs the same loop with one learner for as long, for the single-user baseline.
"""
import argparse
import contextlib
import json
import random
import re
import statistics
import sys
import threading
import time
from pathlib import Path

import numpy as np
from websockets.sync.client import connect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from backprop import initialise  # noqa: E402
from conftest import free_port, start_server  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

PAGE = "Network_explorer"


class Learner:
    """One browser session, spoken to in protobuf: sends reruns, keeps the latest elements."""

    def __init__(self, url: str):
        self._stack = contextlib.ExitStack()
        self.socket = self._stack.enter_context(connect(url, subprotocols=["streamlit"], max_size=None,
                                                        open_timeout=30))
        self.elements: dict[tuple, object] = {}
        self.fragments: dict[str, str] = {}  # widget id -> the fragment it lives in
        self.cache: dict[str, ForwardMsg] = {}

    def rerun(self, widgets: list[dict] | None = None, fragment: str = "") -> float:
        """Send one rerun with these widget values; wait for the run to finish; return seconds."""
        message = BackMsg()
        state = message.rerun_script
        state.page_name = PAGE
        state.fragment_id = fragment
        for widget in widgets or []:
            entry = state.widget_states.widgets.add()
            for name, value in widget.items():
                setattr(entry, name, value)
        if not fragment:  # a full run redraws the page: what it does not send again is gone, as in a browser
            self.elements.clear()
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
                inner = getattr(element, element.WhichOneof("type"))
                if hasattr(inner, "id") and inner.id:
                    self.fragments[inner.id] = msg.delta.fragment_id
            elif kind == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return time.perf_counter() - start

    def widget(self, kind: str, label: str):
        for element in self.elements.values():
            if element.WhichOneof("type") == kind and getattr(element, kind).label == label:
                return getattr(element, kind)
        raise LookupError(f"no {kind} labelled {label!r}")

    def step_to(self, position: int) -> float:
        """What the stepper component sends after a click in the browser: its position, in its fragment."""
        stepper = next(getattr(e, "bidi_component") for e in self.elements.values()
                       if e.WhichOneof("type") == "bidi_component")
        self.sequence = getattr(self, "sequence", 0) + 1
        value = json.dumps({"position": [position, self.sequence]})
        return self.rerun([{"id": stepper.id, "json_value": value}], self.fragments.get(stepper.id, ""))

    def click(self, label: str) -> float:
        button = self.widget("button", label)
        return self.rerun([{"id": button.id, "trigger_value": True}], self.fragments.get(button.id, ""))

    def stepper_data(self) -> dict:
        return next(json.loads(e.bidi_component.json) for e in self.elements.values()
                    if e.WhichOneof("type") == "bidi_component")

    def shown_weights(self) -> list[float]:
        """Every weight on the graph the browser draws (the stepper's figure at its start position),
        read from the edge markers' hover text."""
        data = self.stepper_data()
        edges = next(t for t in json.loads(data["figures"])[data["start"]]["data"] if t.get("name") == "edges")
        return [float(re.search(r"<br>w = ([-0-9.e+]+)", text).group(1)) for text in edges["hovertext"]]

    def errors(self) -> list[str]:
        return [e.exception.message for e in self.elements.values() if e.WhichOneof("type") == "exception"]

    def close(self):
        self._stack.close()


def expected_weights(seed: int) -> list[float]:
    network = initialise([4, 3, 3, 1], ["identity"] * 3, "mse", seed)
    return [w for layer in network.layers for w in layer.weights.ravel()]


def learner_loop(url: str, seed: int, seconds: float, think: float, results: dict, lock: threading.Lock):
    latencies, errors, leaks = [], 0, 0
    pause = random.Random(seed)

    def act(latency: float):
        latencies.append(latency)
        time.sleep(pause.uniform(0.5, 1.5) * think)  # a learner reads before the next click

    try:
        learner = Learner(url)
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
        learner.close()
    except Exception as error:  # a dropped connection or a missing element is an error, not a crash
        errors += 1
        print(f"learner {seed}: {type(error).__name__}: {error}", file=sys.stderr)
    with lock:
        results["latencies"] += latencies
        results["errors"] += errors
        results["leaks"] += leaks


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_class(url: str, sessions: int, seconds: float, think: float, pid: int) -> dict:
    results, lock = {"latencies": [], "errors": 0, "leaks": 0}, threading.Lock()
    before = rss_mb(pid)
    threads = [threading.Thread(target=learner_loop, args=(url, 1000 + k, seconds, think, results, lock))
               for k in range(sessions)]
    peak = before
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        peak = max(peak, rss_mb(pid))
        time.sleep(0.5)
    latencies = sorted(results["latencies"])
    return {"sessions": sessions, "requests": len(latencies),
            "p50_ms": 1e3 * statistics.median(latencies), "p95_ms": 1e3 * latencies[int(0.95 * (len(latencies) - 1))],
            "errors": results["errors"], "leaks": results["leaks"],
            "rss_before_mb": before, "rss_peak_mb": peak, "mb_per_session": (peak - before) / sessions}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause between a learner's clicks, in seconds (0: click flat out)")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    port = free_port()
    server = start_server(ROOT / "app.py", port)
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    try:
        warm = Learner(url)
        warm.rerun()
        warm.close()
        single = run_class(url, 1, args.seconds, args.think, server.pid)  # as long as the class: a steady p95
        crowd = run_class(url, args.sessions, args.seconds, args.think, server.pid)
    finally:
        server.terminate()
    print(f"{'':<14}{'sessions':>9}{'requests':>10}{'p50':>9}{'p95':>9}{'errors':>8}{'leaks':>7}{'MB/session':>12}")
    for name, r in (("one learner", single), ("a class", crowd)):
        print(f"{name:<14}{r['sessions']:>9}{r['requests']:>10}{r['p50_ms']:>7.0f}ms{r['p95_ms']:>7.0f}ms"
              f"{r['errors']:>8}{r['leaks']:>7}{r['mb_per_session']:>12.1f}")
    print(f"p95 with the class / p95 alone: {crowd['p95_ms'] / single['p95_ms']:.2f}×  "
          f"(think time {args.think:g} s between clicks)")
    results = {"single": single, "class": crowd, "think_seconds": args.think}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return results


if __name__ == "__main__":
    main()
