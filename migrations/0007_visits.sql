-- Visit reports saved on this device (issue 11): the wire body as uploaded
-- (final once saved; a correction is a new report naming the one it
-- corrects) and its link in the device's hash chain (sync_proto::visit_link,
-- lowercase hex).
CREATE TABLE visit_report (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL,
    body        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX visit_report_case ON visit_report(case_id, created_at);

-- The head of this device's chain: the link of its last saved report. It
-- survives a wipe of the case data, as the device id does.
CREATE TABLE visit_chain (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    head  TEXT NOT NULL
) STRICT;
