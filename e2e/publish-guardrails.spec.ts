import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { signIn } from "./support/auth";
import { seedEnrolledContact, seedPublishedSequence } from "./support/seed-enrollments";
import { e2eDatabaseUrl } from "./support/seed-migration";
import { snap } from "./support/screenshot";
import {
  addEmail,
  createSequence,
  expectAccessible,
  expectSaved,
  openPublishDialog,
  stepCards,
} from "./support/sequences";

test.setTimeout(120_000);

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const STEPS = [
  { key: "hello", type: "email" as const, subject: "Welcom aboard", body: "Hi {{first_name}}. {{unsubscribe_url}}" },
  { key: "pause", type: "wait" as const, amount: 3, unit: "days" as const },
  { key: "tips", type: "email" as const, subject: "Tips", body: "Tips. {{unsubscribe_url}}" },
];

async function fill(page: Page, index: number, label: string, value: string) {
  await stepCards(page).nth(index).getByLabel(label).fill(value);
  await expectSaved(page);
}

test("publish is blocked by a guardrail error and allowed once the unsubscribe link is added", async ({ page }) => {
  await signIn(page, "editor");
  await createSequence(page, `Guardrails ${Date.now()}`);
  await addEmail(page, "Hello {{first_name}}", "Hi there, no way out.");
  let dialog = await openPublishDialog(page);
  await expect(dialog.getByTestId("lint-errors")).toContainText("the email has no unsubscribe link");
  await expect(dialog.getByTestId("publish-submit")).toBeDisabled();
  await expect(dialog).not.toContainText("Nothing published");
  await expect(dialog).toContainText("This is the first publish");
  await snap(page, "publish-guardrail-error");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();

  await fill(page, 0, "Body", "Hi there. Unsubscribe: {{unsubscribe_url}}");
  dialog = await openPublishDialog(page);
  await expect(dialog.getByTestId("lint-errors")).toHaveCount(0);
  await expect(dialog.getByTestId("lint-warnings")).toContainText("postal address");
  await dialog.getByLabel("Note (what changed and why)").fill("First launch");
  await expect(dialog.getByTestId("publish-submit")).toBeDisabled();
  await dialog.getByTestId("acknowledge-warnings").check();
  await dialog.getByTestId("publish-submit").click();
  await expect(page.getByText("Published v1.")).toBeVisible();
});

test("publish with the content-only fix applied to in-flight contacts", async ({ page }) => {
  const { sequenceId, versionId } = await seedPublishedSequence(`Fix ${Date.now()}`, STEPS);
  // Waiting on its first email (due tomorrow): the running worker must not send it before the publish.
  const { enrollmentId } = await seedEnrolledContact(sequenceId, versionId, "hello", {
    dueAt: new Date(Date.now() + 24 * 3600_000),
  });
  await signIn(page, "editor");
  await page.goto(`/sequences/${sequenceId}`);
  await fill(page, 0, "Subject", "Welcome aboard");
  const dialog = await openPublishDialog(page);
  await expect(dialog.getByTestId("publish-impact")).toContainText("1 contact is on v1 and stays on v1.");
  await expect(dialog.getByTestId("in-flight-plan")).toContainText("content only");
  await dialog.getByTestId("in-flight-apply-content-fix").check();
  await expect(dialog.getByTestId("publish-impact")).toContainText("1 contact is on v1 and gets the fix");
  await dialog.getByLabel("Note (what changed and why)").fill("Typo in the first subject");
  const acknowledge = dialog.getByTestId("acknowledge-warnings");
  if (await acknowledge.isVisible()) await acknowledge.check();
  await snap(page, "publish-in-flight-fix");
  await expectAccessible(page);
  await dialog.getByTestId("publish-submit").click();
  await expect(page.getByText("1 contact in flight moved to v2 with the fix")).toBeVisible();
  const [row] = await query<{ number: number; current_step_key: string }>(
    `SELECT v.number, e.current_step_key FROM enrollments e JOIN sequence_versions v ON v.id = e.sequence_version_id WHERE e.id = $1`,
    [enrollmentId],
  );
  expect(row).toEqual({ number: 2, current_step_key: "hello" });
  await page.goto(`/sequences/${sequenceId}/migrations`);
  await expect(page.getByText(/v1.*v2/).first()).toBeVisible();
});

test("a recipient clicks the unsubscribe link in the email and is unsubscribed", async ({ page }) => {
  const { sequenceId, versionId } = await seedPublishedSequence(`Unsub ${Date.now()}`, STEPS);
  const { contactId, enrollmentId, email } = await seedEnrolledContact(sequenceId, versionId, "hello");
  await signIn(page, "admin");
  const response = await page.request.post("/api/test/advance", { data: { minutes: 0 } });
  expect(response.status(), await response.text()).toBe(200);
  const [message] = await query<{ body: string }>(`SELECT body FROM messages WHERE enrollment_id = $1`, [enrollmentId]);
  const link = /https?:\/\/[^/\s]+(\/u\/\S+)/.exec(message!.body);
  expect(link).not.toBeNull();

  await page.context().clearCookies(); // the recipient has no session
  await page.goto(link![1]!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    `Unsubscribe ${email.split("@")[0]}@… from all Sequencer emails?`,
  );
  await snap(page, "unsubscribe-page");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByTestId("unsubscribe-done")).toContainText("will get no more emails");
  await snap(page, "unsubscribe-done");
  const [contact] = await query<{ unsubscribed: boolean }>(
    `SELECT unsubscribed_at IS NOT NULL AS unsubscribed FROM contacts WHERE id = $1`,
    [contactId],
  );
  expect(contact?.unsubscribed).toBe(true);
  const [enrollment] = await query<{ status: string }>(`SELECT status::text FROM enrollments WHERE id = $1`, [
    enrollmentId,
  ]);
  expect(enrollment?.status).toBe("exited");

  await page.goto("/u/not-a-real-token.at-all");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This unsubscribe link is not valid");
});
