"""The live classes' schema, versioned: each migration runs once, in order, in one transaction with the version it
brings, and replicas starting together take turns (PostgreSQL's advisory lock, SQLite's write lock)."""
from .db import Cursor, Database

TIME = "DOUBLE PRECISION"  # seconds since the epoch, the same in both databases
MIGRATIONS = (
    (1, (
        f"""CREATE TABLE classes (id TEXT PRIMARY KEY, join_code TEXT NOT NULL UNIQUE, secret_hash TEXT NOT NULL,
            link TEXT NOT NULL, created {TIME} NOT NULL, code_expires {TIME} NOT NULL, expires {TIME} NOT NULL,
            current_round INTEGER NOT NULL DEFAULT 0)""",
        f"""CREATE TABLE rounds (class_id TEXT NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
            round INTEGER NOT NULL, position INTEGER NOT NULL, question TEXT NOT NULL, opened {TIME} NOT NULL,
            revealed {TIME}, PRIMARY KEY (class_id, round))""",
        f"""CREATE TABLE students (id TEXT PRIMARY KEY, class_id TEXT NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
            nickname TEXT, joined {TIME} NOT NULL)""",
        "CREATE INDEX students_class ON students (class_id)",
        f"""CREATE TABLE answers (class_id TEXT NOT NULL, round INTEGER NOT NULL,
            student_id TEXT NOT NULL REFERENCES students (id) ON DELETE CASCADE, value DOUBLE PRECISION NOT NULL,
            is_right INTEGER NOT NULL, mistake TEXT, answered {TIME} NOT NULL, tries INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (class_id, round, student_id),
            FOREIGN KEY (class_id, round) REFERENCES rounds (class_id, round) ON DELETE CASCADE)""",
        f"""CREATE TABLE attempts (bucket TEXT NOT NULL, slot {TIME} NOT NULL, count INTEGER NOT NULL,
            PRIMARY KEY (bucket, slot))""",
    )),
)
LATEST = MIGRATIONS[-1][0]


def version(cursor: Cursor) -> int:
    cursor.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = cursor.one("SELECT MAX(version) FROM schema_version")
    return row[0] or 0 if row else 0


def migrate(db: Database) -> int:
    """Bring the schema to LATEST; the version it is at. A database newer than this code is refused."""
    with db.transaction() as cursor:
        if db.kind == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(7212)")  # one replica migrates; the others wait, then see it
        now = version(cursor)
        if now > LATEST:
            raise RuntimeError(f"the live-class database is at schema {now}, newer than this app's {LATEST}")
        for number, statements in MIGRATIONS:
            if number > now:
                for statement in statements:
                    cursor.execute(statement)
                cursor.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
        return max(now, LATEST)
