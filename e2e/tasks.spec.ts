// Tasks for daily use (issue 17), as a user story: a task step assigns its to-do to the sequence's
// owner; the owner finds it with the "mine" and "overdue" filters, moves its due date, hands it to
// a colleague, completes it with a note, and the note shows on the enrollment's timeline.
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { signIn, USERS } from "./support/auth";
import { seedEnrolledContact, seedPublishedSequence } from "./support/seed-enrollments";
import { e2eDatabaseUrl } from "./support/seed-migration";
import { snap } from "./support/screenshot";
import { expectAccessible, snapViewport } from "./support/sequences";

/** Runs the step runner through the test-only control (admin session) until nothing is due. */
async function advance(page: Page) {
  const response = await page.request.post("/api/test/advance", { data: { minutes: 0 } });
  expect(response.status(), await response.text()).toBe(200);
}

/** The sequence's owner is whoever created it: here the admin of the demo users. */
async function setOwner(sequenceId: string, email: string) {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    await client.query(`UPDATE sequences SET created_by_id = (SELECT id FROM users WHERE email = $2) WHERE id = $1`, [
      sequenceId,
      email,
    ]);
  } finally {
    await client.end();
  }
}

/** A wall time two days ago, as a datetime-local field takes it: overdue in any zone. */
function twoDaysAgo(): string {
  return new Date(Date.now() - 2 * 24 * 60 * 60 * 1000).toISOString().slice(0, 11) + "09:00";
}

test("a task assigned to me: filter mine and overdue, move its due date, reassign, complete with a note that shows on the timeline", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = `task${Date.now().toString(36)}`;
  const title = `Call ${tag}`;
  const { sequenceId, versionId } = await seedPublishedSequence(`Calls ${tag}`, [
    { key: "call", type: "task", title, note: "Ask about the trial" },
    { key: "thanks", type: "email", subject: "Thanks for your time", body: "Talk soon." },
  ]);
  await setOwner(sequenceId, USERS.admin.email);
  const { enrollmentId, email } = await seedEnrolledContact(sequenceId, versionId, "call");
  await signIn(page, "admin");
  await advance(page);

  // Mine: the task went to the sequence's owner.
  await page.goto(`/tasks?sequence=${sequenceId}`);
  const row = page.getByTestId("task-row").filter({ hasText: email });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText(`Step 1 · ${title}`);
  await expect(row.getByRole("combobox", { name: /^Assignee of/ })).toHaveValue(/.+/);
  await expect(row.getByRole("combobox", { name: /^Assignee of/ }).locator("option:checked")).toHaveText(
    USERS.admin.name,
  );
  const filters = page.getByRole("search", { name: "Filter tasks" });
  await filters.getByLabel("Assigned to").selectOption("me");
  await expect(page).toHaveURL(/assignee=me/);
  await expect(row).toBeVisible();

  // Overdue: not yet (due a day after creation), so the filtered list says so.
  await filters.getByLabel("Overdue only").check();
  await expect(page).toHaveURL(/due=overdue/);
  await expect(
    page.getByRole("heading", { name: "No open tasks assigned to you in this sequence are overdue" }),
  ).toBeVisible();
  await expectAccessible(page);
  await filters.getByLabel("Overdue only").uncheck();
  await expect(row).toBeVisible();

  // Move the due date into the past: the row says "Overdue" in words, and the overdue filter finds it.
  await row.getByRole("button", { name: `Change the due date of “${title}” for ${email}` }).click();
  const dueDialog = page.getByRole("dialog", { name: "Change the due date" });
  await dueDialog.getByLabel(/^Due/).fill(twoDaysAgo());
  await dueDialog.getByRole("button", { name: "Save due date" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Due date changed." })).toBeVisible();
  await expect(row.getByTestId("task-overdue")).toHaveText("Overdue");
  await page.goto(`/tasks?assignee=me&due=overdue&sequence=${sequenceId}`);
  await expect(row).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Overdue only" })).toBeChecked();
  await expectAccessible(page);
  await snap(page, "tasks-mine-overdue");

  // Reassign to a colleague: it leaves "mine" and shows under their name.
  await row.getByRole("combobox", { name: /^Assignee of/ }).selectOption({ label: USERS.editor.name });
  await expect(page.getByRole("status").filter({ hasText: `Assigned to ${USERS.editor.name}.` })).toBeVisible();
  await expect(row).toHaveCount(0);
  await filters.getByLabel("Assigned to").selectOption({ label: USERS.editor.name });
  await expect(row).toBeVisible();
  await row.getByRole("combobox", { name: /^Priority of/ }).selectOption("high");
  await expect(page.getByRole("status").filter({ hasText: "Priority set to high." })).toBeVisible();

  // Complete with a note; Escape cancels first and leaves the task open.
  await row.getByRole("button", { name: `Complete “${title}” for ${email}` }).click();
  const dialog = page.getByRole("dialog", { name: `Complete “${title}”?` });
  await expect(dialog.getByText("Up to 2,000 characters.")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Complete “${title}” for ${email}` }).click();
  const note = `Left a voicemail ${tag}; call back Thursday.`;
  await dialog.getByLabel(/^Note/).fill(note);
  await snapViewport(page, "tasks-complete-dialog");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Complete task" }).click();
  await expect(page.getByRole("status").filter({ hasText: "continues with the next step" })).toBeVisible();
  await expect(row).toHaveCount(0);

  // Completed tasks keep the note.
  await filters.getByLabel("Status").selectOption("completed");
  await expect(page).toHaveURL(/status=completed/);
  await expect(row.getByTestId("task-completion-note")).toHaveText(note);
  await snap(page, "tasks-completed");

  // The enrollment's timeline shows the note on the task_completed row.
  await page.goto(`/enrollments/${enrollmentId}`);
  const completed = page.locator('[data-testid="timeline-row"][data-type="task_completed"]');
  await expect(completed).toContainText(title);
  await expect(completed).toContainText(note);
});

test("the dashboard links to my overdue tasks", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/");
  const link = page.getByTestId("stat-tasks").getByRole("link", { name: /overdue for you$/ });
  await expect(link).toHaveAttribute("href", "/tasks?assignee=me&due=overdue");
  await link.click();
  await expect(page).toHaveURL(/\/tasks\?assignee=me&due=overdue$/);
  await expect(page.getByRole("checkbox", { name: "Overdue only" })).toBeChecked();
  await expect(page.getByLabel("Assigned to")).toHaveValue("me");
  await expectAccessible(page);
  await snap(page, "tasks-dashboard-link");
});
