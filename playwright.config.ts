import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

// Specs that change what every other spec sees run alone, after the rest: database-down stops the
// shared database, contacts-enrollments moves the shared test clock forward by minutes, review
// turns the organisation's review policy on (every publish then needs a review), and time-zones
// changes the demo users' display zones.
const EXCLUSIVE = ["database-down.spec.ts", "contacts-enrollments.spec.ts", "review.spec.ts", "time-zones.spec.ts"];
const browser = { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } };

// Debian's Chromium (installed by .ci/run); Playwright never downloads a browser here.
// Two workers: every other spec seeds its own uniquely named data, so two files can share the
// server (one spec file per worker at a time; the tests of a file keep their order).
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: 0,
  // Two minutes a test: the longest flows (mailbox, dashboard, webhooks) take 40-60 s on a busy
  // two-core machine beside the other worker, and a slow machine must not read as a failure.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: browser, testIgnore: EXCLUSIVE },
    { name: "exclusive", use: browser, testMatch: EXCLUSIVE, workers: 1, dependencies: ["chromium"] },
  ],
  webServer: {
    command: "npx tsx scripts/e2e-server.ts",
    url: `http://127.0.0.1:${PORT}/signin`,
    env: { E2E_PORT: String(PORT) },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
