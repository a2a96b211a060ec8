-- Hand-written: the least-privilege role the app and the worker run as (see ARCHITECTURE.md,
-- "What the database enforces"). Migrations run as the owner of the tables; the owner (or a
-- superuser) could ALTER TABLE ... DISABLE TRIGGER or SET session_replication_role = replica and
-- so switch the immutability trigger off. `sequencer_runtime` owns nothing and is no superuser:
-- it can only use what is granted here. Login roles become members of it (scripts/db/roles.ts,
-- or the two statements in README.md for an external database).

-- Roles are cluster-wide: another database on the same server (a second checkout, a test run's
-- scratch database, possibly migrating at this very moment) may have created it already.
DO $$
BEGIN
  CREATE ROLE sequencer_runtime NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;

GRANT USAGE ON SCHEMA public TO sequencer_runtime;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO sequencer_runtime;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO sequencer_runtime;
-- Published versions are insert-only for the app, by privilege as well as by trigger.
REVOKE UPDATE, DELETE, TRUNCATE ON "sequence_versions" FROM sequencer_runtime;
-- Migration bookkeeping is the owner's business. (Prisma's diff replays migrations on a shadow
-- database without this table, hence the guard.)
DO $$
BEGIN
  IF to_regclass('_prisma_migrations') IS NOT NULL THEN
    REVOKE ALL ON "_prisma_migrations" FROM sequencer_runtime;
  END IF;
END
$$;

-- Tables and sequences later migrations create (as the same owner) get the same grants; a new
-- table that must be append-only needs its own REVOKE, as above.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO sequencer_runtime;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO sequencer_runtime;
