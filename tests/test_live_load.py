"""The live class's load test (benchmarks/live_class.py), run smaller in the suite: a teacher's explorer and 40
students' live class pages through the server, in Streamlit's own websocket protocol, each student's panel on its
2 s timer. Once on one server with SQLite, once on two replicas sharing a real PostgreSQL server behind nginx (the
deployed config), with the teacher on one replica and students on both. Every answer sent is counted, every page shows
the verdict the core gives its answer, and each step and reveal reaches every page within its refresh. Then a replica
restarts under a class: the student's page reconnects and nothing it sent is lost."""
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import live_class  # noqa: E402
from classroom import Learner  # noqa: E402
from conftest import free_port, start_server  # noqa: E402
from live_class import EXPLORER, LIVE, TEACHER_LINK, bodies, join, send, start_class  # noqa: E402

STUDENTS, ROUNDS = 40, 2
REACH = 2.0 + 6.0  # s: the panel's refresh, and room for a busy machine


def held(run: dict) -> None:
    assert run["first_errors"] == [] and run["errors"] == 0
    assert run["students"] == STUDENTS and run["rounds"] == ROUNDS
    assert run["answers_sent"] == STUDENTS * ROUNDS and run["answers_lost"] == 0  # every answer counted
    assert run["wrong_verdicts"] == 0
    for detail in run["rounds_detail"]:  # the teacher's summary is the core's verdicts on what was sent
        assert detail["answered"] == STUDENTS and detail["right"] == pytest.approx(detail["right by the core"])
        assert 0.6 <= detail["right"] < 1  # the students sent mistakes too
    assert run["step_to_student_s"]["n"] == STUDENTS * (ROUNDS - 1) and run["step_to_student_s"]["max"] < REACH
    assert run["reveal_to_student_s"]["n"] == STUDENTS * ROUNDS and run["reveal_to_student_s"]["max"] < REACH


def test_a_class_of_40_on_one_server():
    held(live_class.on_one_server(STUDENTS, ROUNDS, arrive=3, within=3))


def test_a_class_of_40_on_two_replicas_sharing_postgresql_behind_nginx():
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's nginx (apt-get install -y nginx)")
        pytest.skip("Debian's nginx is not installed")
    run = live_class.on_replicas(2, STUDENTS, ROUNDS, arrive=3, within=3)
    held(run)
    assert len(run["students_per_replica"]) == 2 and run["teacher_replica"] in run["students_per_replica"]


def test_a_replica_that_restarts_loses_no_answer(postgres_url):
    """Two replicas on one PostgreSQL: the teacher on one, a student who answered on the other, which then restarts.
    The student's page reconnects with its link, as a browser does, and finds its answer sent, the teacher's count
    holds it, and the reveal reaches it."""
    env, servers = {"DATABASE_URL": postgres_url}, []

    def replica():
        port = free_port()
        servers.append(start_server(ROOT / "app.py", port, env=env))
        return f"ws://127.0.0.1:{port}/_stcore/stream"

    try:
        teacher = Learner(replica(), page=EXPLORER)
        teacher.rerun(query=TEACHER_LINK)
        code = start_class(teacher)[0]
        phone = Learner(replica(), page=LIVE)
        join(phone, code)
        (panel, _every), = phone.timers.items()
        assert send(phone, panel, 1.5) and any(a.startswith("Sent: 1.5") for a in bodies(phone.last, "alert"))
        link = phone.query
        assert "class=" in link and "me=" in link  # the student's place, in the address bar
        phone.close()
        servers[1].kill()  # the student's replica goes down with its sessions, and comes back as a new process
        servers[1].wait(timeout=10)
        back = Learner(replica(), page=LIVE)
        back.rerun(query=link)  # the browser reconnects with the address it shows
        assert any(b.startswith("Sent: 1.5") for b in bodies(back.last, "markdown"))  # its answer is still there
        teacher.rerun(fragment=teacher.fragments[teacher.widget("button", "Reveal").id])
        assert "1 of 1 answered" in " ".join(bodies(teacher.last, "markdown"))
        teacher.click("Reveal")
        (panel, _every), = back.timers.items()
        back.rerun(fragment=panel)
        assert any(a.startswith("The answer was") and "yours, 1.5" in a  # no z of the seed's pass is 1.5
                   for a in bodies(back.last, "alert")), bodies(back.last, "alert")
        for session in (teacher, back):
            assert session.errors() == []
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
