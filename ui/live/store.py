"""A live class's life, over the database: the teacher starts it and gets a join code and a secret; students join with
the code; the teacher's pass opens a round for each quiz question, the students answer it, and the teacher reveals
it. Plain Python: every page and test goes through these functions, never SQL of its own.

What a student reads never holds another student's answer before the reveal, nor anyone's name; what the teacher
reads needs the secret. Joins and answers are rate-limited; join codes expire; a class is deleted RETENTION after it
began."""
import hashlib
import hmac
import json
import math
import os
import secrets
from typing import NamedTuple

from backprop.classroom import ClassAnswer, Summary, summary
from backprop.i18n import N_
from backprop.quiz import Question, check

from .db import Cursor, Database

CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off a projector without doubt
CODE_LENGTH = 6
JOIN_HOURS = float(os.environ.get("BACKPROP_LIVE_JOIN_HOURS", "3"))         # a code joins for this long
RETENTION_HOURS = float(os.environ.get("BACKPROP_LIVE_RETENTION_HOURS", "24"))  # then the class is deleted
# wrong codes from one client in a minute: a whole school, or every user of a host whose proxy hides their
# addresses, shares one client, so its typos must not lock a class out; guessing one of 31⁶ codes at 60 a minute
# takes years
WRONG_CODES_PER_MINUTE = 60
STUDENTS_PER_CLASS = 500    # a class never grows past what a lecture hall holds
ANSWERS_PER_ROUND = 5       # a student may change an answer before the reveal, up to this many times
NICKNAME_LENGTH = 24


class Refused(ValueError):
    """An action the class does not allow, with the sentence that says why (untranslated, with {fields})."""

    def __init__(self, text: str, **fields):
        super().__init__(text)
        self.text, self.fields = text, fields


class Teacher(NamedTuple):
    class_id: str
    join_code: str
    secret: str   # shown once, in the teacher's link; the database keeps its hash


class Round(NamedTuple):
    number: int
    position: int          # the step of the pass it asks before
    question: dict         # as the page shows it: symbol, hint, where; the teacher's view adds expected and mistakes
    revealed: bool


class TeacherView(NamedTuple):
    join_code: str
    code_open: bool       # the join code still lets students in
    joined: int
    round: Round | None
    answered: int
    summary: Summary | None  # after the reveal


class StudentView(NamedTuple):
    nickname: str | None     # this student's own, shown to them alone
    round: Round | None
    answer: float | None     # this student's, if any
    right: bool | None       # after the reveal
    mistake: str | None
    expected: float | None   # after the reveal


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def question_json(question: Question, where: str) -> str:
    """A quiz question as a round keeps it: what students see, and what only the reveal shows."""
    return json.dumps({"symbol": question.symbol, "hint": question.hint, "where": where, "kind": question.kind,
                       "position": question.position, "expected": question.expected,
                       "mistakes": [list(m) for m in question.mistakes]})


def question_from_json(text: str) -> Question:
    """The quiz's question a round keeps (what question_json wrote), to check an answer with."""
    data = json.loads(text)
    return Question(data["position"], data["kind"], None, data["symbol"], data["expected"], data["hint"], "",
                    tuple((what, value) for what, value in data["mistakes"]))


def _shown(text: str, teacher: bool) -> dict:
    data = json.loads(text)
    keep = ("symbol", "hint", "where", "kind", "position") + (("expected", "mistakes") if teacher else ())
    return {key: data[key] for key in keep}


def _window(now: float, seconds: float) -> float:
    """The start of the current window of `seconds`, in which a rate limit counts tries."""
    return math.floor(now / seconds) * seconds


def _tries(cursor: Cursor, bucket: str, seconds: float, now: float) -> int:
    """Count one more try in `bucket` in the current window of `seconds`; the tries in it so far."""
    return cursor.one("INSERT INTO attempts (bucket, slot, count) VALUES (?, ?, 1) ON CONFLICT (bucket, slot) "
                      "DO UPDATE SET count = attempts.count + 1 RETURNING count", (bucket, _window(now, seconds)))[0]


def create_class(db: Database, link: str, now: float) -> Teacher:
    """A new class for the explorer's state in `link`; old classes past their time are deleted first."""
    purge(db, now)
    secret, class_id = secrets.token_urlsafe(24), secrets.token_urlsafe(12)
    for _try in range(8):  # a code taken by a live class is drawn again
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
        with db.transaction() as cursor:
            if cursor.one("SELECT 1 FROM classes WHERE join_code = ?", (code,)) is None:
                cursor.execute("INSERT INTO classes (id, join_code, secret_hash, link, created, code_expires, expires) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?)", (class_id, code, _hash(secret), link, now,
                                                                now + JOIN_HOURS * 3600, now + RETENTION_HOURS * 3600))
                return Teacher(class_id, code, secret)
    raise Refused(N_("No join code was free: try again."))


def _teacher_class(cursor: Cursor, class_id: str, secret: str) -> tuple:
    row = cursor.one("SELECT secret_hash, join_code, code_expires, current_round FROM classes WHERE id = ?", (class_id,))
    if row is None or not hmac.compare_digest(row[0], _hash(secret)):
        raise Refused(N_("This teacher's link is not valid: the class may have ended."))
    return row


def resume(db: Database, class_id: str, secret: str) -> tuple[Teacher, str]:
    """The teacher's side back from the teacher's link (a reload, another screen): the class and the explorer's link
    it began with."""
    with db.transaction(write=False) as cursor:
        code = _teacher_class(cursor, class_id, secret)[1]
        link = cursor.one("SELECT link FROM classes WHERE id = ?", (class_id,))[0]
    return Teacher(class_id, code, secret), link


def join(db: Database, code: str, nickname: str | None, client: str, now: float) -> tuple[str, str]:
    """(class id, student id) for a student who typed `code`; `client` names where the request came from. Only wrong
    or expired codes count against the client: a class behind one school address (or one proxy) joins at once, and
    a guess at codes stops after WRONG_CODES_PER_MINUTE."""
    code = "".join(str(code).split()).upper()[:CODE_LENGTH + 4]
    name = (nickname or "").strip()[:NICKNAME_LENGTH] or None
    bucket = f"join:{client}"
    with db.transaction() as cursor:
        wrong = cursor.one("SELECT count FROM attempts WHERE bucket = ? AND slot = ?", (bucket, _window(now, 60)))
        if wrong is not None and wrong[0] >= WRONG_CODES_PER_MINUTE:
            raise Refused(N_("Too many wrong codes from here: wait a minute."))
        row = cursor.one("SELECT c.id, c.code_expires, COUNT(s.id) FROM classes c LEFT JOIN students s "
                         "ON s.class_id = c.id WHERE c.join_code = ? GROUP BY c.id, c.code_expires", (code,))
        if row is None or now > row[1]:
            _tries(cursor, bucket, 60, now)  # counted, and kept: the refusal is raised once this commits
            refused = (Refused(N_("No class has the code {code}."), code=code) if row is None else
                       Refused(N_("The code {code} has expired: ask for a new one."), code=code))
        elif row[2] >= STUDENTS_PER_CLASS:
            refused = Refused(N_("This class is full: {limit} students have joined."), limit=STUDENTS_PER_CLASS)
        else:
            student = secrets.token_urlsafe(12)
            cursor.execute("INSERT INTO students (id, class_id, nickname, joined) VALUES (?, ?, ?, ?)",
                           (student, row[0], name, now))
            return row[0], student
    raise refused


def open_round(db: Database, class_id: str, secret: str, position: int, question: str, now: float) -> int:
    """The teacher's pass reached a question: every student's page asks it. The round's number."""
    with db.transaction() as cursor:
        number = _teacher_class(cursor, class_id, secret)[3] + 1
        cursor.execute("INSERT INTO rounds (class_id, round, position, question, opened) VALUES (?, ?, ?, ?, ?)",
                       (class_id, number, position, question, now))
        cursor.execute("UPDATE classes SET current_round = ? WHERE id = ?", (number, class_id))
        return number


def answer(db: Database, class_id: str, student: str, number: int, value: float, now: float) -> None:
    """A student's answer to round `number`; a later one replaces it until the reveal."""
    with db.transaction() as cursor:
        known = cursor.one("SELECT 1 FROM students WHERE id = ? AND class_id = ?", (student, class_id))
        row = cursor.one("SELECT question, revealed FROM rounds WHERE class_id = ? AND round = ?", (class_id, number))
        if known is None or row is None:
            raise Refused(N_("This class has no such question for you: reload the page."))
        if row[1] is not None:
            raise Refused(N_("The answer has been revealed: no more answers to this question."))
        if _tries(cursor, f"answer:{student}:{number}", 3600, now) > ANSWERS_PER_ROUND:
            raise Refused(N_("You have changed this answer {limit} times: it stands."), limit=ANSWERS_PER_ROUND)
        verdict = check(question_from_json(row[0]), value)
        cursor.execute("INSERT INTO answers (class_id, round, student_id, value, is_right, mistake, answered) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (class_id, round, student_id) DO UPDATE SET "
                       "value = excluded.value, is_right = excluded.is_right, mistake = excluded.mistake, "
                       "answered = excluded.answered, tries = answers.tries + 1",
                       (class_id, number, student, value, int(verdict.right), verdict.mistake, now))


def reveal(db: Database, class_id: str, secret: str, now: float) -> None:
    with db.transaction() as cursor:
        number = _teacher_class(cursor, class_id, secret)[3]
        cursor.execute("UPDATE rounds SET revealed = ? WHERE class_id = ? AND round = ? AND revealed IS NULL",
                       (now, class_id, number))


def _round(cursor: Cursor, class_id: str, number: int, teacher: bool) -> Round | None:
    row = cursor.one("SELECT position, question, revealed FROM rounds WHERE class_id = ? AND round = ?",
                     (class_id, number))
    return None if row is None else Round(number, row[0], _shown(row[1], teacher or row[2] is not None),
                                          row[2] is not None)


def teacher_view(db: Database, class_id: str, secret: str, now: float) -> TeacherView:
    with db.transaction(write=False) as cursor:
        _hash_row, code, code_expires, number = _teacher_class(cursor, class_id, secret)
        joined = cursor.one("SELECT COUNT(*) FROM students WHERE class_id = ?", (class_id,))[0]
        current = _round(cursor, class_id, number, teacher=True)
        rows = cursor.all("SELECT value, is_right, mistake FROM answers WHERE class_id = ? AND round = ?",
                          (class_id, number))
    done = None
    if current is not None and current.revealed:
        done = summary([ClassAnswer(v, bool(r), m) for v, r, m in rows], current.question["expected"])
    return TeacherView(code, now <= code_expires, joined, current, len(rows), done)


def student_view(db: Database, class_id: str, student: str) -> StudentView:
    with db.transaction(write=False) as cursor:
        row = cursor.one("SELECT current_round, nickname FROM classes c JOIN students s ON s.class_id = c.id "
                         "WHERE c.id = ? AND s.id = ?", (class_id, student))
        if row is None:
            raise Refused(N_("This class has ended, or this link is not one of its students'."))
        current = _round(cursor, class_id, row[0], teacher=False)
        mine = cursor.one("SELECT value, is_right, mistake FROM answers WHERE class_id = ? AND round = ? AND "
                          "student_id = ?", (class_id, row[0], student))
    if current is None:
        return StudentView(row[1], None, None, None, None, None)
    value = None if mine is None else mine[0]
    if not current.revealed:
        return StudentView(row[1], current, value, None, None, None)
    return StudentView(row[1], current, value, None if mine is None else bool(mine[1]),
                       None if mine is None else mine[2], current.question["expected"])


def purge(db: Database, now: float) -> int:
    """Delete every class past its time, with its students, rounds and answers, and old rate-limit counts."""
    with db.transaction() as cursor:
        gone = cursor.execute("DELETE FROM classes WHERE expires < ?", (now,)).rowcount
        cursor.execute("DELETE FROM attempts WHERE slot < ?", (now - 2 * 3600,))
        return gone
