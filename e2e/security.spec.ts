import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

test("responses carry the security headers, with a CSP that forbids eval and framing", async ({ request }) => {
  const response = await request.get("/signin");
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("the session cookie is httpOnly and SameSite=Lax", async ({ page, context }) => {
  await signIn(page, "viewer");
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie).toBeDefined();
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
});

test("repeated wrong passwords lock the account with a clear message", async ({ page }) => {
  const email = `nobody-${Date.now()}@example.com`;
  await page.goto("/signin");
  for (let i = 0; i < 5; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  }
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed sign-ins for this account" })).toBeVisible();
});

test("a server action posted from a foreign origin is refused and changes nothing", async ({
  page,
  playwright,
  baseURL,
}) => {
  await signIn(page, "admin");
  await page.goto("/users");
  // Capture a genuine "add user" server action request, then replay it from another origin.
  const captured = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  const email = `origin-ok-${Date.now()}@example.com`;
  await page.getByLabel("Name").fill("Same Origin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Initial password").fill("same-origin-pw");
  await page.getByRole("button", { name: "Add user" }).click();
  const request = await captured;
  await expect(page.getByRole("status")).toHaveText(`Added ${email}.`);

  const forged = `forged-${Date.now()}@example.com`;
  const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const api = await playwright.request.newContext({ baseURL });
  const response = await api.post(new URL(request.url()).pathname, {
    headers: { ...request.headers(), origin: "https://evil.example", cookie: cookies },
    data: (request.postData() ?? "").replace(email, forged),
  });
  expect(response.status()).toBeGreaterThanOrEqual(400);
  await api.dispose();
  await page.reload();
  await expect(page.getByRole("cell", { name: email })).toBeVisible();
  await expect(page.getByRole("cell", { name: forged })).toHaveCount(0);
});
