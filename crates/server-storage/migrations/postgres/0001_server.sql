-- The central server's database (PostgreSQL backend), schema version 1.
-- The same tables as the SQLite backend's 0001_server.sql, in Postgres types.
-- Unqualified names: the tables go into the first schema of search_path.

CREATE TABLE users (
    id             UUID PRIMARY KEY,
    login          TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('advisor', 'team_lead', 'back_office', 'admin')),
    password_hash  TEXT NOT NULL,
    -- For advisors: where their day starts (AdvisorDto), else NULL.
    advisor        JSONB
);

CREATE TABLE devices (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users(id),
    name        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    -- UTC, whole seconds (as the SQLite backend keeps it).
    expires_at  TIMESTAMP(0) NOT NULL,
    revoked     BOOLEAN NOT NULL DEFAULT FALSE
);

-- Each case as the server holds it now, whole (CaseFileDto).
CREATE TABLE cases (
    id          UUID PRIMARY KEY,
    advisor_id  UUID,
    doc         JSONB NOT NULL
);
CREATE INDEX cases_advisor ON cases(advisor_id);

-- What changed for which advisor, in order: the download feed. Writers of
-- an advisor's rows hold that advisor's advisory lock until they commit, so
-- each advisor's rows become visible in seq order (see postgres.rs).
CREATE TABLE case_log (
    seq         BIGSERIAL PRIMARY KEY,
    case_id     UUID NOT NULL,
    advisor_id  UUID NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('upsert', 'remove'))
);
CREATE INDEX case_log_advisor ON case_log(advisor_id, seq);

-- Every mutation a device uploaded, applied at most once (the primary key).
CREATE TABLE mutations (
    id           UUID PRIMARY KEY,
    device_id    UUID NOT NULL,
    user_id      UUID NOT NULL,
    case_id      UUID NOT NULL,
    kind         TEXT NOT NULL,
    body         JSONB NOT NULL,
    created_at   TIMESTAMP(0) NOT NULL,
    outcome      TEXT NOT NULL CHECK (outcome IN ('applied', 'rejected')),
    code         TEXT,
    reason       TEXT
);
