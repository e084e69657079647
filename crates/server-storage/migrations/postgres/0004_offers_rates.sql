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
