-- The office inbox (issue #12, branch inbox).
SELECT 1;
