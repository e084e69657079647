-- The timeline's own kinds (issue 17): an offer, a team lead's decision, a
-- settlement and a consultation message are no longer written as notes.
-- SQLite cannot change a CHECK constraint: the table is rebuilt with its
-- rows, its index and its columns as they were.
CREATE TABLE activity_kinds (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('call', 'sms', 'letter', 'visit', 'note', 'payment',
                                               'promise', 'offer', 'approval', 'settlement', 'message')),
    author      TEXT NOT NULL,
    summary     TEXT NOT NULL,
    received_at TEXT
) STRICT;
INSERT INTO activity_kinds (id, case_id, at, kind, author, summary, received_at)
    SELECT id, case_id, at, kind, author, summary, received_at FROM activity;
DROP TABLE activity;
ALTER TABLE activity_kinds RENAME TO activity;
CREATE INDEX activity_case ON activity(case_id, at);
