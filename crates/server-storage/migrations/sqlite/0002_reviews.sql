-- Team review (issues #4 and #5): teams, advisors' offer policies, requests
-- awaiting a team lead's decision, and the answers in the download feed.

-- An advisor's team lead (a user with role team_lead), if any.
ALTER TABLE users ADD COLUMN team_lead TEXT REFERENCES users(id);
-- An advisor's offer policy and authority limits (JSON OfferPolicyDto);
-- NULL: the device keeps its defaults.
ALTER TABLE users ADD COLUMN offer_policy TEXT;

-- The feed also carries decisions ('review': case_id is the request id).
-- SQLite cannot change a CHECK in place: the table is rebuilt with its rows
-- and their seq (AUTOINCREMENT continues after the largest).
CREATE TABLE case_log_v2 (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id     TEXT NOT NULL,
    advisor_id  TEXT NOT NULL,
    op          TEXT NOT NULL CHECK (op IN ('upsert', 'remove', 'review'))
) STRICT;
INSERT INTO case_log_v2 (seq, case_id, advisor_id, op)
    SELECT seq, case_id, advisor_id, op FROM case_log;
DROP TABLE case_log;
ALTER TABLE case_log_v2 RENAME TO case_log;
CREATE INDEX case_log_advisor ON case_log(advisor_id, seq);

-- Offers beyond the advisor's authority and submitted day plans, each
-- awaiting (then holding) a team lead's decision. The id is the id of the
-- mutation that submitted it.
CREATE TABLE approvals (
    id            TEXT PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('offer', 'plan')),
    advisor_id    TEXT NOT NULL,
    case_id       TEXT,
    plan_date     TEXT,
    body          TEXT NOT NULL,
    submitted_at  TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'approved', 'rejected', 'returned')),
    comment       TEXT,
    decided_by    TEXT,
    decided_by_name TEXT,
    decided_at    TEXT
) STRICT;
CREATE INDEX approvals_advisor ON approvals(advisor_id, kind, status);
CREATE INDEX approvals_plan_date ON approvals(plan_date);
