-- Failed logins in a row (issue #15), per key: "login:<login>" or
-- "address:<ip>". The server waits longer after each one; a good login
-- clears its keys. In the database, so that every instance sees them.
CREATE TABLE login_failures (
    key       TEXT PRIMARY KEY,
    failures  INTEGER NOT NULL,
    last_at   TEXT NOT NULL
) STRICT;
