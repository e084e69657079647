-- Cases with contact proposals the back office has still to decide
-- (issue 11): kept by the rules with every write of a case, so the back
-- office's list reads this index, never every case.
CREATE TABLE open_contacts (
    case_id  TEXT PRIMARY KEY
) STRICT;
