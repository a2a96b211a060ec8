-- What the publisher saw and chose, written with the version (insert-only like the rest of the
-- row; the immutability trigger still refuses UPDATE): the guardrail warnings acknowledged, the
-- findings at publish time, and the in-flight plan (keep pinned, apply content-only fixes, or
-- open the migration wizard). Null for versions published before guardrails existed.
ALTER TABLE "sequence_versions" ADD COLUMN "publish_record" JSONB;
