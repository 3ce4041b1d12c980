"""Where live classes are kept: SQLite by default (a file, no set-up), PostgreSQL when DATABASE_URL names one, so
replicas behind a proxy share a class. SQL is written once, with ? placeholders, for both."""
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

DEFAULT_FILE = Path(__file__).resolve().parents[2] / ".data" / "live.sqlite3"
POSTGRES = ("postgres://", "postgresql://")


class Cursor:
    """A transaction's statements: ? placeholders, rows as tuples."""

    def __init__(self, connection, placeholder: str):
        self.connection, self.placeholder = connection, placeholder

    def execute(self, sql: str, params: tuple = ()):
        return self.connection.execute(sql.replace("?", self.placeholder), params)

    def one(self, sql: str, params: tuple = ()) -> tuple | None:
        return self.execute(sql, params).fetchone()

    def all(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self.execute(sql, params).fetchall()


class Database:
    """One database, opened per transaction: a connection is cheap beside a page run, and nothing is held between."""

    def __init__(self, url: str | None = None):
        self.url = url or os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_FILE}"
        self.kind = "postgresql" if self.url.startswith(POSTGRES) else "sqlite"
        if self.kind == "sqlite":
            self.path = self.url.removeprefix("sqlite:///")
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def transaction(self, write: bool = True):
        """A block's statements, committed together at its end or rolled back by an error in it."""
        if self.kind == "postgresql":
            import psycopg  # noqa: PLC0415  (only a PostgreSQL deployment needs it)
            with psycopg.connect(self.url, connect_timeout=10) as connection, connection.transaction():
                yield Cursor(connection, "%s")
            return
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
            connection.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield Cursor(connection, "?")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")
        finally:
            connection.close()
