-- The day a debtor's vulnerability was noted (issue #14): it opens a
-- breathing space in which no visit is planned. NULL: not known (noted
-- before the day was kept), which opens none.
ALTER TABLE debtor ADD COLUMN vulnerability_since TEXT;
