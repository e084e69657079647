-- The same as the SQLite backend's 0006_contacts.sql, in Postgres types.
CREATE TABLE open_contacts (
    case_id  UUID PRIMARY KEY
);
