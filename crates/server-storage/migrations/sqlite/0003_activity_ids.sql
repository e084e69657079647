-- Which case each timeline entry's id belongs to, so that an id is used once
-- across every case (a device's replica keeps activities by id; one id in two
-- cases would stop its sync). Filled from the stored documents.
CREATE TABLE activity_ids (
    id       TEXT PRIMARY KEY,
    case_id  TEXT NOT NULL
) STRICT;
INSERT OR IGNORE INTO activity_ids (id, case_id)
    SELECT json_extract(a.value, '$.id'), c.id
    FROM cases c, json_each(c.doc, '$.activities') a;
