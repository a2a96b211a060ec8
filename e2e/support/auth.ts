import { expect, type Page } from "@playwright/test";

export const USERS = {
  admin: { email: "admin@example.com", password: "admin-password", name: "Ada Admin" },
  editor: { email: "editor@example.com", password: "editor-password", name: "Eddie Editor" },
  viewer: { email: "viewer@example.com", password: "viewer-password", name: "Vera Viewer" },
} as const;

export type DemoRole = keyof typeof USERS;

export async function signIn(page: Page, role: DemoRole): Promise<void> {
  const user = USERS[role];
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-role")).toHaveText(role);
}
