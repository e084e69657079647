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
