-- Keyset pages of the enrollments list (lib/server/enrollment-views/list-enrollments.ts) filtered by
-- sequence, or by sequence and status, ordered by id DESC. Without these the planner walks
-- enrollments_pkey backwards and filters: instant for a sequence with recent enrollments, but for
-- one whose enrollments are all old it reads every newer row of every other sequence first
-- (247 ms at 1,000,000 enrollments, scripts/bench/explain-pages.ts). With them, the first page
-- is an index range scan that stops after 51 rows.
CREATE INDEX enrollments_sequence_status_id ON "enrollments" ("sequence_id", "status", "id");
CREATE INDEX enrollments_sequence_id_id ON "enrollments" ("sequence_id", "id");
