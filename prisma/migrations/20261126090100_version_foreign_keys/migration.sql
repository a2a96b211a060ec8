-- CreateIndex
CREATE UNIQUE INDEX "sequence_versions_sequence_id_id_key" ON "sequence_versions"("sequence_id", "id");

-- AddForeignKey
ALTER TABLE "sequence_versions" ADD CONSTRAINT "sequence_versions_published_by_id_fkey" FOREIGN KEY ("published_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE RESTRICT;

-- Hand-written (schema.prisma cannot say it without a second relation field on Enrollment): an
-- enrollment is pinned to a version of its own sequence, not just to some version.
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_version_in_sequence_fkey" FOREIGN KEY ("sequence_id", "sequence_version_id") REFERENCES "sequence_versions"("sequence_id", "id") ON DELETE RESTRICT ON UPDATE RESTRICT;
