-- Team review answers and the advisor's offer policy (issues #4 and #5).

-- The approval state of each offer saved on this device that needed a team
-- lead (offer_id is the offer's timeline entry and mutation id), and of
-- answers received for offers made elsewhere.
CREATE TABLE offer_review (
    offer_id     TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    comment      TEXT,
    reviewed_by  TEXT,
    reviewed_at  TEXT
) STRICT;
CREATE INDEX offer_review_case ON offer_review(case_id);

-- The offer policy and authority limits the server last sent for this
-- advisor (one row, or none: the app's defaults). Money in grosze, shares
-- and rates as decimal text.
CREATE TABLE offer_policy (
    id                            INTEGER PRIMARY KEY CHECK (id = 1),
    min_installment               INTEGER NOT NULL,
    max_term_months               INTEGER NOT NULL,
    max_discount                  TEXT NOT NULL,
    lump_sum_discount             TEXT NOT NULL,
    lump_sum_days                 INTEGER NOT NULL,
    down_payment_min_share        TEXT NOT NULL,
    down_payment_due_within_days  INTEGER NOT NULL,
    first_installment_min_days    INTEGER NOT NULL,
    affordable_share              TEXT NOT NULL,
    reference_rate                TEXT NOT NULL,
    plan_interest_rate            TEXT,
    late_interest_rate            TEXT,
    max_pause_months              INTEGER NOT NULL,
    authority_discount_share      TEXT NOT NULL,
    authority_discount_amount     INTEGER NOT NULL,
    authority_term_months         INTEGER NOT NULL
) STRICT;
