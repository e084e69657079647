-- Receipts of money taken at the door (potwierdzenie wpłaty, issue 11),
-- signed on this device: kept to show the client and the advisor. The id is
-- the visit report's (mutation) id; the payment is "przyjęta w terenie"
-- until a payment of the case with the same id arrives from the server.
CREATE TABLE door_receipt (
    id          TEXT PRIMARY KEY,
    case_id     TEXT NOT NULL,
    number      TEXT NOT NULL,
    amount      INTEGER NOT NULL,   -- grosze
    taken_on    TEXT NOT NULL,
    pdf         BLOB NOT NULL,
    sha256      TEXT NOT NULL
) STRICT;
CREATE INDEX door_receipt_case ON door_receipt(case_id, taken_on);
