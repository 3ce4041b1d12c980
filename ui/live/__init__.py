"""A live class: a teacher's screen drives the pass, the class predicts each number, and the projector shows what the
class answered before the step reveals it. Kept in SQLite by default, or in PostgreSQL when DATABASE_URL names one."""
