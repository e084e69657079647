-- The same as the SQLite backend's 0009_desk.sql, in Postgres types. Terms
-- are compared bytewise (COLLATE "C") so that prefix ranges hold.
CREATE TABLE case_search (
    case_id      UUID PRIMARY KEY,
    number       TEXT COLLATE "C" NOT NULL,
    name         TEXT NOT NULL,
    pesel        TEXT NOT NULL,
    town         TEXT NOT NULL,
    advisor_id   UUID,
    status       TEXT NOT NULL,
    outstanding  TEXT NOT NULL
);
CREATE INDEX case_search_number ON case_search (number, case_id);
CREATE TABLE case_search_terms (
    term     TEXT COLLATE "C" NOT NULL,
    case_id  UUID NOT NULL,
    PRIMARY KEY (term, case_id)
);
CREATE INDEX case_search_terms_case ON case_search_terms (case_id);
ALTER TABLE devices ADD COLUMN last_sync TIMESTAMP(0);
ALTER TABLE devices ADD COLUMN pending INTEGER;
ALTER TABLE devices ADD COLUMN app_version TEXT;
ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT FALSE;
