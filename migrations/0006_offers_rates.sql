-- Offers saved on this device, each a thing with an identity (issue #10):
-- the wire body as uploaded (its terms rebuild it exactly, so signing renders
-- that offer and no other), when it was saved, and the settlement that
-- signed it (once per offer).
CREATE TABLE offers (
    id             TEXT PRIMARY KEY,
    case_id        TEXT NOT NULL,
    body           TEXT NOT NULL,
    saved_at       TEXT NOT NULL,
    settlement_id  TEXT UNIQUE
) STRICT;
CREATE INDEX offers_case ON offers(case_id);

-- The dated NBP reference rates the server last sent with the policy: the
-- rate in force from `since` (ISO date) until the next row's day, as decimal
-- text ("0.0375"). Empty: the domain's own table.
CREATE TABLE reference_rates (
    since  TEXT PRIMARY KEY,
    rate   TEXT NOT NULL
) STRICT;

-- The agreements and amendments signed on a case, as the server took them
-- (and as this device signed them, until the server's copy arrives with the
-- case): the schedule in force. `schedule` is one "YYYY-MM-DD grosze" line
-- per payment.
CREATE TABLE agreement (
    id              TEXT PRIMARY KEY,
    case_id         TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    number          TEXT NOT NULL,
    signed_on       TEXT NOT NULL,
    total           INTEGER NOT NULL,
    voluntary_only  INTEGER NOT NULL CHECK (voluntary_only IN (0, 1)),
    schedule        TEXT NOT NULL,
    amends          TEXT
) STRICT;
CREATE INDEX agreement_case ON agreement(case_id, position);
