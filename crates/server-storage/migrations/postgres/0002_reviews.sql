-- Team review (issues #4 and #5): the same as the SQLite backend's
-- 0002_reviews.sql, in Postgres types.

ALTER TABLE users ADD COLUMN team_lead UUID REFERENCES users(id);
ALTER TABLE users ADD COLUMN offer_policy JSONB;

-- The feed also carries decisions ('review': case_id is the request id).
ALTER TABLE case_log DROP CONSTRAINT case_log_op_check;
ALTER TABLE case_log ADD CONSTRAINT case_log_op_check
    CHECK (op IN ('upsert', 'remove', 'review'));

CREATE TABLE approvals (
    id            UUID PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('offer', 'plan')),
    advisor_id    UUID NOT NULL,
    case_id       UUID,
    plan_date     DATE,
    body          JSONB NOT NULL,
    submitted_at  TIMESTAMP(0) NOT NULL,
    status        TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'approved', 'rejected', 'returned')),
    comment       TEXT,
    decided_by    UUID,
    decided_by_name TEXT,
    decided_at    TIMESTAMP(0)
);
CREATE INDEX approvals_advisor ON approvals(advisor_id, kind, status);
CREATE INDEX approvals_plan_date ON approvals(plan_date);
