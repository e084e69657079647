-- The device replica of Partner, schema version 1.
-- Money is stored as INTEGER grosze (exact); dates as ISO 8601 text
-- ("2026-03-05", "2026-03-05T14:07:00"); ids as UUID text.

CREATE TABLE advisor (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    base_lat    REAL NOT NULL,
    base_lon    REAL NOT NULL,
    base_label  TEXT NOT NULL
) STRICT;

CREATE TABLE debtor (
    id            TEXT PRIMARY KEY,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    pesel         TEXT NOT NULL,
    vulnerability TEXT,
    -- The name folded to lowercase ASCII, "last first", for sorting lists.
    sort_name     TEXT NOT NULL
) STRICT;
CREATE INDEX debtor_sort ON debtor(sort_name);

CREATE TABLE phone (
    id          TEXT PRIMARY KEY,
    debtor_id   TEXT NOT NULL REFERENCES debtor(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    number      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('mobile', 'landline')),
    is_primary  INTEGER NOT NULL CHECK (is_primary IN (0, 1))
) STRICT;
CREATE INDEX phone_debtor ON phone(debtor_id);

CREATE TABLE email (
    id          TEXT PRIMARY KEY,
    debtor_id   TEXT NOT NULL REFERENCES debtor(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    address     TEXT NOT NULL,
    is_primary  INTEGER NOT NULL CHECK (is_primary IN (0, 1))
) STRICT;
CREATE INDEX email_debtor ON email(debtor_id);

CREATE TABLE address (
    id           TEXT PRIMARY KEY,
    debtor_id    TEXT NOT NULL REFERENCES debtor(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('residence', 'correspondence', 'registered')),
    street       TEXT NOT NULL,
    postal_code  TEXT NOT NULL,
    city         TEXT NOT NULL,
    lat          REAL,
    lon          REAL
) STRICT;
CREATE INDEX address_debtor ON address(debtor_id);

CREATE TABLE consent (
    debtor_id    TEXT NOT NULL REFERENCES debtor(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('phone', 'sms', 'email', 'home_visit')),
    granted      INTEGER NOT NULL CHECK (granted IN (0, 1)),
    recorded_on  TEXT NOT NULL,
    PRIMARY KEY (debtor_id, kind)
) STRICT;

CREATE TABLE case_file (
    id           TEXT PRIMARY KEY,
    number       TEXT NOT NULL UNIQUE,
    debtor_id    TEXT NOT NULL REFERENCES debtor(id),
    advisor_id   TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('new', 'visit_planned', 'visited', 'promise_to_pay',
                     'settlement_signed', 'paying', 'broken_promise', 'closed')),
    opened_on    TEXT NOT NULL,
    appointment  TEXT,
    -- The key facts of the case list, derived from the rows below by
    -- store::cases::refresh_summary whenever they change (never written
    -- otherwise), so that listing and searching need no per-row aggregation.
    city             TEXT NOT NULL DEFAULT '',
    outstanding      INTEGER NOT NULL DEFAULT 0,
    next_promise_due TEXT,
    limitation_date  TEXT,
    last_activity    TEXT
) STRICT;
CREATE INDEX case_file_debtor ON case_file(debtor_id);
CREATE INDEX case_file_status ON case_file(status);

CREATE TABLE debt (
    id                 TEXT PRIMARY KEY,
    case_id            TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    position           INTEGER NOT NULL,
    title              TEXT NOT NULL,
    original_creditor  TEXT NOT NULL,
    creditor_kind      TEXT NOT NULL CHECK (creditor_kind IN ('telecom', 'bank', 'utility', 'loan')),
    principal          INTEGER NOT NULL,
    interest           INTEGER NOT NULL,
    costs              INTEGER NOT NULL,
    due_since          TEXT NOT NULL,
    limitation_date    TEXT NOT NULL
) STRICT;
CREATE INDEX debt_case ON debt(case_id);

CREATE TABLE payment (
    id        TEXT PRIMARY KEY,
    case_id   TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    paid_on   TEXT NOT NULL,
    amount    INTEGER NOT NULL,
    channel   TEXT NOT NULL CHECK (channel IN ('bank_transfer', 'post_office', 'enforcement'))
) STRICT;
CREATE INDEX payment_case ON payment(case_id, paid_on);

CREATE TABLE promise (
    id        TEXT PRIMARY KEY,
    case_id   TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    made_on   TEXT NOT NULL,
    due_on    TEXT NOT NULL,
    amount    INTEGER NOT NULL,
    status    TEXT NOT NULL CHECK (status IN ('pending', 'kept', 'broken'))
) STRICT;
CREATE INDEX promise_case ON promise(case_id, due_on);

CREATE TABLE activity (
    id        TEXT PRIMARY KEY,
    case_id   TEXT NOT NULL REFERENCES case_file(id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('call', 'sms', 'letter', 'visit', 'note', 'payment', 'promise')),
    author    TEXT NOT NULL,
    summary   TEXT NOT NULL
) STRICT;
CREATE INDEX activity_case ON activity(case_id, at);

-- Full-text search over debtor name, case number, addresses and phones. The
-- text is folded to lowercase ASCII by the store before it is written, and the
-- query is folded the same way, so "Wojcik" finds "Wójcik".
CREATE VIRTUAL TABLE case_search USING fts5(
    case_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Every change captured on the device, written in the same transaction as the
-- change itself, waiting to be uploaded exactly once.
CREATE TABLE outbox (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    mutation_id  TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL,
    case_id      TEXT,
    payload      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'applied', 'rejected')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT
) STRICT;
CREATE INDEX outbox_state ON outbox(state, seq);

-- Sync bookkeeping: cursor, device id, last sync time, server address.
CREATE TABLE sync_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
) STRICT;
