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

-- The seed: the decisions of the Monetary Policy Council that
-- `domain::offer::ReferenceRates::nbp` ships with (the storage stories check
-- that the two agree). The earliest rate also covers the days before it.
INSERT INTO reference_rates (since, rate) VALUES
    ('2023-10-05', '0.0575'),
    ('2025-05-08', '0.0525'),
    ('2025-07-03', '0.05'),
    ('2025-09-04', '0.0475'),
    ('2025-10-09', '0.045'),
    ('2025-11-06', '0.0425'),
    ('2025-12-04', '0.04'),
    ('2026-03-05', '0.0375');
