-- The hash chain of each device's visit reports (issue 11): the link
-- (sync_proto::visit_link, lowercase hex) of the last visit report the
-- device uploaded, applied or rejected. The next report must name it as its
-- previous one, else its record on the case says the chain is broken.
CREATE TABLE visit_chains (
    device_id  TEXT PRIMARY KEY,
    head       TEXT NOT NULL
) STRICT;
