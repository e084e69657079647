-- The central server's database (SQLite backend), schema version 1.

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    login          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('advisor', 'team_lead', 'back_office', 'admin')),
    password_hash  TEXT NOT NULL,
    -- For advisors: where their day starts (JSON AdvisorDto), else NULL.
    advisor        TEXT
) STRICT;

CREATE TABLE devices (
    id          TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id),
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    expires_at  TEXT NOT NULL,
    revoked     INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1))
) STRICT;

-- Each case as the server holds it now, whole (JSON CaseFileDto).
CREATE TABLE cases (
    id          TEXT PRIMARY KEY,
    advisor_id  TEXT,
    doc         TEXT NOT NULL
) STRICT;
CREATE INDEX cases_advisor ON cases(advisor_id);

-- What changed for which advisor, in order: the download feed.
CREATE TABLE case_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     TEXT NOT NULL,
    advisor_id  TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('upsert', 'remove'))
) STRICT;
CREATE INDEX case_log_advisor ON case_log(advisor_id, seq);

-- Every mutation a device uploaded, applied at most once (the primary key).
CREATE TABLE mutations (
    id           TEXT PRIMARY KEY,
    device_id    TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    case_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('applied', 'rejected')),
    code         TEXT,
    reason       TEXT
) STRICT;
