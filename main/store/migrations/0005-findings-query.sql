-- Evidence store, version 5: the findings view pages, sorts and filters in SQL (main/checks/findings-query.ts).
-- A finding's status and check decide its place in the default order (failures first, then severity), so
-- one index in that shape lets the view: count findings per (status, check) without reading a table row,
-- seek straight to any (status, check) group, and page inside it in resource order. The primary key
-- (evaluation_id, check_id, resource_uid) cannot: status is not in it, so a "failures only" page would read
-- every row of the check. The cost is one more b-tree entry per finding written at evaluation.
CREATE INDEX findings_by_status_check ON findings(evaluation_id, status, check_id, resource_uid);
