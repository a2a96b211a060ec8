// Sequences as code, the team's story: an admin creates a key in the browser, the `seq` CLI (a
// child process talking real HTTP to the running server) pulls a sequence, the file is edited,
// pushed, diffed and published with a note; the new version shows in the UI with that note, and
// the diff page shows the one modified step under its unchanged key.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { snap } from "./support/screenshot";
import { seedPublishedSequence } from "./support/seed-enrollments";
import { expectAccessible } from "./support/sequences";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
const dir = mkdtempSync(path.join(tmpdir(), "seq-e2e-"));

function seq(args: string[], env: { url: string; key: string }) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", TSX, path.join(ROOT, "scripts/seq.ts"), ...args],
      { cwd: ROOT, env: { ...process.env, SEQUENCER_URL: env.url, SEQUENCER_API_KEY: env.key }, timeout: 90_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, stderr }),
    );
  });
}

test("pull, edit, push, diff and publish with the CLI; the version shows in the UI with its note", async ({ page }) => {
  test.setTimeout(240_000); // four child processes with tsx on a shared 2-core machine
  const stamp = Date.now();
  const name = `CLI story ${stamp}`;
  const { sequenceId } = await seedPublishedSequence(name, [
    { key: "hello", type: "email", subject: "Hello {{first_name}}", body: "Hi {{unsubscribe_url}}" },
    { key: "pause", type: "wait", amount: 2, unit: "days" },
    { key: "nudge", type: "email", subject: "Still there?", body: "Nudge {{unsubscribe_url}}" },
  ]);

  // 1. A key with the read and sequences scopes, created in the browser.
  await signIn(page, "admin");
  await page.goto("/settings/api-keys");
  await page.getByLabel("Name").fill(`CLI key ${stamp}`);
  await page.getByRole("checkbox", { name: /^sequences/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^seq_live_/);
  const env = { url: test.info().project.use.baseURL!, key };

  // 2. pull -> edit -> push -> diff -> publish.
  const file = path.join(dir, `cli-${stamp}.yaml`);
  const pulled = await seq(["pull", sequenceId, "--out", file], env);
  expect(pulled.stderr).toBe("");
  expect(readFileSync(file, "utf8")).toContain("key: nudge");
  writeFileSync(file, readFileSync(file, "utf8").replace("subject: Still there?", "subject: Still interested?"));
  const pushed = await seq(["push", file], env);
  expect(pushed.stderr).toBe("");
  expect(pushed.code).toBe(0);
  const diff = await seq(["diff", file], env);
  expect(diff.stdout).toContain("1 modified step(s)");
  expect(diff.stdout).toContain('subject: "Still there?" -> "Still interested?"');
  const note = `Sharper nudge subject, from git (${stamp})`;
  const published = await seq(["publish", sequenceId, "--note", note], env);
  expect(published.stderr).toBe("");
  expect(published.stdout.trim()).toBe("Published version 2.");

  // 3. The browser shows v2, active, with the note, and the diff shows the one modified step.
  await page.goto(`/sequences/${sequenceId}/versions`);
  const v2 = page.locator('[data-testid="version-row"][data-number="2"]');
  await expect(v2).toContainText("Active");
  await expect(v2.getByTestId("version-note")).toHaveText(note);
  await expectAccessible(page);
  await snap(page, "cli-published-version");
  await page.goto(`/sequences/${sequenceId}/diff?from=1&to=2`);
  await expect(page.getByText("Still interested?").first()).toBeVisible();
});
