import { expect, test } from "@playwright/test";
import { signIn, USERS, type DemoRole } from "./support/auth";
import { snap } from "./support/screenshot";

test("an anonymous visitor is sent to the sign-in page", async ({ page }) => {
  await page.goto("/sequences");
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await snap(page, "signin");
});

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(USERS.editor.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

const expectedNav: Record<DemoRole, string[]> = {
  admin: [
    "Sequences",
    "Contacts",
    "Enrollments",
    "Mailbox",
    "Tasks",
    "Users",
    "Webhooks",
    "API keys",
    "Organization",
    "System",
    "Audit log",
  ],
  editor: ["Sequences", "Contacts", "Enrollments", "Mailbox", "Tasks"],
  viewer: ["Sequences", "Contacts", "Enrollments", "Mailbox", "Tasks"],
};

for (const role of Object.keys(USERS) as DemoRole[]) {
  test(`${role} signs in, sees the navigation for the role, and signs out`, async ({ page }) => {
    await signIn(page, role);
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("current-user")).toHaveText(USERS[role].name);
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(expectedNav[role]);
    if (role !== "admin") {
      const response = await page.goto("/users");
      expect(response?.status()).toBe(404);
    }
    if (role === "admin") {
      await nav.getByRole("link", { name: "Users" }).click();
      await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
      await snap(page, "users");
    }
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.goto("/sequences");
    await expect(page).toHaveURL(/\/signin/);
  });
}

test("an admin adds a user who can then sign in with the given role", async ({ page, browser }) => {
  await signIn(page, "admin");
  await page.goto("/users");
  const email = `new-${Date.now()}@example.com`;
  await page.getByLabel("Name").fill("Nina New");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("editor");
  await page.getByLabel("Initial password").fill("nina-password-1");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("status")).toHaveText(`Added ${email}.`);
  await expect(page.getByRole("cell", { name: email })).toBeVisible();

  const other = await browser.newPage();
  await other.goto("/signin");
  await other.getByLabel("Email").fill(email);
  await other.getByLabel("Password").fill("nina-password-1");
  await other.getByRole("button", { name: "Sign in" }).click();
  await expect(other.getByTestId("current-role")).toHaveText("editor");
  await other.close();
});
