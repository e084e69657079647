-- Photos of a visit's evidence taken on this device (issue 11): the JPEG
-- as downscaled and uploaded (evidence::prepare, evidence::check), its
-- thumbnail for the case page, and the facts read from its header. The
-- photo's id is its "attachment" mutation's id: whether it was sent is
-- its outbox entry's state.
CREATE TABLE visit_photo (
    id          TEXT PRIMARY KEY,
    visit_id    TEXT NOT NULL,
    case_id     TEXT NOT NULL,
    ordinal     INTEGER NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    bytes       INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    jpeg        BLOB NOT NULL,
    thumb       BLOB NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX visit_photo_case ON visit_photo(case_id, visit_id, ordinal);
