-- The runner's claim orders due enrollments by (next_run_at, id) (lib/store/claim.ts: ties on the
-- due time are taken in enrollment order, so daily caps roll over the later ones). With two
-- indexes on next_run_at alone (enrollments_due, enrollments_due_step), a claim of 500 read,
-- joined and sorted every due row first: with 20,000 rows due at one instant, 20,000 contact
-- joins and a sort spilled to disk per claim of 500, and the planner, whose statistics lag behind
-- a release of due work, kept that plan. One index keyed (next_run_at, id) makes the claim an
-- ordered scan that stops at its LIMIT. It also carries what the dashboard's due count reads
-- (version, step index; lib/server/dashboard/count-due-messages.ts) so that count stays
-- index-only, and every enrollment write that is due maintains one index instead of two.
DROP INDEX enrollments_due;
DROP INDEX enrollments_due_step;
CREATE INDEX enrollments_due ON "enrollments" ("next_run_at", "id") INCLUDE ("sequence_version_id", "current_step_index")
  WHERE status = 'active' AND next_run_at IS NOT NULL;
