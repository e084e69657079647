-- The contact hours of the advisor's policy (issue #14): one row per
-- weekday from Monday (0) to Saturday (5), replaced whole with each policy;
-- a day with NULL hours allows no contact. No rows: the domain's default
-- (a replica that never got hours from a server).
CREATE TABLE contact_hours (
    weekday  INTEGER PRIMARY KEY CHECK (weekday BETWEEN 0 AND 5),
    opens    TEXT,
    closes   TEXT,
    CHECK ((opens IS NULL) = (closes IS NULL))
) STRICT;
