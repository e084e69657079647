-- The inbox's counts per kind of one advisor read this index alone (the
-- office's filter by advisor; issue #12's bench: 68 ms on SQLite without).
CREATE INDEX inbox_advisor_kind ON inbox (advisor_id, kind, state, received_at);
