// The integrator's story, end to end in a real browser against the real server and worker: an
// admin creates an API key and a webhook endpoint in the UI; the key enrolls a contact through
// POST /api/v1/enrollments; the worker delivers a signed enrollment.created to a local receiver
// (signature checked here, independently); the delivery shows in the endpoint's log. Then the
// admin edits the endpoint and disables it behind a confirmation.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { USERS } from "./support/auth";
import { snap } from "./support/screenshot";
import { seedPublishedSequence } from "./support/seed-enrollments";
import { expectAccessible } from "./support/sequences";

type Received = { headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
let server: http.Server;
let port = 0;

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.statusCode = 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.address() as AddressInfo).port;
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Standard Webhooks, written from the specification with node:crypto (not the app's signer). */
// (No timestamp tolerance check: the worker's clock is the e2e server's movable test clock.)
function verifyStandardWebhook(secret: string, r: Received): boolean {
  const id = String(r.headers["webhook-id"] ?? "");
  const timestamp = String(r.headers["webhook-timestamp"] ?? "");
  if (!id || !/^\d+$/.test(timestamp)) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${r.body}`).digest("base64");
  return String(r.headers["webhook-signature"] ?? "")
    .split(" ")
    .some((candidate) => candidate === `v1,${expected}`);
}

test("an admin's API key enrolls a contact, the signed webhook arrives and shows in the log; the endpoint is edited and disabled", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000); // a shared 2-core machine is slow; the waits below are the assertions
  const stamp = Date.now();
  const { sequenceId } = await seedPublishedSequence(`API story ${stamp}`, [
    { key: "hello", type: "email", subject: "Hello {{first_name}}", body: "Hi" },
    { key: "later", type: "wait", amount: 3, unit: "days" },
  ]);

  // 1. An API key with the enroll scope, created in the UI. (The first sign-in on a cold server on
  // a loaded machine outlasted support/auth.ts's 10 s wait twice: same steps, a longer wait.)
  await page.goto("/signin");
  await page.getByLabel("Email").fill(USERS.admin.email);
  await page.getByLabel("Password").fill(USERS.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-role")).toHaveText("admin", { timeout: 90_000 });
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByLabel("Name").fill(`Story key ${stamp}`);
  await page.getByRole("checkbox", { name: /^enroll/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const apiKey = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(apiKey).toMatch(/^seq_live_/);

  // 2. A webhook endpoint pointing at the receiver this spec runs.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
  const url = `http://127.0.0.1:${port}/story-${stamp}`;
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByLabel("Description").fill("Story receiver");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  await page.getByRole("button", { name: "Done" }).click();

  // 3. The integrator's system enrolls a contact with the key.
  const email = `story-${stamp}@example.com`;
  const enrolled = await request.post("/api/v1/enrollments", {
    headers: { authorization: `Bearer ${apiKey}`, "idempotency-key": `story-${stamp}` },
    data: { sequenceId, contacts: [{ email, firstName: "Story" }] },
  });
  expect(enrolled.status()).toBe(201);
  const enrollmentId = ((await enrolled.json()) as { enrollments: { id: string }[] }).enrollments[0]!.id;

  // 4. The worker delivers enrollment.created, signed per Standard Webhooks.
  const created = () =>
    received.filter((r) => r.body.includes(enrollmentId) && r.body.includes('"enrollment.created"'));
  await expect.poll(() => created().length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  const delivery = created()[0]!;
  expect(verifyStandardWebhook(secret, delivery)).toBe(true);
  expect(verifyStandardWebhook(`whsec_${Buffer.from("wrong key").toString("base64")}`, delivery)).toBe(false);
  const payload = JSON.parse(delivery.body) as { type: string; data: { sequenceId?: string } };
  expect(payload.type).toBe("enrollment.created");

  // 5. The delivery appears in the endpoint's attempts log.
  await page.goto("/settings/webhooks");
  await page.getByRole("link", { name: url }).click();
  // The link is a client-side navigation: reloading before it lands reloads the list page instead.
  await expect(page).toHaveURL(/\/settings\/webhooks\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  const row = page.getByTestId("delivery-row").filter({ hasText: String(delivery.headers["webhook-id"]) });
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("enrollment.created");
    await expect(row).toContainText("succeeded");
    await expect(row).toContainText("200");
  }).toPass({ timeout: 45_000 });
  await expectAccessible(page);
  await snap(page, "api-story-delivery-log");

  // 6. Edit the endpoint: description and event types (validated, audited).
  await page.getByRole("button", { name: "Edit" }).click();
  const editor = page.getByRole("region", { name: "Edit endpoint" });
  await expect(editor.getByLabel("Endpoint URL")).toHaveValue(url);
  await editor.getByLabel("Endpoint URL").fill("http://e.example/not-https");
  await editor.getByRole("button", { name: "Save changes" }).click();
  await expect(editor.getByText(/Use an https:\/\/ URL/).first()).toBeVisible();
  await editor.getByLabel("Endpoint URL").fill(url);
  await editor.getByLabel("Description").fill("Story receiver, enrollments only");
  for (const box of await editor.getByRole("checkbox").all()) {
    const value = await box.getAttribute("value");
    if (value?.startsWith("enrollment.")) await box.check();
    else await box.uncheck();
  }
  await expectAccessible(page);
  await snap(page, "api-story-edit-endpoint");
  await editor.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("region", { name: "Edit endpoint" })).toHaveCount(0);
  await expect(page.getByText("Story receiver, enrollments only")).toBeVisible();
  const settings = page.getByRole("region", { name: "Endpoint", exact: true });
  await expect(settings.getByText("enrollment.created", { exact: true })).toBeVisible();
  await expect(settings.getByText("message.sent", { exact: true })).toHaveCount(0);

  // 7. Disable asks first; cancelling changes nothing, confirming shows the reason.
  await page.getByRole("button", { name: "Disable" }).click();
  const confirm = page.getByRole("dialog", { name: "Disable this endpoint?" });
  await expect(confirm).toContainText(url);
  await snap(page, "api-story-disable-confirm");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByTestId("endpoint-status")).toContainText("enabled");
  await page.getByRole("button", { name: "Disable" }).click();
  await page
    .getByRole("dialog", { name: "Disable this endpoint?" })
    .getByRole("button", { name: "Disable endpoint" })
    .click();
  await expect(page.getByTestId("disabled-reason")).toHaveText("Disabled by an admin.");
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByTestId("endpoint-status")).toContainText("enabled");
});
