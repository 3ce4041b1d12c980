"""The live class's load test (benchmarks/live_class.py), run smaller in the suite: a teacher's explorer and 40
students' live class pages through the server, in Streamlit's own websocket protocol, each student's panel on its
2 s timer. Once on one server with SQLite, once on two replicas sharing a real PostgreSQL server behind nginx (the
deployed config), with the teacher on one replica and students on both. Every answer sent is counted, every page shows
the verdict the core gives its answer, and each step and reveal reaches every page within its refresh."""
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import live_class  # noqa: E402

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
