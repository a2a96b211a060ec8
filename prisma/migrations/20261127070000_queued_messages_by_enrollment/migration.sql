-- The enrollments list shows, per row, how many of the enrollment's messages are still queued
-- (lib/server/enrollment-views/list-enrollments.ts), and its "still delivering" filter asks the
-- same. The planner answered both through messages_status_idx: every queued entry of the whole
-- table, filtered by enrollment, once per row of the page. Its cost grew with the delivery queue
-- (and with the dead entries a drained queue leaves until VACUUM): 62 pages per row, 3,150 per
-- page of 51 rows, on a 1M-enrollment database with no message queued at all. Keyed by enrollment
-- and holding queued messages only, this index answers each row with one probe of a small index.
CREATE INDEX messages_queued_by_enrollment ON "messages" ("enrollment_id") WHERE status = 'queued';
