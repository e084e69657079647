-- The search row keeps a case's facts apart (issue 17), so the list can
-- say why a case matched: the name, the case number, the addresses, the
-- phones and — new — the PESEL; the addresses and phones also as shown, for
-- that reason's text. The store fills the new table from the case files on
-- its next open (the folding is the domain's, in Rust): `search_reindex`
-- in sync_state asks for it.
CREATE VIRTUAL TABLE case_search_fields USING fts5(
    case_id UNINDEXED,
    name,
    number,
    places,
    phones,
    pesel,
    places_shown UNINDEXED,
    phones_shown UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
DROP TABLE case_search;
ALTER TABLE case_search_fields RENAME TO case_search;
INSERT OR REPLACE INTO sync_state (key, value) VALUES ('search_reindex', 'pending');
