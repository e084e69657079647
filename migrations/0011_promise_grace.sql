-- The grace days of a promise to pay, sent with the advisor's policy: the
-- promise ledger judges by them offline (3 until a server sends them).
ALTER TABLE offer_policy ADD COLUMN promise_grace_days INTEGER NOT NULL DEFAULT 3;
