import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { snap } from "./support/screenshot";
import { seedPublishedSequence } from "./support/seed-enrollments";
import { expectAccessible } from "./support/sequences";

test("an admin creates a key, the key enrolls a contact through the API, the enrollment shows in the UI; revoked, the key gets 401", async ({
  page,
  request,
}) => {
  const { sequenceId } = await seedPublishedSequence(`API enroll ${Date.now()}`, [
    { key: "hello", type: "email", subject: "Hello {{first_name}}", body: "Hi" },
    { key: "later", type: "wait", amount: 3, unit: "days" },
  ]);
  const keyName = `CRM sync ${Date.now()}`;
  await signIn(page, "admin");
  await page.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await page.getByLabel("Name").fill(keyName);
  await page.getByRole("checkbox", { name: /^enroll/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(secret).toMatch(/^seq_live_/);
  await page.getByRole("button", { name: "Copy" }).click();
  await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
  const row = page.getByTestId("api-key-row").filter({ hasText: keyName });
  await expect(row).toContainText(secret.slice(0, 15));
  await expect(row).toContainText("Never");
  await expectAccessible(page);
  await snap(page, "api-keys-created");

  const email = `api-e2e-${Date.now()}@example.com`;
  const enrolled = await request.post("/api/v1/enrollments", {
    headers: { authorization: `Bearer ${secret}`, "idempotency-key": `e2e-${email}` },
    data: { sequenceId, contacts: [{ email, firstName: "Api", attributes: { source: "e2e" } }] },
  });
  expect(enrolled.status()).toBe(201);
  const body = (await enrolled.json()) as { enrolled: number; enrollments: { id: string }[] };
  expect(body.enrolled).toBe(1);

  await page.goto(`/enrollments/${body.enrollments[0]!.id}`);
  await expect(page.getByText(email).first()).toBeVisible();

  await page.goto("/settings/api-keys");
  await expect(row).not.toContainText("Never");
  await row.getByRole("button", { name: `Revoke ${keyName}` }).click();
  const dialog = page.getByRole("dialog", { name: `Revoke “${keyName}”?` });
  await dialog.getByRole("button", { name: "Revoke key" }).click();
  await expect(row).toContainText("revoked");
  await snap(page, "api-keys-revoked");

  const refused = await request.get("/api/v1/contacts", { headers: { authorization: `Bearer ${secret}` } });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toContain("application/problem+json");
});

test("the API reference renders the OpenAPI document in the app, from this server only", async ({ page }) => {
  const outside: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.hostname !== "127.0.0.1" && url.protocol.startsWith("http")) outside.push(r.url());
  });
  await signIn(page, "admin");
  await page.goto("/api-docs");
  await expect(page.getByText("List contacts (cursor pagination, oldest first)").first()).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole("link", { name: "Open API Client" })).toHaveCount(0);
  await snap(page, "api-docs");
  expect(outside).toEqual([]);
});
