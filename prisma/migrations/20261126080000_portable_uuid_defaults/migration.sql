-- Hand-written: databases migrated before ids became portable (PostgreSQL 14-18).
-- The init and login_attempts migrations were edited in place to create and call
-- sequencer_uuidv7() instead of PostgreSQL 18's uuidv7() (`migrate deploy` applies by name and
-- does not re-run or refuse an applied migration whose text changed). A database that had
-- already applied the old text has neither the function nor these defaults: this brings it to
-- the same state. On a fresh database both statements are no-ops (same body, same default).
CREATE OR REPLACE FUNCTION sequencer_uuidv7() RETURNS uuid
LANGUAGE plpgsql VOLATILE PARALLEL SAFE AS $$
DECLARE
  us bigint := floor(extract(epoch FROM clock_timestamp()) * 1000000);
  sub_ms int := (us % 1000) * 4096 / 1000;
  b bytea := uuid_send(gen_random_uuid());
BEGIN
  b := overlay(b PLACING substring(int8send(us / 1000) FROM 3) FROM 1 FOR 6);
  b := set_byte(set_byte(b, 6, 112 | (sub_ms >> 8)), 7, sub_ms & 255);
  RETURN encode(b, 'hex')::uuid;
END;
$$;

ALTER TABLE "users" ALTER COLUMN "id" SET DEFAULT sequencer_uuidv7();
ALTER TABLE "sequences" ALTER COLUMN "id" SET DEFAULT sequencer_uuidv7();
ALTER TABLE "sequence_versions" ALTER COLUMN "id" SET DEFAULT sequencer_uuidv7();
ALTER TABLE "contacts" ALTER COLUMN "id" SET DEFAULT sequencer_uuidv7();
ALTER TABLE "enrollments" ALTER COLUMN "id" SET DEFAULT sequencer_uuidv7();
ALTER TABLE "enrollment_events" ALTER COLUMN "id" SET DEFAULT sequencer_uuidv7();
ALTER TABLE "messages" ALTER COLUMN "id" SET DEFAULT sequencer_uuidv7();
ALTER TABLE "tasks" ALTER COLUMN "id" SET DEFAULT sequencer_uuidv7();
ALTER TABLE "enrollment_migrations" ALTER COLUMN "id" SET DEFAULT sequencer_uuidv7();
ALTER TABLE "audit_log" ALTER COLUMN "id" SET DEFAULT sequencer_uuidv7();
ALTER TABLE "login_attempts" ALTER COLUMN "id" SET DEFAULT sequencer_uuidv7();
