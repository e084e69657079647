-- The consultation thread of a case (issue 12), as the server sent it
-- (sync_proto::ThreadDto as JSON), replaced with its case. Questions asked
-- here and not yet in it are the outbox's "message" items.
CREATE TABLE case_thread (
    case_id  TEXT PRIMARY KEY REFERENCES case_file(id) ON DELETE CASCADE,
    thread   TEXT NOT NULL
) STRICT;
