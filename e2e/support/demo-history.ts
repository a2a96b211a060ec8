// Test-only: the demo history of `npm run dev` (prisma/seed-demo-sequence.ts) written into the
// e2e database, for e2e/dashboard.spec.ts. The services it uses are server-only, so it runs in a
// child process under the react-server condition (e2e/support/demo-history-run.ts).
import { execFileSync } from "node:child_process";
import path from "node:path";
import { e2eDatabaseUrl } from "./seed-migration";

export function seedDemoHistory(): void {
  execFileSync(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", path.join(process.cwd(), "e2e/support/demo-history-run.ts")],
    { env: { ...process.env, DATABASE_URL: e2eDatabaseUrl() }, stdio: "inherit", timeout: 170_000 },
  );
}
