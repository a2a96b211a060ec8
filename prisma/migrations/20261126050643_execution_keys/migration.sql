-- DropIndex
DROP INDEX "messages_enrollment_id_idx";

-- DropIndex
DROP INDEX "tasks_enrollment_id_idx";

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "execution_key" TEXT NOT NULL;

-- AlterTable
ALTER TABLE "tasks" ADD COLUMN     "execution_key" TEXT NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "messages_enrollment_id_execution_key_key" ON "messages"("enrollment_id", "execution_key");

-- CreateIndex
CREATE UNIQUE INDEX "tasks_enrollment_id_execution_key_key" ON "tasks"("enrollment_id", "execution_key");
