-- The same as the SQLite backend's 0005_visits.sql, in Postgres types. An
-- empty head is a device's chain row before its first report (taken so
-- that a concurrent first report of the device waits on the primary key).
CREATE TABLE visit_chains (
    device_id  UUID PRIMARY KEY,
    head       TEXT NOT NULL
);
