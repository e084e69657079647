-- The office inbox (issue #12, branch inbox): one row per thing the field
-- sent that the office must see, written by the rules with the mutation
-- that brought it; (id, kind): a visit with money at the door gives two.
CREATE TABLE inbox (
    id          UUID NOT NULL,
    kind        TEXT NOT NULL,
    case_id     UUID NOT NULL,
    advisor_id  UUID NOT NULL,
    received_at TIMESTAMP(0) NOT NULL,
    device_at   TIMESTAMP(0) NOT NULL,
    summary     TEXT NOT NULL,
    state       TEXT NOT NULL,
    decided_by  UUID,
    decided_at  TIMESTAMP(0),
    PRIMARY KEY (id, kind)
);
CREATE INDEX inbox_order ON inbox (received_at DESC, id DESC, kind DESC);
CREATE INDEX inbox_kind ON inbox (kind, received_at DESC, id DESC);
CREATE INDEX inbox_advisor ON inbox (advisor_id, received_at DESC, id DESC);
-- The mutations applied before this table: their rows, received when they
-- were made (the server kept no other time), new.
INSERT INTO inbox (id, kind, case_id, advisor_id, received_at, device_at, summary, state)
SELECT m.id, m.kind, m.case_id, m.user_id, m.created_at, m.created_at,
       COALESCE((c.doc #>> '{debtor,first_name}') || ' ' || (c.doc #>> '{debtor,last_name}')
                || ' · ' || (c.doc ->> 'number'), ''),
       'new'
FROM mutations m LEFT JOIN cases c ON c.id = m.case_id
WHERE m.outcome = 'applied' AND m.kind IN ('visit', 'contact', 'settlement', 'message');
INSERT INTO inbox (id, kind, case_id, advisor_id, received_at, device_at, summary, state)
SELECT m.id, 'door_payment', m.case_id, m.user_id, m.created_at, m.created_at,
       COALESCE((c.doc #>> '{debtor,first_name}') || ' ' || (c.doc #>> '{debtor,last_name}')
                || ' · ' || (c.doc ->> 'number'), ''),
       'new'
FROM mutations m LEFT JOIN cases c ON c.id = m.case_id
WHERE m.outcome = 'applied' AND m.kind = 'visit'
  AND (m.body ->> 'receipt' IS NOT NULL OR m.body ->> 'amount' IS NOT NULL);
