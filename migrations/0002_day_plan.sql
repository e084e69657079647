-- Day plans the advisor built on the device (issue #5). One row per plan;
-- the plan itself (stops with times, dropped candidates) is the JSON of
-- sync_proto::PlanBody, the same body the "plan" outbox mutation carries.
-- A plan is a draft until submitted; a team lead's answer arrives with the
-- sync and sets status, comment, reviewer and time.
CREATE TABLE day_plan (
    id            TEXT PRIMARY KEY,
    plan_date     TEXT NOT NULL,
    body          TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
    submitted_at  TEXT,
    review_comment TEXT,
    reviewed_by   TEXT,
    reviewed_at   TEXT,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX day_plan_date ON day_plan(plan_date, updated_at);
