import { expect as baseExpect, test, type Page } from "@playwright/test";
import pg from "pg";
import { USERS, type DemoRole } from "./support/auth";
import { seedPublishedSequence } from "./support/seed-enrollments";
import { e2eDatabaseUrl } from "./support/seed-migration";
import { snap } from "./support/screenshot";
import { expectAccessible, expectSaved, openPublishDialog, snapViewport, stepCards } from "./support/sequences";

test.setTimeout(240_000);
// Two users and several server round trips on a machine shared with other runs: more patience.
const expect = baseExpect.configure({ timeout: 30_000 });

async function signIn(page: Page, role: DemoRole): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(USERS[role].email);
  await page.getByLabel("Password").fill(USERS[role].password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-role")).toHaveText(role, { timeout: 60_000 });
}

async function sql(text: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

const STEPS = [
  { key: "hello", type: "email" as const, subject: "Welcome", body: "Hi {{first_name}}. {{unsubscribe_url}}" },
  { key: "pause", type: "wait" as const, amount: 2, unit: "days" as const },
  { key: "tips", type: "email" as const, subject: "Tips", body: "Tips. {{unsubscribe_url}}" },
];

async function bellCount(page: Page): Promise<number> {
  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName(/^Notifications, \d+ unread$/);
  const name = (await bell.getAttribute("aria-label")) ?? "";
  return Number(/(\d+) unread/.exec(name)?.[1] ?? "0");
}

// The e2e database is shared by every spec: the policy goes back to off whatever happens here.
test.afterAll(async () => {
  await sql(`UPDATE organization_settings SET review_policy = 'off', review_threshold = 100 WHERE id`);
});

test("with review required, an editor requests review, an admin approves, the editor publishes; the bell counts", async ({
  page,
  browser,
}) => {
  const name = `Review ${Date.now()}`;
  const { sequenceId } = await seedPublishedSequence(name, STEPS);

  // The admin turns the policy on in Settings > Organization.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin");
  await admin.goto("/settings/organization");
  const section = admin.getByTestId("review-policy-section");
  await section.getByTestId("review-policy-always").check();
  await section.getByRole("button", { name: "Save" }).click();
  await expect(section.getByText("Saved.")).toBeVisible();
  const adminUnreadBefore = await bellCount(admin);

  // The editor changes a subject: the dialog asks for a review instead of publishing.
  await signIn(page, "editor");
  await page.goto(`/sequences/${sequenceId}`);
  await stepCards(page).nth(0).getByLabel("Subject").fill("Welcome aboard");
  await expectSaved(page);
  let dialog = await openPublishDialog(page);
  await expect(dialog.getByTestId("review-gate")).toContainText("This publish needs a review");
  await expect(dialog.getByTestId("publish-submit")).toHaveCount(0);
  await dialog.getByLabel("Note for the reviewer (what changed and why)").fill("Friendlier first subject");
  await dialog.getByTestId("request-review-submit").click();
  await expect(dialog.getByTestId("review-gate")).toContainText("Review requested");
  await expect(dialog.getByTestId("request-review-submit")).toBeDisabled();
  await snapViewport(page, "review-requested-dialog");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // The admin sees one more unread notification and opens the review from the bell.
  await admin.reload();
  await expect.poll(() => bellCount(admin)).toBe(adminUnreadBefore + 1);
  await admin.getByTestId("notification-bell").click();
  const panel = admin.getByTestId("notification-panel");
  await expect(panel).toBeVisible();
  await snap(admin, "notification-bell-open");
  await panel.getByRole("link", { name: new RegExp(`review "${name}"`) }).click();
  await expect(admin.getByRole("heading", { name: `Review of "${name}"` })).toBeVisible();
  await expect(admin.getByTestId("review-status")).toHaveText("Waiting for review");
  await expect(admin.getByTestId("version-diff")).toContainText("Welcome aboard");
  await expect(admin.getByTestId("lint-clean").or(admin.getByTestId("lint-findings"))).toBeVisible();
  await expectAccessible(admin);
  await snap(admin, "review-page-open");

  // Approve, by keyboard, through the confirmation.
  await admin.getByTestId("review-approve").focus();
  await admin.keyboard.press("Enter");
  const confirm = admin.getByRole("dialog", { name: "Approve these changes?" });
  await expect(confirm).toBeVisible();
  await confirm.getByLabel("Comment (optional)").fill("Looks good");
  await expectAccessible(admin);
  await confirm.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(admin.getByTestId("review-status")).toHaveText("Approved");
  await expect(admin.getByTestId("review-comments")).toContainText("Looks good");
  await snap(admin, "review-page-approved");
  await adminContext.close();

  // The author is told, and publishes the approved draft.
  await page.reload();
  await expect(page.getByTestId("review-banner")).toContainText("Approved");
  expect(await bellCount(page)).toBeGreaterThan(0);
  dialog = await openPublishDialog(page);
  await expect(dialog.getByTestId("review-gate")).toHaveAttribute("data-state", "approved");
  await dialog.getByLabel("Note (what changed and why)").fill("Friendlier first subject");
  const acknowledge = dialog.getByTestId("acknowledge-warnings");
  if (await acknowledge.isVisible()) await acknowledge.check();
  await dialog.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText("Published v2.")).toBeVisible();
  await snap(page, "review-published");
});
