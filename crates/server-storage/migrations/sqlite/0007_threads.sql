-- The consultation threads (issue 12): one row per case with a thread,
-- kept by the rules with every write of a case (from the thread on the
-- case document), so the office's paged list reads this index, never
-- every case. `urgent` is urgent and open; `unanswered` is open with the
-- advisor's message last; `last_at` the server's time of the last message.
CREATE TABLE threads (
    case_id     TEXT PRIMARY KEY,
    advisor_id  TEXT NOT NULL,
    urgent      INTEGER NOT NULL CHECK (urgent IN (0, 1)),
    unanswered  INTEGER NOT NULL CHECK (unanswered IN (0, 1)),
    last_at     TEXT NOT NULL
) STRICT;
CREATE INDEX threads_order ON threads (urgent DESC, unanswered DESC, last_at DESC, case_id);
CREATE INDEX threads_advisor ON threads (advisor_id, urgent DESC, unanswered DESC, last_at DESC, case_id);
