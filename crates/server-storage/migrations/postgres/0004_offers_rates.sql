-- The same as the SQLite backend's 0004_offers_rates.sql, in Postgres types.
CREATE TABLE settled_offers (
    offer_id       UUID PRIMARY KEY,
    settlement_id  UUID NOT NULL UNIQUE
);

CREATE TABLE amended_agreements (
    settlement_id  UUID PRIMARY KEY,
    amended_by     UUID NOT NULL UNIQUE
);

CREATE TABLE reference_rates (
    since  DATE PRIMARY KEY,
    rate   NUMERIC NOT NULL
);

-- The seed, as in the SQLite backend's 0004_offers_rates.sql.
INSERT INTO reference_rates (since, rate) VALUES
    ('2023-10-05', 0.0575),
    ('2025-05-08', 0.0525),
    ('2025-07-03', 0.05),
    ('2025-09-04', 0.0475),
    ('2025-10-09', 0.045),
    ('2025-11-06', 0.0425),
    ('2025-12-04', 0.04),
    ('2026-03-05', 0.0375);
