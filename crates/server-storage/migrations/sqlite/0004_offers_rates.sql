-- A settlement binds one accepted offer, once (issue #10): the offer's
-- mutation id and the settlement's.
CREATE TABLE settled_offers (
    offer_id       TEXT PRIMARY KEY,
    settlement_id  TEXT NOT NULL UNIQUE
) STRICT;

-- An agreement is amended once (aneks): the settlement that signed it and the
-- settlement that signed its amendment, which is then the one in force.
CREATE TABLE amended_agreements (
    settlement_id  TEXT PRIMARY KEY,
    amended_by     TEXT NOT NULL UNIQUE
) STRICT;

-- The dated NBP reference rates, owned by the server (seeded, extended by the
-- admin) and sent to devices with the policy: the rate in force from `since`
-- (ISO date), as decimal text ("0.0375").
CREATE TABLE reference_rates (
    since  TEXT PRIMARY KEY,
    rate   TEXT NOT NULL
) STRICT;
