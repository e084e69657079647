-- Cash taken at the door with a receipt and booked by the back office
-- (issue 12) is a payment channel of its own: "cash". SQLite cannot alter a
-- CHECK, so the table is rebuilt with every row kept.
CREATE TABLE payment_new (
    id        TEXT PRIMARY KEY,
    case_id   TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    paid_on   TEXT NOT NULL,
    amount    INTEGER NOT NULL,
    channel   TEXT NOT NULL CHECK (channel IN ('bank_transfer', 'post_office', 'enforcement', 'cash'))
) STRICT;
INSERT INTO payment_new (id, case_id, paid_on, amount, channel)
    SELECT id, case_id, paid_on, amount, channel FROM payment;
DROP TABLE payment;
ALTER TABLE payment_new RENAME TO payment;
CREATE INDEX payment_case ON payment(case_id, paid_on);
