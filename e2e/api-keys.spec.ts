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
  test.setTimeout(300_000); // one check per operation (23 of them) on a long page
  const outside: string[] = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.hostname !== "127.0.0.1" && url.protocol.startsWith("http")) outside.push(r.url());
  });
  await signIn(page, "admin");
  await page.goto("/api-docs");
  // Every operation of the served document is on the page, with its method, path and summary,
  // and the table of contents links to it.
  const response = await page.request.get("/api/v1/openapi.json");
  const doc = (await response.json()) as {
    paths: Record<string, Record<string, { operationId: string; summary: string }>>;
  };
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, ...op })),
  );
  expect(operations.length).toBeGreaterThan(20);
  const contents = page.getByRole("navigation", { name: "API reference contents" });
  for (const op of operations) {
    const article = page.locator(`article[id="${op.operationId}"]`);
    await expect(article.getByRole("heading", { level: 3, name: op.summary })).toBeVisible();
    await expect(article.locator("header")).toContainText(`${op.method}${op.path}`);
    await expect(contents.locator(`a[href="#${op.operationId}"]`)).toHaveCount(1);
  }
  await expect(page.locator("article[data-operation-id]")).toHaveCount(operations.length);
  // A nested request body reads as a field table, limits included.
  const create = page.locator('article[id="createSequence"]');
  await expect(create.getByRole("rowheader", { name: "document.steps[].subject" }).first()).toBeVisible();
  await expect(create.getByText("at most 200 characters").first()).toBeVisible();
  // The table of contents works from the keyboard: Tab to a link, Enter jumps to the operation.
  await contents.locator('a[href="#getSequenceDocument"]').focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#getSequenceDocument$/);
  await expect(page.locator('article[id="getSequenceDocument"]')).toBeInViewport();
  // The raw document is one click away.
  const download = page.getByRole("link", { name: "Download the OpenAPI document (JSON)" });
  await expect(download).toHaveAttribute("href", "/api/v1/openapi.json");
  await page.goto("/api-docs");
  await snap(page, "api-docs");
  await page.locator('article[id="createSequence"]').screenshot({ path: "e2e/screenshots/api-docs-operation.png" });
  // axe checks this page whole in accessibility.spec.ts (every page), not a second time here.
  // Nothing left this server.
  expect(outside).toEqual([]);
});
