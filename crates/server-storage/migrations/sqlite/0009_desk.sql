-- The back office's desk (issue #12, branch desk).
-- The portfolio search index: one row per case, kept by the rules with
-- every write of a case; `outstanding` is decimal text.
CREATE TABLE case_search (
    case_id      TEXT PRIMARY KEY,
    number       TEXT NOT NULL,
    name         TEXT NOT NULL,
    pesel        TEXT NOT NULL,
    town         TEXT NOT NULL,
    advisor_id   TEXT,
    status       TEXT NOT NULL,
    outstanding  TEXT NOT NULL
) STRICT;
CREATE INDEX case_search_number ON case_search (number, case_id);
-- The words a case is found by (folded name and town words, number key and
-- parts, PESEL, phone keys), each `[0-9a-z]+`, looked up by prefix range.
CREATE TABLE case_search_terms (
    term     TEXT NOT NULL,
    case_id  TEXT NOT NULL,
    PRIMARY KEY (term, case_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX case_search_terms_case ON case_search_terms (case_id);
-- What a device reported at its last download.
ALTER TABLE devices ADD COLUMN last_sync TEXT;
ALTER TABLE devices ADD COLUMN pending INTEGER;
ALTER TABLE devices ADD COLUMN app_version TEXT;
-- A disabled user's login and tokens are refused.
ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
