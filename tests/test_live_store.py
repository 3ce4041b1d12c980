"""The live class's storage, on SQLite and on a real PostgreSQL server: the schema's migrations, a round from join to
reveal, what each side may read, the rate limits, expiry and deletion, and two replicas sharing one class."""
import threading
import time

import pytest

from backprop import PRESETS, walkthrough
from backprop.quiz import KINDS, questions
from ui.live import store
from ui.live.db import Database
from ui.live.migrations import LATEST, migrate
from ui.live.store import Refused

NOW = 1_800_000_000.0


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    if request.param == "sqlite":
        database = Database(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    else:
        url = request.getfixturevalue("postgres_url")
        database = Database(url)
        with database.transaction() as cursor:  # each test starts from an empty database
            for table in ("answers", "rounds", "students", "classes", "attempts", "schema_version"):
                cursor.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    migrate(database)
    return database


def seed_question(position: int = 1):
    preset = PRESETS["seed"]()
    walk = walkthrough(preset.network, preset.inputs, preset.targets, preset.learning_rate)
    asked = questions(preset.network, walk, preset.targets, list(KINDS))
    return asked[position]


def test_migrations_run_once_and_a_newer_schema_is_refused(db):
    assert migrate(db) == LATEST == 1
    with db.transaction() as cursor:
        assert cursor.one("SELECT COUNT(*) FROM schema_version")[0] == 1
        cursor.execute("INSERT INTO schema_version (version) VALUES (?)", (LATEST + 1,))
    with pytest.raises(RuntimeError, match="newer"):
        migrate(db)


def test_a_round_from_join_to_reveal(db):
    teacher = store.create_class(db, "preset=seed", NOW)
    assert len(teacher.join_code) == 6 and set(teacher.join_code) <= set(store.CODE_LETTERS)
    question = seed_question()
    class_id, ann = store.join(db, teacher.join_code.lower(), "Ann", "10.0.0.1", NOW)
    _, bob = store.join(db, f" {teacher.join_code} ", None, "10.0.0.1", NOW)
    assert class_id == teacher.class_id
    assert store.student_view(db, class_id, ann).round is None  # nothing asked yet
    number = store.open_round(db, class_id, teacher.secret, question.position,
                              store.question_json(question, "h¹₁"), NOW + 1)
    seen = store.student_view(db, class_id, ann)
    assert seen.round.number == number == 1 and "expected" not in seen.round.question
    assert seen.round.question["symbol"] == question.symbol
    store.answer(db, class_id, ann, number, question.expected * 1.001, NOW + 2)
    store.answer(db, class_id, bob, number, question.expected - 2.0, NOW + 2)  # the bias left out
    store.answer(db, class_id, bob, number, question.expected + 2.0, NOW + 3)  # changed: the last one stands
    view = store.teacher_view(db, class_id, teacher.secret, NOW + 4)
    assert (view.joined, view.answered, view.summary) == (2, 2, None)
    assert store.student_view(db, class_id, bob).expected is None  # no answer shown before the reveal
    store.reveal(db, class_id, teacher.secret, NOW + 5)
    view = store.teacher_view(db, class_id, teacher.secret, NOW + 5)
    assert view.summary.answered == 2 and view.summary.right == 0.5 and sum(view.summary.counts) == 2
    mine = store.student_view(db, class_id, bob)
    assert (mine.right, mine.answer, mine.expected) == (False, question.expected + 2.0, question.expected)
    assert mine.nickname is None and "Ann" not in repr(mine)  # another student's name is never in it
    assert store.student_view(db, class_id, ann).nickname == "Ann"  # her own is, for her
    with pytest.raises(Refused, match="revealed"):
        store.answer(db, class_id, ann, number, 1.0, NOW + 6)


def test_the_named_mistakes_and_their_shares(db):
    teacher = store.create_class(db, "preset=seed", NOW)
    question = seed_question()  # z of hidden layer 1: the bias left out is a known mistake
    number = store.open_round(db, teacher.class_id, teacher.secret, 1, store.question_json(question, "h"), NOW)
    wrong = dict(question.mistakes)["the bias b was left out"]
    for k, value in enumerate([wrong, wrong, wrong, question.expected]):
        _, student = store.join(db, teacher.join_code, None, f"client{k}", NOW)
        store.answer(db, teacher.class_id, student, number, value, NOW)
    store.reveal(db, teacher.class_id, teacher.secret, NOW)
    done = store.teacher_view(db, teacher.class_id, teacher.secret, NOW).summary
    assert done.right == 0.25 and done.mistakes == (("the bias b was left out", 0.75),)


def test_the_teachers_side_needs_the_secret(db):
    teacher = store.create_class(db, "preset=seed", NOW)
    for action in (lambda: store.teacher_view(db, teacher.class_id, "guess", NOW),
                   lambda: store.reveal(db, teacher.class_id, teacher.secret[:-1] + "x", NOW),
                   lambda: store.open_round(db, teacher.class_id, "", 1, "{}", NOW)):
        with pytest.raises(Refused, match="teacher's link"):
            action()
    with db.transaction(write=False) as cursor:  # only the secret's hash is kept
        assert teacher.secret not in repr(cursor.all("SELECT * FROM classes"))


def test_codes_expire_and_classes_are_deleted_after_a_day(db):
    teacher = store.create_class(db, "preset=seed", NOW)
    with pytest.raises(Refused, match="expired"):
        store.join(db, teacher.join_code, None, "c", NOW + store.JOIN_HOURS * 3600 + 1)
    with pytest.raises(Refused, match="No class has the code"):
        store.join(db, "ZZZZZZ", None, "c", NOW)
    _, student = store.join(db, teacher.join_code, "Ann", "c", NOW)
    assert store.purge(db, NOW + 3600) == 0
    assert store.purge(db, NOW + store.RETENTION_HOURS * 3600 + 1) == 1
    with db.transaction(write=False) as cursor:
        assert cursor.one("SELECT COUNT(*) FROM students")[0] == 0  # the students went with it
    with pytest.raises(Refused, match="ended"):
        store.student_view(db, teacher.class_id, student)


def test_joins_and_answers_are_rate_limited(db):
    teacher = store.create_class(db, "preset=seed", NOW)
    for _ in range(120):  # a lecture hall behind one school address joins in the same minute
        store.join(db, teacher.join_code, None, "one school", NOW)
    for _ in range(store.WRONG_CODES_PER_MINUTE):  # a guess at codes is not
        with pytest.raises(Refused, match="No class"):
            store.join(db, "ZZZZZZ", None, "guesser", NOW)
    with pytest.raises(Refused, match="Too many wrong codes"):  # not even with the right one, this minute
        store.join(db, teacher.join_code, None, "guesser", NOW)
    store.join(db, teacher.join_code, None, "guesser", NOW + 60)  # the next minute
    store.join(db, teacher.join_code, None, "one school", NOW)  # the school's address counted no wrong code
    _, student = store.join(db, teacher.join_code, None, "home", NOW)
    number = store.open_round(db, teacher.class_id, teacher.secret, 1, store.question_json(seed_question(), "h"), NOW)
    for k in range(store.ANSWERS_PER_ROUND):
        store.answer(db, teacher.class_id, student, number, float(k), NOW)
    with pytest.raises(Refused, match="stands"):
        store.answer(db, teacher.class_id, student, number, 9.0, NOW)


def test_a_full_class_refuses_one_more(db, monkeypatch):
    monkeypatch.setattr(store, "STUDENTS_PER_CLASS", 3)
    teacher, other = store.create_class(db, "preset=seed", NOW), store.create_class(db, "preset=seed", NOW)
    for k in range(3):
        store.join(db, teacher.join_code, None, f"c{k}", NOW)
    with pytest.raises(Refused, match="This class is full") as refused:
        store.join(db, teacher.join_code, None, "c4", NOW)
    assert refused.value.fields == {"limit": 3}
    store.join(db, other.join_code, None, "c4", NOW)  # another class is not full


def test_a_late_student_sees_the_question_under_way(db):
    teacher = store.create_class(db, "preset=seed", NOW)
    question = seed_question()
    store.open_round(db, teacher.class_id, teacher.secret, 1, store.question_json(question, "h"), NOW)
    _, late = store.join(db, teacher.join_code, None, "c", NOW + 30)
    assert store.student_view(db, teacher.class_id, late).round.question["symbol"] == question.symbol


def test_two_replicas_share_a_class_and_lose_no_answer(postgres_url):
    """Two app processes' databases are two Database objects on one server: 100 students answer at once through
    either, within 5 s, and the teacher's view on the other counts every answer."""
    replicas = [Database(postgres_url), Database(postgres_url)]
    with replicas[0].transaction() as cursor:
        for table in ("answers", "rounds", "students", "classes", "attempts", "schema_version"):
            cursor.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    threads = [threading.Thread(target=migrate, args=(r,)) for r in replicas]  # both start at once
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    teacher = store.create_class(replicas[0], "preset=seed", NOW)
    question = seed_question()
    number = store.open_round(replicas[0], teacher.class_id, teacher.secret, 1, store.question_json(question, "h"), NOW)
    students = [store.join(replicas[k % 2], teacher.join_code, None, f"c{k}", NOW)[1] for k in range(100)]
    errors = []

    def answer(k, student):
        try:
            store.answer(replicas[k % 2], teacher.class_id, student, number, question.expected, NOW)
        except Exception as error:  # noqa: BLE001  (collected, then asserted none)
            errors.append(error)
    threads = [threading.Thread(target=answer, args=(k, s)) for k, s in enumerate(students)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - started
    print(f"100 answers through two replicas' connections in {took:.2f} s")
    assert errors == [] and took < 5
    store.reveal(replicas[1], teacher.class_id, teacher.secret, NOW)
    view = store.teacher_view(replicas[1], teacher.class_id, teacher.secret, NOW)
    assert (view.joined, view.answered, view.summary.right) == (100, 100, 1.0)
