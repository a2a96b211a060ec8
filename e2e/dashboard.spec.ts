import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { seedDemoHistory } from "./support/demo-history";
import { snap } from "./support/screenshot";
import { expectAccessible } from "./support/sequences";

test("the dashboard shows the demo story: what runs, what is due, what failed, what changed, and the charts", async ({
  page,
}) => {
  test.setTimeout(240_000);
  seedDemoHistory();
  await signIn(page, "viewer");
  // Signing in lands on the dashboard.
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();

  const active = page.getByTestId("active-sequences");
  const welcome = active.getByRole("row").filter({ hasText: "Welcome series" });
  await expect(welcome).toContainText("v2");
  // Pinned contacts still on v1 next to those on v2 (the publish, then a canary migration).
  await expect(welcome.getByRole("link", { name: /^v2: \d+/ })).toBeVisible();
  await expect(welcome.getByRole("link", { name: /^v1: \d+/ })).toBeVisible();
  await expect(active.getByRole("row").filter({ hasText: "Trial follow-up" })).toBeVisible();

  await expect(page.getByTestId("stat-in-flight-value")).not.toHaveText("0");
  await expect(page.getByTestId("stat-tasks-value")).not.toHaveText("0");
  const failures = page.getByTestId("stat-failures");
  await expect(failures.getByRole("link", { name: /failed enrollments/ })).toHaveAttribute(
    "href",
    "/enrollments?status=failed",
  );
  await expect(failures.getByRole("link", { name: /^[1-9]\d* failed enrollments/ })).toBeVisible();
  await expect(failures.getByRole("link", { name: /^[1-9]\d* failed messages/ })).toBeVisible();

  // The newest publishes and migrations, with their authors. The demo history happened days ago, so
  // in the shared e2e database the publishes of specs that ran earlier are newer: the list shows
  // those. (The demo's own migration is visible above: Welcome series has contacts on v1 and v2.)
  const changes = page.getByTestId("recent-changes");
  await expect(changes.locator("li").first()).toContainText(/ v\d+ published: | migration v\d+ → v\d+/);
  await expect(changes).toContainText("Eddie Editor");

  // Charts for a chosen sequence, each with its text alternative.
  // (getByLabel with exact: true never matches a <label> that wraps its <select>: the label text
  // includes the options. The combobox role and its accessible name do.)
  await page.getByRole("combobox", { name: "Sequence", exact: true }).selectOption({ label: "Welcome series" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\?sequence=[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { name: "Outcomes of Welcome series" })).toBeVisible();
  for (const id of ["sent-chart", "replied-chart", "funnel-chart"]) await expect(page.getByTestId(id)).toBeVisible();
  await expect(page.getByRole("img", { name: /Messages sent per day/ })).toBeVisible();
  await expect(page.getByTestId("sent-chart").getByTestId("publish-marker")).toHaveCount(2);
  await snap(page, "dashboard");
  await expectAccessible(page);

  await page.getByRole("link", { name: /^[1-9]\d* failed enrollments/ }).click();
  await expect(page).toHaveURL(/\/enrollments\?status=failed/);
  await expect(page.getByTestId("enrollment-row").first()).toBeVisible();
});
