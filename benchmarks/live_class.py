"""A live class of 100 through the server: the teacher's explorer and every student's live class page are sessions
spoken to in Streamlit's own websocket protocol (benchmarks/classroom.py's Learner), one thread each.

    python benchmarks/live_class.py [--students 100] [--rounds 3] [--arrive 10] [--answer-within 5] [--replicas 2]
                                    [--json results.json]

The teacher opens the explorer in quiz mode on the seed network, asking for z, and presses Start a live class. The
students open the join link over --arrive seconds and join with the code the teacher's bar shows. From then on each
student's page reruns its live panel on the fragment's own timer (2 s, read from the server's AutoRerun message), as a
browser does. Each round:
- every student answers within --answer-within seconds of seeing the question: 7 in 10 the right number, 2 in 10 a
  named mistake of the quiz, 1 in 10 a number more than 1 % off (with --together all press Send in the same instant,
  --answer-within seconds after the question was asked: "3, 2, 1, send");
- the teacher's bar is rerun until it says all have answered, then the teacher presses Reveal;
- each student's panel must then show the verdict the core gives its answer;
- the teacher steps on: skips the quiz's question, as the explorer's page replays a skip, which asks the next.

Measured: how long the teacher's step (the next question) and the reveal take to reach every student's page, from the
teacher's message to the student's panel run that shows it; each Send's time; answers lost (sent but not counted, or
a verdict other than the core's); errors; the servers' CPU time.

By default one server keeps the class in SQLite (a new file). With --replicas N it then runs the class again on N
servers sharing one PostgreSQL (a throwaway server, tests/postgres.py), behind nginx with deploy/nginx.conf: its sticky
cookie spreads the students over the replicas, so some read the class on a replica the teacher is not on. Everything
it starts, it stops."""
import argparse
import collections
import contextlib
import json
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
from backprop.quiz import check  # noqa: E402
from classroom import Learner, cpu_seconds, open_page, replicas_behind_nginx  # noqa: E402
from conftest import free_port, start_server  # noqa: E402
from ui.live import store  # noqa: E402
from ui.live.db import Database  # noqa: E402

LIVE, EXPLORER = "Live_class", "Network_explorer"
TEACHER_LINK = "preset=seed&quiz=1&ask=z"  # three questions, one before each of the first three steps
WAIT = 60.0  # seconds: the longest any one thing may take before it counts as lost


def bodies(elements, kind: str) -> list[str]:
    """The text of the elements of one kind ("markdown", "alert", "code") among `elements`."""
    field = {"markdown": "body", "alert": "body", "code": "code_text"}[kind]
    return [getattr(getattr(e, kind), field) for e in elements if e.WhichOneof("type") == kind]


class Board:
    """What the teacher did and when, for the students' threads to measure against: each round's question (the
    quiz's, as the class's database keeps it), when it was asked and when it was revealed."""

    def __init__(self):
        self.rounds: dict[int, dict] = {}
        self.verdicts: dict[int, int] = {}  # how many students' panels have shown each round's verdict
        self.changed = threading.Condition()
        self.stop = threading.Event()

    def post(self, number: int, **facts):
        with self.changed:
            self.rounds.setdefault(number, {}).update(facts)
            self.changed.notify_all()

    def count_verdict(self, number: int):
        with self.changed:
            self.verdicts[number] = self.verdicts.get(number, 0) + 1

    def question(self, number: int):
        with self.changed:
            self.changed.wait_for(lambda: "question" in self.rounds.get(number, {}) or self.stop.is_set(), WAIT)
            return self.rounds.get(number, {}).get("question")


def answer_for(k: int, question) -> float:
    """Student k's answer: the right number, a named mistake's or one more than 1 % off, 7 : 2 : 1."""
    if k % 10 < 7 or (k % 10 < 9 and not question.mistakes):
        return question.expected
    if k % 10 < 9:
        return question.mistakes[k % len(question.mistakes)][1]
    return question.expected * 1.5 + 1


def verdict_shown(alerts: list[str], question, value: float | None) -> bool:
    """Whether the panel's verdict is the one the core gives this answer."""
    if value is None:
        return any(a.startswith("The answer was") for a in alerts)
    verdict = check(question, value)
    if verdict.right:
        return any(a.startswith("Right: ") for a in alerts)
    said = verdict.mistake or "it is more than 1 % off"  # the page is in English: a mistake is its own text
    return any(a.startswith("The answer was") and said in a for a in alerts)


def start_class(teacher: Learner) -> tuple[str, str, str]:
    """The teacher presses Start a live class; (the join code, the class, its secret), read off the teacher's bar."""
    teacher.click("Start a live class")
    code = next(m.group(1) for b in bodies(teacher.elements.values(), "markdown")
                if (m := re.search(r"code \*\*([A-Z2-9]{6})\*\*", b)))
    link = next(b for b in bodies(teacher.elements.values(), "code") if "teacher=" in b)
    return code, *re.search(r"class=([^&]+)&teacher=(.+)$", link).groups()


def join(phone: Learner, code: str, nickname: str = "") -> float:
    """A student opens the join link and presses Join; the seconds the join's run took."""
    phone.rerun(query=f"join={code}")
    fields = {"Code": code, "Nickname (optional)": nickname}
    return phone.rerun([{"id": phone.widget("text_input", label).id, "string_value": value}
                        for label, value in fields.items()] + [{"id": phone.widget("button", "Join").id,
                                                               "trigger_value": True}])


def send(phone: Learner, panel: str, value: float) -> bool:
    """A student types `value` and presses Send, in the live panel's fragment; whether the page took it."""
    field, button = phone.widget("text_input", "Your answer"), phone.widget("button", "Send")
    phone.rerun([{"id": field.id, "string_value": repr(value)}, {"id": button.id, "trigger_value": True}], panel)
    return any(a.startswith("Sent: ") for a in bodies(phone.last, "alert"))


def student(k: int, url: str, http: str | None, code: str, board: Board, arrive: float, within: float,
            together: bool, results: dict, lock: threading.Lock):
    """One student's phone: join, then the panel's timer, answering each question once and reading each verdict."""
    pace = random.Random(k)
    time.sleep(pace.uniform(0, arrive))
    seen, revealed, sends, sent, errors, wrong, opened, joined, replica = {}, {}, [], {}, [], 0, None, None, None
    try:
        cookie = open_page(http)[0] if http else None
        phone = Learner(url, cookie, page=LIVE)
        replica = phone.replica
        started = time.perf_counter()
        joined = join(phone, code, f"s{k}")
        opened = time.perf_counter() - started - joined  # the join link's first page run
        (panel, every), = phone.timers.items()  # the live panel, on its timer
        shown, tick, due = phone.last, time.perf_counter() + pace.uniform(0, every), None
        while not board.stop.is_set():
            number = next((int(m.group(1)) for b in bodies(shown, "markdown")
                           if (m := re.search(r"\*\*Question (\d+)\*\*", b))), None)
            alerts = bodies(shown, "alert")
            if number is not None and number not in seen:
                seen[number] = time.perf_counter()
                due = (number, (board.rounds[number]["asked"] + within) if together else
                       seen[number] + pace.uniform(0.2, within))
            if number is not None and number not in revealed and any(
                    a.startswith(("Right: ", "The answer was")) for a in alerts):
                revealed[number] = time.perf_counter()
                board.count_verdict(number)
                wrong += not verdict_shown(alerts, board.question(number), sent.get(number))
            if due is not None and due[0] in revealed:
                due = None  # revealed before this student answered: it counts as not answered
            wake = min(tick, due[1]) if due else tick
            time.sleep(max(0.0, wake - time.perf_counter()))
            if due is not None and time.perf_counter() >= due[1]:
                number, due = due[0], None
                value = answer_for(k, board.question(number))
                started = time.perf_counter()
                taken = send(phone, panel, value)
                sends.append((number, time.perf_counter() - started))
                if taken:
                    sent[number] = value
                else:
                    errors.append(f"student {k}: round {number}'s answer was not taken: {bodies(phone.last, 'alert')}")
            else:
                phone.rerun(fragment=panel)
                tick += every
            shown = phone.last
            errors += phone.errors(shown)
        phone.close()
    except Exception as error:  # a dropped connection or a missing element is an error, not a crash
        errors.append(f"student {k}: {type(error).__name__}: {error}")
    with lock:
        results["students"].append({"replica": replica, "opened": opened, "joined": joined, "seen": seen,
                                    "revealed": revealed, "sends": sends, "sent": sent, "wrong_verdicts": wrong,
                                    "errors": errors})


def until(condition, seconds: float = WAIT, every: float = 0.1) -> bool:
    deadline = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > deadline:
            return False
        time.sleep(every)
    return True


def run_class(url: str, http: str | None, database: str, students: int, rounds: int, arrive: float, within: float,
              pids: list[int], together: bool = False) -> dict:
    """One live class from its start to the last round's reveal: what reached whom, and when."""
    cpu_before, board, results, lock = sum(cpu_seconds(p) for p in pids), Board(), {"students": []}, threading.Lock()
    teacher = Learner(url, open_page(http)[0] if http else None, page=EXPLORER)
    teacher.rerun(query=TEACHER_LINK)
    code, class_id, secret = start_class(teacher)
    db = Database(database)

    def view() -> store.TeacherView:  # what the teacher's bar reads, read here without waiting for its timer
        return store.teacher_view(db, class_id, secret, time.time())

    board.post(1, asked=time.perf_counter(), question=store.question_from_json(json.dumps(view().round.question)))
    threads = [threading.Thread(target=student,
                                args=(k, url, http, code, board, arrive, within, together, results, lock))
               for k in range(students)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    failures, rounds_seen, skipped = [], [], []
    if not until(lambda: view().joined == students, arrive + WAIT):
        failures.append(f"{view().joined} of {students} joined")
    joined_after = time.perf_counter() - started
    for number in range(1, rounds + 1):
        asked = board.rounds[number]["asked"]
        if not until(lambda: view().answered == students, within + WAIT):
            failures.append(f"round {number}: {view().answered} of {students} answers counted")
        counted_after = time.perf_counter() - asked
        teacher.rerun(fragment=teacher.fragments[teacher.widget("button", "Reveal").id])  # the bar's timer
        said = " ".join(bodies(teacher.last, "markdown"))
        if f"{students} of {students} answered" not in said:
            failures.append(f"round {number}: the teacher's bar said {said[-120:]!r}")
        board.post(number, revealed=time.perf_counter())
        teacher.click("Reveal")
        done = view().summary
        if not until(lambda: board.verdicts.get(number, 0) == students, WAIT):
            failures.append(f"round {number}: {board.verdicts.get(number, 0)} of {students} verdicts shown")
        rounds_seen.append({"round": number, "answers counted after s": counted_after,
                            "answered": done.answered if done else None, "right": done.right if done else None})
        if number == rounds:
            break
        # the teacher steps on: the explorer's page replays its skip of the quiz's question, which asks the next
        skipped.append([board.rounds[number]["question"].position, "skip", ""])
        updates = teacher.component("updates")
        message = {"quiz": [json.loads(updates.json)["token"], len(skipped), len(skipped), skipped]}
        board.post(number + 1, asked=time.perf_counter())
        teacher.rerun([{"id": updates.id, "json_value": json.dumps(message)}])
        current = view().round
        if current is None or current.number != number + 1:
            failures.append(f"the step after round {number} asked no new question")
            break
        board.post(number + 1, question=store.question_from_json(json.dumps(current.question)))
    board.stop.set()
    for thread in threads:
        thread.join(timeout=WAIT)
    teacher.close()
    cpu, seconds = sum(cpu_seconds(p) for p in pids) - cpu_before, time.perf_counter() - started
    return summarise(board, results["students"], rounds_seen, failures, joined_after, cpu, seconds) | {
        "teacher_replica": teacher.replica}


def spread(values: list[float]) -> dict:
    ordered = sorted(values)
    if not ordered:
        return {"n": 0}
    return {"n": len(ordered), "p50": statistics.median(ordered), "p95": ordered[int(0.95 * (len(ordered) - 1))],
            "max": ordered[-1]}


def summarise(board: Board, students: list[dict], rounds: list[dict], failures: list[str], joined_after: float,
              cpu: float, seconds: float) -> dict:
    """Seconds from each teacher's move to each student's page showing it, and what was lost on the way."""
    step = [s["seen"][n] - r["asked"] for n, r in board.rounds.items() if n > 1 for s in students if n in s["seen"]]
    reveal = [s["revealed"][n] - r["revealed"] for n, r in board.rounds.items() if "revealed" in r
              for s in students if n in s["revealed"]]
    for detail in rounds:  # the teacher's summary against the core's verdicts on what the students sent
        question, values = board.rounds[detail["round"]]["question"], [s["sent"][detail["round"]] for s in students
                                                                        if detail["round"] in s["sent"]]
        detail["right by the core"] = sum(check(question, v).right for v in values) / max(len(values), 1)
    sent = sum(len(s["sent"]) for s in students)
    counted = sum(r["answered"] or 0 for r in rounds)
    errors = [e for s in students for e in s["errors"]] + failures
    return {"students": len(students), "rounds": len(rounds), "joined_after_s": joined_after,
            "students_per_replica": dict(collections.Counter(s["replica"] for s in students if s["replica"])),
            "step_to_student_s": spread(step), "reveal_to_student_s": spread(reveal),
            "open_s": spread([s["opened"] for s in students if s["opened"] is not None]),
            "join_s": spread([s["joined"] for s in students if s["joined"] is not None]),
            "send_s": spread([t for s in students for _n, t in s["sends"]]),
            "send_s_by_round": {n: spread([t for s in students for m, t in s["sends"] if m == n]) for n in board.rounds},
            "answers_sent": sent, "answers_counted": counted, "answers_lost": sent - counted,
            "wrong_verdicts": sum(s["wrong_verdicts"] for s in students), "errors": len(errors),
            "first_errors": errors[:5], "rounds_detail": rounds,
            "server_cpu_s": cpu, "server_cpu_share": cpu / seconds}


def on_one_server(students: int, rounds: int, arrive: float, within: float, together: bool = False) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="bp-live-"))
    database = f"sqlite:///{folder / 'live.sqlite3'}"
    port = free_port()
    server = start_server(ROOT / "app.py", port, env={"DATABASE_URL": database})
    try:
        return run_class(f"ws://127.0.0.1:{port}/_stcore/stream", None, database, students, rounds, arrive, within,
                         [server.pid], together)
    finally:
        server.terminate()
        server.wait(timeout=10)


def on_replicas(count: int, students: int, rounds: int, arrive: float, within: float, together: bool = False) -> dict:
    import postgres  # noqa: PLC0415  (tests/postgres.py: only --replicas needs a PostgreSQL server)
    with postgres.server() as database, replicas_behind_nginx(count, {"DATABASE_URL": database}) as (url, http, pids):
        return run_class(url, http, database, students, rounds, arrive, within, pids, together)


def table(runs: dict[str, dict]) -> str:
    head = (f"{'':<26}{'students':>9}{'step→all p50/p95/max s':>24}{'reveal→all p50/p95/max s':>26}"
            f"{'send p95 s':>11}{'sent':>6}{'lost':>6}{'wrong':>7}{'errors':>8}{'CPU':>6}")
    lines = [head]
    for name, r in runs.items():
        def three(d):
            return f"{d['p50']:.2f}/{d['p95']:.2f}/{d['max']:.2f}" if d["n"] else "-"
        lines.append(f"{name:<26}{r['students']:>9}{three(r['step_to_student_s']):>24}"
                     f"{three(r['reveal_to_student_s']):>26}{r['send_s'].get('p95', float('nan')):>11.2f}"
                     f"{r['answers_sent']:>6}{r['answers_lost']:>6}{r['wrong_verdicts']:>7}{r['errors']:>8}"
                     f"{r['server_cpu_share']:>6.0%}")
    return "\n".join(lines)


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="at most 3: the seed network's z questions")
    parser.add_argument("--arrive", type=float, default=10, help="the students open the join link over this long")
    parser.add_argument("--answer-within", type=float, default=5, help="each student answers within this long")
    parser.add_argument("--together", action="store_true",
                        help="every student presses Send in the same instant, --answer-within after the question")
    parser.add_argument("--replicas", type=int, default=0,
                        help="then run the class again on this many replicas sharing PostgreSQL, behind nginx")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    rounds = min(args.rounds, 3)
    runs = {"one server, SQLite": on_one_server(args.students, rounds, args.arrive, args.answer_within,
                                                args.together)}
    if args.replicas:
        runs[f"{args.replicas} replicas, PostgreSQL"] = on_replicas(args.replicas, args.students, rounds, args.arrive,
                                                                  args.answer_within, args.together)
    print(table(runs))
    for name, r in runs.items():
        for error in r["first_errors"]:
            print(f"{name}: {error}")
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=1))
    return runs


if __name__ == "__main__":
    main()
