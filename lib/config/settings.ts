import { z } from "zod";

// The one settings validator: every production entry point (`npm start`, `npm run worker`,
// `npm run tracker`, `npm run db:migrate`) checks the environment with it before doing anything, and refuses with
// one line per problem. In production (NODE_ENV=production) the database must be given: nothing
// falls back to the embedded development database. DEPLOY.md's settings table lists the same keys.

export type ProcessKind = "app" | "worker" | "tracker" | "migrate";

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgresql:// URL")
  .refine((v) => {
    try {
      new URL(v);
      return true;
    } catch {
      return false;
    }
  }, "is not a valid URL");

const httpUrl = z.string().refine((v) => {
  try {
    return ["http:", "https:"].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, "must be an http(s):// URL");

const positiveInt = z.string().regex(/^[1-9][0-9]*$/, "must be a positive whole number");

const optionalSettings = {
  DB_POOL_SIZE: positiveInt.optional(),
  WORKER_POOL_SIZE: positiveInt.optional(),
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  SEQUENCER_SIGNING_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SEQUENCER_TRACKING_URL: z
    .string()
    .refine((v) => {
      try {
        const url = new URL(v);
        return ["http:", "https:"].includes(url.protocol) && url.search === "" && url.hash === "";
      } catch {
        return false;
      }
    }, "must be an http(s):// base URL without query or fragment (the tracker's address, e.g. https://t.example.com)")
    .optional(),
};

const port = z
  .string()
  .regex(/^[0-9]+$/, "must be a port number")
  .refine((v) => Number(v) >= 1 && Number(v) <= 65535, "must be a port number (1-65535)");

const secret = z.string().min(32, "must be at least 32 characters (e.g. `openssl rand -base64 32`)");

function schemaFor(kind: ProcessKind, production: boolean) {
  const need = <T extends z.ZodType>(schema: T) => (production ? schema : schema.optional());
  if (kind === "migrate") {
    return z.object({ MIGRATION_DATABASE_URL: postgresUrl.optional(), DATABASE_URL: postgresUrl.optional() });
  }
  if (kind === "tracker") {
    // The tracker only verifies tokens and writes hits: no sessions, no links of its own.
    return z.object({
      DATABASE_URL: need(postgresUrl),
      NEXTAUTH_SECRET: secret.optional(),
      TRACKING_PORT: port.optional(),
      TRACKING_HOST: z.string().min(1).optional(),
      ...optionalSettings,
    });
  }
  return z.object({
    DATABASE_URL: need(postgresUrl),
    NEXTAUTH_SECRET: kind === "app" ? need(secret) : secret.optional(),
    SEQUENCER_PUBLIC_URL: httpUrl.optional(),
    NEXTAUTH_URL: httpUrl.optional(),
    ...optionalSettings,
  });
}

/** Settings that one of several keys satisfies. */
function eitherProblems(kind: ProcessKind, env: Record<string, string>, production: boolean): string[] {
  if (!production) return [];
  const problems: string[] = [];
  if (kind === "migrate") {
    if (!env.MIGRATION_DATABASE_URL && !env.DATABASE_URL)
      problems.push("MIGRATION_DATABASE_URL (the owner role) or DATABASE_URL is not set");
    return problems;
  }
  if (kind === "tracker") {
    if (!env.SEQUENCER_SIGNING_SECRET && !env.NEXTAUTH_SECRET)
      problems.push(
        "SEQUENCER_SIGNING_SECRET (or NEXTAUTH_SECRET) is not set: the tracker verifies the links the workers signed",
      );
    return problems;
  }
  if (!env.SEQUENCER_PUBLIC_URL && !env.NEXTAUTH_URL)
    problems.push("SEQUENCER_PUBLIC_URL (or NEXTAUTH_URL) is not set: the public address used in links and emails");
  if (kind === "worker" && !env.SEQUENCER_SIGNING_SECRET && !env.NEXTAUTH_SECRET)
    problems.push(
      "SEQUENCER_SIGNING_SECRET (or NEXTAUTH_SECRET) is not set: workers sign tracking and unsubscribe links",
    );
  return problems;
}

/** Empty strings count as unset (compose files and shells often pass `VAR=`). */
function present(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== "") out[k] = v;
  return out;
}

/** The problems with `env` for a process of `kind`, one readable line each; empty when it may start. */
export function settingsProblems(
  kind: ProcessKind,
  env: Record<string, string | undefined> = process.env,
  production = env.NODE_ENV === "production",
): string[] {
  const given = present(env);
  const result = schemaFor(kind, production).safeParse(given);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => {
        const key = issue.path.join(".");
        const missing = issue.code === "invalid_type" && issue.input === undefined;
        return missing ? `${key} is not set` : `${key} ${issue.message}`;
      });
  return [...problems, ...eitherProblems(kind, given, production)];
}

/** For entry points: prints the problems and exits 78 (EX_CONFIG) when `env` is not enough for `kind`. */
export function requireSettings(kind: ProcessKind, env: Record<string, string | undefined> = process.env): void {
  const problems = settingsProblems(kind, env);
  if (problems.length === 0) return;
  const label = { app: "the app server", worker: "the worker", tracker: "the tracker", migrate: "the migration" }[kind];
  process.stderr.write(
    `Cannot start ${label}: the settings are incomplete.\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee DEPLOY.md, "Settings".\n`,
  );
  process.exit(78);
}
