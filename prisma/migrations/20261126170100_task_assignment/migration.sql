-- Tasks for daily use (issue 17): an assignee, a due date always set, a priority and the note
-- left on completion. Tasks are written only by lib/store (tests/one-writer.test.ts).

CREATE TYPE "TaskPriority" AS ENUM ('low', 'normal', 'high');

ALTER TABLE "tasks" ADD COLUMN "assignee_id" UUID,
ADD COLUMN "priority" "TaskPriority" NOT NULL DEFAULT 'normal',
ADD COLUMN "completion_note" TEXT;

-- A user who is deleted leaves their tasks unassigned rather than blocking the delete.
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The note is limited like every text field (TASK_LIMITS.completionNote in lib/domain/tasks.ts).
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_completion_note_length" CHECK (char_length("completion_note") <= 2000);

-- Backfill: existing tasks go to their sequence's owner (the user who created it; none = unassigned)
-- and, where the due date was only the creation time (the runner wrote both alike until now), are
-- due one day after creation, the default for new tasks (TASK_DEFAULT_DUE_MS).
UPDATE "tasks" t SET "assignee_id" = s."created_by_id"
FROM "enrollments" e JOIN "sequences" s ON s."id" = e."sequence_id"
WHERE e."id" = t."enrollment_id" AND s."created_by_id" IN (SELECT "id" FROM "users");

UPDATE "tasks" SET "due_at" = "created_at" + interval '1 day' WHERE "due_at" IS NULL OR "due_at" = "created_at";

ALTER TABLE "tasks" ALTER COLUMN "due_at" SET NOT NULL;

-- "My open tasks, most urgent first" and "my overdue tasks" (the dashboard's link): one range scan.
CREATE INDEX tasks_open_assignee_due ON "tasks" ("assignee_id", "due_at") WHERE completed_at IS NULL;
