// Issue 18: the System page an admin without Prometheus reads: the runner's backlog, the delivery
// queue and the running e2e worker's heartbeat, refreshed live; viewers and editors get a 404.
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { snap } from "./support/screenshot";
import { expectAccessible } from "./support/sequences";

test("an admin sees the runner, the delivery queue and the running worker on the System page", async ({ page }) => {
  await signIn(page, "admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "System" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "System" })).toBeVisible();
  for (const name of ["Runner", "Delivery"]) await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /^Workers \([1-9]\d* running\)$/ })).toBeVisible();
  await expect(page.getByTestId("worker-row").first()).toBeVisible();
  await expect(page.getByText("Due enrollments")).toBeVisible();
  await expectAccessible(page);
  await snap(page, "system");
});

test("the System page is not there for editors", async ({ page }) => {
  await signIn(page, "editor");
  const response = await page.goto("/settings/system");
  expect(response?.status()).toBe(404);
});
