// Prisma's own schema engine, compiled to WebAssembly, driven through the pg driver adapter.
// The native engine cannot be downloaded on these machines; this one ships inside an npm
// package and writes the same `_prisma_migrations` table, so `prisma migrate deploy` stays
// interchangeable with `npm run db:migrate` wherever the native engine is available.
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
export const MIGRATIONS_DIR = path.join(ROOT, "prisma", "migrations");

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const CHAR_MARK = "\u0000char";
const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

/**
 * The engine describes a database through catalog queries whose results include PostgreSQL's
 * one-byte "char" type (pg_class.relkind and friends). The pg driver adapter has no mapping for
 * it, so the client reports such columns as text with a marked name, and the adapter wrapper
 * below turns them back into the Character columns the engine expects.
 */
function markCharFields(res: pg.QueryResult | undefined): void {
  for (const field of res?.fields ?? []) {
    if (field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
      field.name += CHAR_MARK;
    }
  }
}

class CharMarkingClient extends pg.Client {
  override query(...args: unknown[]): never {
    // pg.Pool calls client.query(text, values, callback); direct callers use the promise form.
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === "function") {
      args[last] = (err: Error | null, res: pg.QueryResult | undefined) => {
        if (!err) markCharFields(res);
        (callback as (e: Error | null, r: unknown) => void)(err, res);
      };
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (!(result instanceof Promise)) return result as never;
    return result.then((res: pg.QueryResult | undefined) => {
      markCharFields(res);
      return res;
    }) as never;
  }
}

type ResultSet = { columnNames: string[]; columnTypes: number[] };
type Queryable = {
  queryRaw: (query: unknown) => Promise<ResultSet>;
  startTransaction?: (...a: unknown[]) => Promise<Queryable>;
};

function unmarkCharColumns<T extends Queryable>(target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "queryRaw") {
        return async (query: unknown) => {
          const rs = await obj.queryRaw(query);
          rs.columnNames.forEach((name, i) => {
            if (name.endsWith(CHAR_MARK)) {
              rs.columnNames[i] = name.slice(0, -CHAR_MARK.length);
              rs.columnTypes[i] = CHARACTER_COLUMN;
            }
          });
          return rs;
        };
      }
      if (prop === "executeScript") {
        // The adapter splits scripts on every ";", which breaks function bodies in hand-written
        // migrations. PostgreSQL's simple query protocol runs a whole script in one implicit
        // transaction, which is what the native engine does too.
        return async (script: string) => {
          const driver = obj as unknown as { underlyingDriver: () => pg.Pool; onError: (e: unknown) => never };
          try {
            await driver.underlyingDriver().query(script);
          } catch (error) {
            driver.onError(error);
          }
        };
      }
      if (prop === "startTransaction") {
        return async (...a: unknown[]) =>
          unmarkCharColumns(await (value as (...x: unknown[]) => Promise<Queryable>).apply(obj, a));
      }
      return (value as (...x: unknown[]) => unknown).bind(obj);
    },
  });
}

function engineAdapterFactory(connectionString: string) {
  const factory = new PrismaPg({ connectionString, Client: CharMarkingClient });
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => unmarkCharColumns((await factory.connect()) as unknown as Queryable),
    // PrismaPg's own shadow database reuses the pool config, whose connectionString overrides
    // the database name, so it would migrate the real database. Build the URL explicitly.
    connectToShadowDb: async () => {
      const name = `prisma_migrate_shadow_db_${crypto.randomUUID().replaceAll("-", "")}`;
      const admin = new pg.Client({ connectionString });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
      await admin.end();
      const shadowUrl = new URL(connectionString);
      shadowUrl.pathname = `/${name}`;
      const adapter = await new PrismaPg({
        connectionString: shadowUrl.toString(),
        Client: CharMarkingClient,
      }).connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        const dropper = new pg.Client({ connectionString });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
        await dropper.end();
      };
      return unmarkCharColumns(adapter as unknown as Queryable);
    },
  };
}

let wasmReady: Promise<void> | null = null;

// The package imports its .wasm file as an ES module, which Node 20 cannot load: instantiate
// it by hand and hand the exports to the generated bindings.
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const wasmPath = path.join(
      path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")),
      "schema_engine_bg.wasm",
    );
    const bytes = await readFile(wasmPath);
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  })();
  return wasmReady;
}

export async function schemaText(): Promise<string> {
  return readFile(SCHEMA_PATH, "utf8");
}

export async function openSchemaEngine(connectionString: string): Promise<SchemaEngine> {
  await loadWasm();
  const schema = await schemaText();
  const adapter = bindMigrationAwareSqlAdapterFactory(engineAdapterFactory(connectionString) as unknown as PrismaPg);
  const log = (message: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error("[schema-engine]", message);
  };
  return bg.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, log, adapter);
}

export async function migrationList(): Promise<MigrationList> {
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (name) => {
      const file = path.join(MIGRATIONS_DIR, name, "migration.sql");
      const content = await readFile(file, "utf8");
      // Same shape as the Prisma CLI builds: names relative to baseDir, so `_prisma_migrations`
      // records the directory name and stays compatible with `prisma migrate deploy`.
      return { path: name, migrationFile: { path: "migration.sql", content: { tag: "ok" as const, value: content } } };
    }),
  );
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  const lockContent = await readFile(lockPath, "utf8").catch(() => null);
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: lockPath, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

const noFilter = { externalTables: [], externalEnums: [] };

/** Applies every pending migration; returns the names applied. */
export async function applyMigrations(connectionString: string): Promise<string[]> {
  const engine = await openSchemaEngine(connectionString);
  try {
    const out = await engine.applyMigrations({ migrationsList: await migrationList(), filters: noFilter });
    return out.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** SQL that would take a database built from the migrations to schema.prisma ("" when they agree). Uses a shadow database. */
export async function diffMigrationsToSchema(connectionString: string): Promise<string> {
  const engine = await openSchemaEngine(connectionString);
  try {
    const result = await engine.diff({
      from: { tag: "migrations", ...(await migrationList()) },
      to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: await schemaText() }] },
      script: true,
      exitCode: null,
      filters: noFilter,
    });
    return (result.stdout ?? "").trim();
  } finally {
    engine.free();
  }
}

/**
 * Indexes written by hand in migration SQL because schema.prisma cannot express them (partial,
 * expression or collation indexes). Prisma's diff wants to drop the ones it can half-see; those
 * drops are expected and ignored. Keep this list in step with the migrations.
 */
export const HAND_WRITTEN_INDEXES = [
  "enrollments_one_in_flight",
  "enrollments_due",
  "contacts_name_search",
  "contacts_email_c",
  "contacts_name_c",
  "enrollments_sequence_status_id",
  "enrollments_sequence_id_id",
  "webhook_deliveries_pending",
  "messages_due",
  "contacts_with_attributes",
  "enrollments_failed_recent",
  "messages_failed_recent",
  "tasks_open_due",
  "messages_subject_prefix",
  "tasks_open_assignee_due",
  "scheduled_publishes_one_open",
  "scheduled_publishes_due",
  "publish_reviews_one_open",
  "notifications_unread",
];

/** Constraints written by hand for the same reason (table, name); the diff proposes dropping them. */
export const HAND_WRITTEN_CONSTRAINTS: readonly (readonly [string, string])[] = [
  ["enrollments", "enrollments_version_in_sequence_fkey"],
];

/** True when the diff script has no statements besides comments and drops of hand-written indexes and constraints. */
export function isEmptyDiff(script: string): boolean {
  const ignored = new Set([
    ...HAND_WRITTEN_INDEXES.map((name) => `DROP INDEX "${name}";`),
    ...HAND_WRITTEN_CONSTRAINTS.map(([table, name]) => `ALTER TABLE "${table}" DROP CONSTRAINT "${name}";`),
  ]);
  return script.split("\n").every((line) => {
    const trimmed = line.trim();
    return trimmed === "" || trimmed.startsWith("--") || ignored.has(trimmed);
  });
}
