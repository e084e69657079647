-- The office inbox (issue #12, branch inbox): one row per thing the field
-- sent that the office must see, written by the rules with the mutation
-- that brought it; (id, kind): a visit with money at the door gives two.
CREATE TABLE inbox (
    id          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    case_id     TEXT NOT NULL,
    advisor_id  TEXT NOT NULL,
    received_at TEXT NOT NULL,
    device_at   TEXT NOT NULL,
    summary     TEXT NOT NULL,
    state       TEXT NOT NULL,
    decided_by  TEXT,
    decided_at  TEXT,
    PRIMARY KEY (id, kind)
) STRICT;
CREATE INDEX inbox_order ON inbox (received_at DESC, id DESC, kind DESC);
CREATE INDEX inbox_kind ON inbox (kind, received_at DESC, id DESC);
CREATE INDEX inbox_advisor ON inbox (advisor_id, received_at DESC, id DESC);
-- The mutations applied before this table: their rows, received when they
-- were made (the server kept no other time), new.
INSERT INTO inbox (id, kind, case_id, advisor_id, received_at, device_at, summary, state)
SELECT m.id,
       CASE m.kind WHEN 'visit' THEN 'visit' WHEN 'contact' THEN 'contact'
                   WHEN 'settlement' THEN 'settlement' ELSE 'message' END,
       m.case_id, m.user_id, substr(m.created_at, 1, 19), substr(m.created_at, 1, 19),
       COALESCE(json_extract(c.doc, '$.debtor.first_name') || ' ' ||
                json_extract(c.doc, '$.debtor.last_name') || ' · ' ||
                json_extract(c.doc, '$.number'), ''),
       'new'
FROM mutations m LEFT JOIN cases c ON c.id = m.case_id
WHERE m.outcome = 'applied' AND m.kind IN ('visit', 'contact', 'settlement', 'message');
INSERT INTO inbox (id, kind, case_id, advisor_id, received_at, device_at, summary, state)
SELECT m.id, 'door_payment', m.case_id, m.user_id, substr(m.created_at, 1, 19),
       substr(m.created_at, 1, 19),
       COALESCE(json_extract(c.doc, '$.debtor.first_name') || ' ' ||
                json_extract(c.doc, '$.debtor.last_name') || ' · ' ||
                json_extract(c.doc, '$.number'), ''),
       'new'
FROM mutations m LEFT JOIN cases c ON c.id = m.case_id
WHERE m.outcome = 'applied' AND m.kind = 'visit'
  AND (json_extract(m.body, '$.receipt') IS NOT NULL OR json_extract(m.body, '$.amount') IS NOT NULL);
