// The editor as a marketer uses it every day: change a step's type, insert and duplicate steps
// with undo, preview a step for a real contact, send a test to yourself, and run into a limit.
import { expect, test, type Page } from "@playwright/test";
import { signIn, USERS } from "./support/auth";
import { snap } from "./support/screenshot";
import { draftOf, messageCountForContact, seedContact, testSendsBy } from "./support/seed-editor";
import {
  addEmail,
  addSms,
  addTask,
  createSequence,
  diffRows,
  expectAccessible,
  expectSaved,
  openPublishDialog,
  publish,
  stepCards,
  stepKeys,
} from "./support/sequences";

const unique = () => Date.now().toString(36);

async function titles(page: Page): Promise<string[]> {
  return stepCards(page)
    .getByLabel("Task title")
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
}

test("an SMS step turned into an email keeps its key, and the diff shows one modified step", async ({ page }) => {
  await signIn(page, "editor");
  const id = await createSequence(page, `Type change ${unique()}`);
  await addSms(page, "Hi {{first_name}}, quick question");
  await publish(page, await openPublishDialog(page), "SMS first", 1);
  const [key] = await stepKeys(page);

  await stepCards(page).first().getByLabel("Type of step 1").selectOption("email");
  await expect(page.getByText("Step 1 is now an Email step, same key.")).toBeVisible();
  await expect.poll(() => stepKeys(page)).toEqual([key]);
  const card = stepCards(page).first();
  await expect(card.getByLabel("Body", { exact: true })).toHaveValue("Hi {{first_name}}, quick question");
  await card.getByLabel("Subject", { exact: true }).fill("A quick question");
  // An email must carry an unsubscribe link (a publish guardrail an SMS does not have).
  await card.getByLabel("Body", { exact: true }).fill("Hi {{first_name}}, quick question {{unsubscribe_url}}");
  await publish(page, await openPublishDialog(page), "Email instead of SMS", 2);

  await page.goto(`/sequences/${id}/diff?from=1&to=2`);
  await expect(diffRows(page, "modified")).toHaveCount(1);
  await expect(diffRows(page, "added")).toHaveCount(0);
  await expect(diffRows(page, "removed")).toHaveCount(0);
  await expect(diffRows(page, "modified")).toContainText("sms");
  await snap(page, "editor-daily-type-change-diff");
});

test("steps are inserted between others and duplicated, with undo, redo and keyboard shortcuts", async ({ page }) => {
  await signIn(page, "editor");
  await createSequence(page, `Insert and duplicate ${unique()}`);
  await addTask(page, "Alpha");
  await addTask(page, "Gamma");

  await page.getByRole("button", { name: "Insert a step before step 2" }).click();
  await page.getByRole("button", { name: "Insert Task step before step 2" }).click();
  await expect(stepCards(page)).toHaveCount(3);
  await stepCards(page).nth(1).getByLabel("Task title").fill("Beta");
  await expect.poll(() => titles(page)).toEqual(["Alpha", "Beta", "Gamma"]);

  const before = await stepKeys(page);
  await page.getByRole("button", { name: "Duplicate step 1" }).click();
  await expect.poll(() => titles(page)).toEqual(["Alpha", "Alpha", "Beta", "Gamma"]);
  const after = await stepKeys(page);
  expect(new Set(after).size).toBe(4);
  expect(after.filter((k) => !before.includes(k))).toHaveLength(1);

  // Undo and redo from the keyboard (focus outside any field).
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("Control+z");
  await expect.poll(() => titles(page)).toEqual(["Alpha", "Beta", "Gamma"]);
  await page.keyboard.press("Control+Shift+z");
  await expect.poll(() => titles(page)).toEqual(["Alpha", "Alpha", "Beta", "Gamma"]);

  // Shortcuts on the focused step: move it down, delete it (Undo brings it back).
  await stepCards(page).nth(3).getByLabel("Task title").focus();
  await page.keyboard.press("Alt+Shift+ArrowUp");
  await expect.poll(() => titles(page)).toEqual(["Alpha", "Alpha", "Gamma", "Beta"]);
  await expect(stepCards(page).nth(2).getByLabel("Task title")).toBeFocused();
  await page.keyboard.press("Alt+Shift+Backspace");
  await expect.poll(() => titles(page)).toEqual(["Alpha", "Alpha", "Beta"]);
  await page.getByRole("button", { name: "Undo", exact: true }).last().click();
  await expect.poll(() => titles(page)).toEqual(["Alpha", "Alpha", "Gamma", "Beta"]);
  await expectSaved(page);

  await page.getByRole("button", { name: "Keyboard shortcuts (?)" }).click();
  await expect(page.getByTestId("shortcut-help")).toContainText("Alt + Shift + D");
  await expectAccessible(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, "editor-daily-steps");
});

test("a step is previewed for a real contact with a custom attribute and a fallback, and sent as a test to yourself", async ({
  page,
}) => {
  const contact = await seedContact(`Zelda${unique()}`, { company: "Hyrule Ltd" });
  await signIn(page, "editor");
  const id = await createSequence(page, `Preview ${unique()}`);
  await addEmail(page, "Hello {{first_name}}", "Welcome to ");
  const card = stepCards(page).first();

  // The merge-field picker lists the custom attribute and inserts it, with a fallback, at the cursor.
  const body = card.getByLabel("Body", { exact: true });
  await body.click();
  await body.press("End");
  await card.getByRole("button", { name: "Insert a merge field into this email" }).click();
  const menu = page.getByRole("group", { name: "Merge fields for this email" });
  await expect(menu.getByRole("button", { name: "company", exact: true })).toBeVisible();
  await expect(menu.getByRole("button", { name: "unsubscribe_url" })).toBeVisible();
  await menu.getByLabel("Fallback when empty (optional)").fill("your company");
  await menu.getByRole("button", { name: "company", exact: true }).click();
  await expect(body).toHaveValue('Welcome to {{company | "your company"}}');
  await body.press("End");
  await body.pressSequentially(' and {{team | "the team"}}');
  await expectSaved(page);

  const preview = page.getByTestId("preview-pane");
  await preview.getByLabel("Preview for contact").fill(contact.email.slice(0, 12));
  await preview.getByTestId("preview-contact-option").first().click();
  await expect(preview.getByTestId("preview-contact")).toContainText(contact.email);
  await expect(preview.getByTestId("preview-subject")).toHaveText(/^Hello Zelda/);
  await expect(preview.getByTestId("preview-body")).toHaveText("Welcome to Hyrule Ltd and the team");

  await preview.getByRole("button", { name: "Send me a test" }).click();
  await expect(preview.getByTestId("test-send-result")).toContainText(
    `Test sent to ${USERS.editor.email}: “[Test] Hello Zelda`,
  );
  const sends = await testSendsBy(USERS.editor.email);
  expect(sends[0]?.entity_id).toBe(id);
  expect(sends[0]?.detail).toMatchObject({ to: USERS.editor.email, test: true });
  expect(sends[0]?.detail.subject).toMatch(/^\[Test\] Hello Zelda/);
  expect(await messageCountForContact(contact.id)).toBe(0);
  await expectAccessible(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, "editor-daily-preview");
});

test("a pasted 1 MB subject shows the limit and nothing is saved; a 1 MB action body is refused clearly", async ({
  page,
}) => {
  await signIn(page, "editor");
  const id = await createSequence(page, `Limits ${unique()}`);
  await addEmail(page, "Short subject", "Body");
  await expectSaved(page);
  const saved = await draftOf(id);

  // Exact: the step's region and drag handle are named after the subject ("Step 1 · Short subject").
  const subject = stepCards(page).first().getByLabel("Subject", { exact: true });
  await subject.fill("x".repeat(1024 * 1024));
  await expect(
    stepCards(page)
      .first()
      .getByText(/Subject is limited to 200 characters/),
  ).toBeVisible();
  await expect(subject).toHaveValue("Short subject");
  await subject.fill("y".repeat(170));
  await expect(stepCards(page).first().getByTestId("limit-note")).toContainText("170/200");
  await page.keyboard.press("Control+z");
  await expect(subject).toHaveValue("Short subject");
  await expectSaved(page);
  await snap(page, "editor-daily-limit");
  expect((await draftOf(id)).draft.steps[0]?.subject).toBe("Short subject");
  expect((await draftOf(id)).revision).toBeGreaterThanOrEqual(saved.revision);

  // The same refusal for a hand-made request: 413 with a message, not the framework's 500.
  const response = await page.request.post(`/sequences/${id}`, {
    headers: { "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
    data: JSON.stringify([{ sequenceId: id, revision: saved.revision, subject: "x".repeat(1024 * 1024) }]),
  });
  expect(response.status()).toBe(413);
  expect(await response.text()).toBe("This is too large to save (limit 1 MB).");
});
