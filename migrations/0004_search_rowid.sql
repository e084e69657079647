-- The search row of a case takes the case's rowid, so that replacing or
-- removing it is a rowid lookup. (case_id is UNINDEXED in FTS5: finding a
-- row by it reads the whole index, which made every synced case cost a scan
-- of all cases.) Existing rows are re-keyed in place; their folded text is
-- kept as it is.
CREATE TEMP TABLE search_rekey AS
    SELECT cf.rowid AS r, s.case_id AS case_id, s.body AS body
    FROM case_search s JOIN case_file cf ON cf.id = s.case_id;
DELETE FROM case_search;
INSERT INTO case_search (rowid, case_id, body) SELECT r, case_id, body FROM search_rekey;
DROP TABLE search_rekey;
