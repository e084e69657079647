-- The same as the SQLite backend's 0003_activity_ids.sql, in Postgres types.
CREATE TABLE activity_ids (
    id       UUID PRIMARY KEY,
    case_id  UUID NOT NULL
);
INSERT INTO activity_ids (id, case_id)
    SELECT (a->>'id')::uuid, c.id
    FROM cases c, jsonb_array_elements(c.doc->'activities') a
    ON CONFLICT DO NOTHING;
