-- The same as the SQLite backend's 0007_threads.sql, in Postgres types.
CREATE TABLE threads (
    case_id     UUID PRIMARY KEY,
    advisor_id  UUID NOT NULL,
    urgent      BOOLEAN NOT NULL,
    unanswered  BOOLEAN NOT NULL,
    last_at     TIMESTAMP(0) NOT NULL
);
CREATE INDEX threads_order ON threads (urgent DESC, unanswered DESC, last_at DESC, case_id);
CREATE INDEX threads_advisor ON threads (advisor_id, urgent DESC, unanswered DESC, last_at DESC, case_id);
