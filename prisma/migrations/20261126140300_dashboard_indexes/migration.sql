-- Indexes for the dashboard home page (lib/server/dashboard/): each figure is one indexed query.

-- Recent publishes and recent operator migrations, newest first (LIMIT n over an index).
CREATE INDEX "sequence_versions_published_at_idx" ON "sequence_versions" ("published_at");
CREATE INDEX "enrollment_migrations_created_at_idx" ON "enrollment_migrations" ("created_at");

-- Failures in the last 24 hours: partial, so they stay small however much history piles up.
CREATE INDEX enrollments_failed_recent ON "enrollments" ("finished_at") WHERE status = 'failed';
CREATE INDEX messages_failed_recent ON "messages" ("created_at") WHERE status = 'failed';

-- Messages due in the next 24 hours: the runner's due range, with the version and step index
-- carried in the index so the count groups by (version, step) without visiting the table.
CREATE INDEX enrollments_due_step ON "enrollments" ("next_run_at") INCLUDE ("sequence_version_id", "current_step_index")
  WHERE status = 'active' AND next_run_at IS NOT NULL;

-- Open tasks that are overdue.
CREATE INDEX tasks_open_due ON "tasks" ("due_at") WHERE completed_at IS NULL;
