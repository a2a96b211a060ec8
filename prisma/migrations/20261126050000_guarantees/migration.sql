-- Hand-written: what schema.prisma cannot express.

-- 1. Published versions are immutable: the database itself refuses UPDATE and DELETE, so the
--    guarantee does not depend on application code.
CREATE FUNCTION sequence_versions_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'sequence_versions rows are immutable: % of version % refused', TG_OP, OLD.id
    USING ERRCODE = 'P0001', HINT = 'Publish a new version instead.';
END;
$$;

CREATE TRIGGER sequence_versions_no_update BEFORE UPDATE ON "sequence_versions"
  FOR EACH ROW EXECUTE FUNCTION sequence_versions_immutable();
CREATE TRIGGER sequence_versions_no_delete BEFORE DELETE ON "sequence_versions"
  FOR EACH ROW EXECUTE FUNCTION sequence_versions_immutable();
CREATE TRIGGER sequence_versions_no_truncate BEFORE TRUNCATE ON "sequence_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION sequence_versions_immutable();

-- 2. Emails are stored lower-cased so the plain unique index is case-insensitive.
ALTER TABLE "contacts" ADD CONSTRAINT contacts_email_lower CHECK (email = lower(email));
ALTER TABLE "users" ADD CONSTRAINT users_email_lower CHECK (email = lower(email));

-- 3. At most one active or paused enrollment per contact per sequence.
CREATE UNIQUE INDEX enrollments_one_in_flight ON "enrollments" ("contact_id", "sequence_id")
  WHERE status IN ('active', 'paused');

-- 4. The runner's claim query: due active enrollments, oldest first. Partial, so completed
--    history (most rows, eventually) does not bloat it.
CREATE INDEX enrollments_due ON "enrollments" ("next_run_at")
  WHERE status = 'active' AND next_run_at IS NOT NULL;

-- 5. Contact search by name or email prefix, and keyset pagination by email.
CREATE INDEX contacts_name_search ON "contacts" (lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) text_pattern_ops);
