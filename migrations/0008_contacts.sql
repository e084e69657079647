-- Contact data as proposals (issue 11).

-- A phone's mark: the number turned out wrong, or out of service.
ALTER TABLE phone ADD COLUMN mark TEXT CHECK (mark IN ('wrong_number', 'not_in_service'));

-- Consents per channel and purpose: the consent to direct marketing is
-- kept apart from the consent to contact (art. 398 of the electronic
-- communications law), with how and by whom it was captured. SQLite cannot
-- change a primary key in place: the table is rebuilt with its rows.
CREATE TABLE consent_v2 (
    debtor_id    TEXT NOT NULL REFERENCES debtor(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('phone', 'sms', 'email', 'home_visit')),
    marketing    INTEGER NOT NULL DEFAULT 0 CHECK (marketing IN (0, 1)),
    granted      INTEGER NOT NULL CHECK (granted IN (0, 1)),
    recorded_on  TEXT NOT NULL,
    method       TEXT CHECK (method IN ('in_person', 'written', 'phone', 'electronic')),
    captured_by  TEXT,
    PRIMARY KEY (debtor_id, kind, marketing)
) STRICT;
INSERT INTO consent_v2 (debtor_id, kind, marketing, granted, recorded_on)
    SELECT debtor_id, kind, 0, granted, recorded_on FROM consent ORDER BY rowid;
DROP TABLE consent;
ALTER TABLE consent_v2 RENAME TO consent;

-- The proposals of a case (sync_proto::ContactRecordDto as JSON): those
-- made here until the server's copy replaces them (`from_server` 0), and
-- the server's, with the back office's answer per change (1), replaced
-- with their case.
CREATE TABLE contact_proposal (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    record       TEXT NOT NULL,
    from_server  INTEGER NOT NULL CHECK (from_server IN (0, 1)),
    made_at      TEXT NOT NULL
) STRICT;
CREATE INDEX contact_proposal_case ON contact_proposal(case_id, made_at);
