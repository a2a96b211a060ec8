// `npm run smoke:production` (called by .ci/run after `npm test`, which builds): the standalone
// production server as `npm start` runs it, without Docker, on a scratch database (DATABASE_URL's
// server when set, else embedded) migrated by its owner and served as the runtime role.
// Checks: a production start without NEXTAUTH_SECRET (app) or DATABASE_URL (worker, migrate)
// exits non-zero with the message; /api/health and /api/ready answer 200; /api/metrics is 401
// without its token and 200 with it; an admin signs in and opens a sequence.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { seedDemo } from "../prisma/seed";
import { freePort, openScratchDatabase } from "./db/database";
import { dropLoginRole, ensureRuntimeLogin, migrateDatabase } from "./db/roles";
import { ROOT } from "./db/schema-engine";

const TSX = ["--import", "tsx"];
const failures: string[] = [];
function check(ok: boolean, what: string) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

if (!existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR ?? ".next", "standalone", "server.js"))) {
  console.error("No standalone build: run `npm run build` first.");
  process.exit(1);
}

// 1. Refusals: production without the required settings exits non-zero with the message.
const bare = Object.fromEntries(
  Object.entries(process.env).filter(
    ([k]) => !["NEXTAUTH_SECRET", "DATABASE_URL", "MIGRATION_DATABASE_URL", "SEQUENCER_SIGNING_SECRET"].includes(k),
  ),
);
const refusal = (script: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [...TSX, ...script], { cwd: ROOT, env, encoding: "utf8", timeout: 60_000 });
const app = refusal(["scripts/start.ts"], {
  ...bare,
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
  NEXTAUTH_URL: "http://127.0.0.1:1",
});
check(
  app.status !== 0 && /NEXTAUTH_SECRET is not set/.test(app.stderr),
  `npm start without NEXTAUTH_SECRET refuses (exit ${app.status}): ${app.stderr.trim().split("\n")[1] ?? ""}`,
);
const worker = refusal(["--conditions=react-server", "scripts/worker.ts"], { ...bare, NODE_ENV: "production" });
check(
  worker.status !== 0 && /DATABASE_URL is not set/.test(worker.stderr),
  `worker without DATABASE_URL refuses (exit ${worker.status})`,
);
const migrate = refusal(["scripts/db/migrate.ts"], { ...bare, NODE_ENV: "production" });
check(
  migrate.status !== 0 && /DATABASE_URL is not set/.test(migrate.stderr),
  `db:migrate in production without a URL refuses instead of using the embedded database (exit ${migrate.status})`,
);

// 2. The real thing.
const db = await openScratchDatabase("smoke");
const login = `sequencer_smoke_${process.pid}`;
let server: ReturnType<typeof spawn> | null = null;
try {
  await migrateDatabase(db.url);
  await seedDemo(db.url, { withSequences: true });
  const appUrl = await ensureRuntimeLogin(db.url, { name: login, password: randomBytes(18).toString("hex") });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const metricsToken = randomBytes(24).toString("hex");
  let output = "";
  server = spawn(process.execPath, [...TSX, "scripts/start.ts"], {
    cwd: ROOT,
    env: {
      ...bare,
      NODE_ENV: "production",
      DATABASE_URL: appUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      NEXTAUTH_URL: base,
      METRICS_TOKEN: metricsToken,
      PORT: String(port),
      SEQUENCER_HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  server.stderr?.on("data", (c: Buffer) => (output += c.toString()));

  const deadline = Date.now() + 60_000;
  let health = 0;
  while (Date.now() < deadline) {
    health = await fetch(`${base}/api/health`).then(
      (r) => r.status,
      () => 0,
    );
    if (health === 200) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  check(health === 200, "/api/health 200");
  if (health !== 200) console.log(output.slice(-3000));
  const ready = await fetch(`${base}/api/ready`);
  check(ready.status === 200, `/api/ready ${ready.status} ${JSON.stringify(await ready.json())}`);
  check((await fetch(`${base}/api/metrics`)).status === 401, "/api/metrics 401 without the token");
  const metrics = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  check(
    metrics.status === 200 && /sequencer_due_enrollments \d+/.test(await metrics.text()),
    "/api/metrics 200 with the token",
  );

  // Sign in through next-auth's credentials flow, with a cookie jar of one.
  const jar = new Map<string, string>();
  const remember = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfResponse = await fetch(`${base}/api/auth/csrf`);
  remember(csrfResponse);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email: "admin@example.com", password: "admin-password", json: "true" }),
  });
  remember(signIn);
  check(
    [...jar.keys()].some((k) => k.includes("session-token")),
    `sign in as admin (${signIn.status})`,
  );
  const list = await fetch(`${base}/sequences`, { headers: { cookie: cookie() } });
  const listHtml = await list.text();
  const href = /\/sequences\/[0-9a-f]{8}-[0-9a-f-]{27}/.exec(listHtml)?.[0];
  check(list.status === 200 && Boolean(href), `/sequences lists a sequence (${list.status})`);
  if (href) {
    const page = await fetch(`${base}${href}`, { headers: { cookie: cookie() } });
    const html = await page.text();
    check(page.status === 200 && /Version|version/.test(html), `open ${href} (${page.status})`);
  }
  if (failures.length) console.log(output.slice(-3000));
} finally {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  await db.stop().catch(() => {});
  if (!db.embedded && process.env.DATABASE_URL) await dropLoginRole(process.env.DATABASE_URL, login).catch(() => {});
}
console.log(failures.length ? `Smoke test: ${failures.length} failure(s)` : "Smoke test passed");
process.exit(failures.length ? 1 : 0);
