// The owner migrates; the app and the worker connect as a login role that is a member of
// `sequencer_runtime` (created and granted by prisma/migrations/*_runtime_role). That role owns no
// table and is no superuser, so it cannot ALTER TABLE ... DISABLE TRIGGER, SET
// session_replication_role, or UPDATE/DELETE/TRUNCATE sequence_versions.
import pg from "pg";
import { installJobQueueSchema } from "../../lib/engine/job-queue";
import { applyMigrations } from "./schema-engine";

export const RUNTIME_GROUP = "sequencer_runtime";
/** The login role `npm run dev` creates on the embedded database. */
export const DEV_RUNTIME_LOGIN = "sequencer_app";

/** `url` with its user and password replaced. */
export function withCredentials(url: string, user: string, password: string): string {
  const target = new URL(url);
  target.username = encodeURIComponent(user);
  target.password = encodeURIComponent(password);
  return target.toString();
}

/** One short-lived connection for `work`, always closed. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * graphile-worker's schema, installed by the owner, and what the runtime role needs to run jobs
 * in it. graphile-worker runs its migrations whenever a worker starts; once they are applied that
 * is a single SELECT on graphile_worker.migrations, which the runtime role may do. Its private
 * tables have row-level security switched on with no policy (so that only their owner sees them),
 * hence one permissive policy per such table for the runtime role; re-checked on every migrate
 * because a graphile-worker upgrade may create new tables.
 */
export async function prepareWorkerSchema(ownerUrl: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 1 });
  // An idle client's error; the query that matters reports its own.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  try {
    await installJobQueueSchema(pool);
    await pool.query(`
      GRANT USAGE ON SCHEMA graphile_worker TO ${RUNTIME_GROUP};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA graphile_worker TO ${RUNTIME_GROUP};
      GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA graphile_worker TO ${RUNTIME_GROUP};
      GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA graphile_worker TO ${RUNTIME_GROUP};
      DO $$
      DECLARE t regclass;
      BEGIN
        FOR t IN
          SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'graphile_worker' AND c.relkind = 'r' AND c.relrowsecurity
            AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = '${RUNTIME_GROUP}_all')
        LOOP
          EXECUTE format('CREATE POLICY ${RUNTIME_GROUP}_all ON %s FOR ALL TO ${RUNTIME_GROUP} USING (true) WITH CHECK (true)', t);
        END LOOP;
      END
      $$;
    `);
  } finally {
    await pool.end();
  }
}

/** Everything that needs the owner: Prisma migrations, then graphile-worker's schema and grants. Returns the migrations applied. */
export async function migrateDatabase(ownerUrl: string): Promise<string[]> {
  const applied = await applyMigrations(ownerUrl);
  await prepareWorkerSchema(ownerUrl);
  return applied;
}

// Role rows are cluster-wide: two runs creating or granting at once can collide (duplicate
// object, unique violation, "tuple concurrently updated"); going round again settles it.
const RETRYABLE = new Set(["42710", "23505", "XX000", "40001"]);

/**
 * Creates (or updates the password of) LOGIN role `name`, member of sequencer_runtime, and returns
 * `ownerUrl` rewritten to connect as it. Needs an owner with CREATEROLE (or a superuser).
 */
export async function ensureRuntimeLogin(ownerUrl: string, login: { name: string; password: string }): Promise<string> {
  const role = pg.escapeIdentifier(login.name);
  const password = pg.escapeLiteral(login.password);
  await withClient(ownerUrl, async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [login.name]);
        if (rowCount === 0) await client.query(`CREATE ROLE ${role} LOGIN PASSWORD ${password}`);
        else await client.query(`ALTER ROLE ${role} LOGIN PASSWORD ${password}`);
        await client.query(`GRANT ${RUNTIME_GROUP} TO ${role}`);
        return;
      } catch (error) {
        const code = (error as { code?: string }).code ?? "";
        if (attempt >= 4 || !RETRYABLE.has(code)) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 200));
      }
    }
  });
  return withCredentials(ownerUrl, login.name, login.password);
}

/** Drops a login role made by ensureRuntimeLogin (it owns nothing and holds no grants of its own). */
export async function dropLoginRole(adminUrl: string, name: string): Promise<void> {
  await withClient(adminUrl, (client) => client.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(name)}`));
}

/** Why the role behind `url` could switch the immutability guarantee off; empty when it cannot. */
export async function runtimeRoleProblems(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{
      who: string;
      superuser: boolean;
      owner_of: string[];
      version_writes: boolean;
    }>(
      `SELECT current_user AS who,
              (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'MEMBER')
                    ORDER BY 1) AS owner_of,
              has_table_privilege('sequence_versions', 'UPDATE, DELETE, TRUNCATE') AS version_writes`,
    );
    const row = rows[0]!;
    const problems: string[] = [];
    if (row.superuser) problems.push(`${row.who} is a superuser`);
    else if (row.owner_of.length > 0)
      problems.push(
        `${row.who} owns (or may act as the owner of) ${row.owner_of.length} table(s), e.g. ${row.owner_of[0]}`,
      );
    if (row.version_writes && !row.superuser)
      problems.push(`${row.who} may UPDATE, DELETE or TRUNCATE sequence_versions`);
    return problems;
  });
}
