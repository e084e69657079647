-- A team lead's decision that arrived with a download and that the advisor
-- has not opened yet (issue 17): the sync bar announces it until the
-- advisor opens it. One row per offer or plan decided.
CREATE TABLE unseen_decision (
    about       TEXT PRIMARY KEY,
    case_id     TEXT,
    plan_date   TEXT,
    approved    INTEGER NOT NULL,
    reviewed_at TEXT NOT NULL
) STRICT;
