import { existsSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { snap } from "./support/screenshot";
import { expectAccessible } from "./support/sequences";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// scripts/e2e-server.ts writes its pid here when it runs an embedded cluster it can stop and start.
const PID_FILE = `.data/e2e-server-pid-${PORT}`;

test("database stopped while signed in: every page answers 503 and recovers without a restart", async ({ page }) => {
  test.setTimeout(90_000);
  test.skip(!existsSync(PID_FILE), "needs the e2e server's embedded PostgreSQL");
  const serverPid = Number(readFileSync(PID_FILE, "utf8"));
  await signIn(page, "admin");
  await page.goto("/enrollments");
  await expect(page.getByRole("heading", { name: "Enrollments", level: 1 })).toBeVisible();

  process.kill(serverPid, "SIGUSR1"); // PostgreSQL down; Next and the worker keep running
  try {
    await expect(async () => {
      const response = await page.goto("/enrollments");
      expect(response?.status()).toBe(503);
    }).toPass({ timeout: 20_000, intervals: [250, 500, 1000] });
    await expect(page.getByRole("heading", { name: "Database unavailable — retrying" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Retry now" })).toBeVisible();
    await snap(page, "database-unavailable");
    await expectAccessible(page);
    // The sign-in page too, and a client-side navigation's request.
    expect((await page.request.get("/signin")).status()).toBe(503);
    expect((await page.request.get("/sequences", { headers: { RSC: "1" } })).status()).toBe(503);
  } finally {
    process.kill(serverPid, "SIGUSR2"); // PostgreSQL back
  }

  // The 503 page retries by itself and lands on the page again, with no restart of Next.
  await expect(page.getByRole("heading", { name: "Enrollments", level: 1 })).toBeVisible({ timeout: 30_000 });
  const again = await page.goto("/enrollments");
  expect(again?.status()).toBe(200);
  await expect(page.getByTestId("current-role")).toHaveText("admin");
});
