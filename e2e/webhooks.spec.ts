import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { snap } from "./support/screenshot";
import { seedPublishedSequence } from "./support/seed-enrollments";

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
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  port = (server.address() as AddressInfo).port;
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// Independent Standard Webhooks check, written here with node:crypto.
function signatureValid(secret: string, r: Received): boolean {
  const key = Buffer.from(secret.slice("whsec_".length), "base64");
  const expected = createHmac("sha256", key)
    .update(`${String(r.headers["webhook-id"])}.${String(r.headers["webhook-timestamp"])}.${r.body}`)
    .digest("base64");
  return String(r.headers["webhook-signature"]).split(" ").includes(`v1,${expected}`);
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

test("an admin registers a webhook endpoint, an enrollment in the UI is delivered signed, and redeliver sends it again", async ({
  page,
}) => {
  test.setTimeout(180_000); // a shared 2-core machine is slow; the waits below are the assertions
  const name = `Webhook e2e ${Date.now()}`;
  const { sequenceId } = await seedPublishedSequence(name, [
    { key: "hello", type: "email", subject: "Hello {{first_name}}", body: "Hi" },
    { key: "later", type: "wait", amount: 3, unit: "days" },
  ]);

  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await expectAccessible(page);
  const url = `http://127.0.0.1:${port}/hook`;
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByLabel("Description").fill("e2e receiver");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  await snap(page, "webhooks-created");
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("link", { name: url }).click();
  await expect(page.getByRole("heading", { name: url })).toBeVisible();

  // A UI action that produces events: enroll two contacts from the sequence page.
  await page.goto(`/sequences/${sequenceId}`);
  await page.getByRole("button", { name: "Enroll contacts…" }).click();
  const chooser = page.getByRole("dialog", { name: "Enroll contacts" });
  await chooser.getByLabel("Match by").selectOption("email");
  await chooser.getByLabel(/Search/).fill("kemi.");
  await chooser.getByRole("button", { name: /Continue with 2 contacts/ }).click();
  const enroll = page.getByRole("dialog", { name: "Enroll in a sequence" });
  await enroll.getByRole("button", { name: "Enroll", exact: true }).click();
  await expect(enroll.getByTestId("enroll-result")).toContainText("Enrolled 2 contacts");

  const mine = () => received.filter((r) => r.body.includes(sequenceId) && r.body.includes('"enrollment.created"'));
  await expect.poll(() => mine().length, { timeout: 20_000 }).toBe(2);
  for (const r of mine()) expect(signatureValid(secret, r)).toBe(true);

  await page.goto("/settings/webhooks");
  await page.getByRole("link", { name: url }).click();
  const rows = page.getByTestId("delivery-row").filter({ hasText: "enrollment.created" });
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("succeeded");
  await expect(rows.first()).toContainText("204");
  await expectAccessible(page);
  await snap(page, "webhooks-delivery-log");

  const firstId = mine()[0]!.headers["webhook-id"];
  const row = page.getByTestId("delivery-row").filter({ hasText: String(firstId) });
  await row.getByRole("button", { name: /Redeliver/ }).click();
  await expect
    .poll(() => received.filter((r) => r.headers["webhook-id"] === firstId).length, { timeout: 20_000 })
    .toBe(2);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("delivery-row").filter({ hasText: String(firstId) })).toContainText(/succeeded\s*2/);
  }).toPass({ timeout: 45_000 });

  // Disable shows the reason; an editor is refused the page.
  await page.getByRole("button", { name: "Disable" }).click();
  await page
    .getByRole("dialog", { name: "Disable this endpoint?" })
    .getByRole("button", { name: "Disable endpoint" })
    .click();
  await expect(page.getByTestId("disabled-reason")).toHaveText("Disabled by an admin.");
  await snap(page, "webhooks-disabled");
});

test("editors and viewers cannot open the webhook settings", async ({ page }) => {
  await signIn(page, "editor");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" })).toHaveCount(0);
  const response = await page.goto("/settings/webhooks");
  expect(response?.status()).toBe(404);
});
