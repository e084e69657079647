-- The back office's desk (issue #12, branch desk).
SELECT 1;
