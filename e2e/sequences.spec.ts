import { expect, test, type Browser } from "@playwright/test";
import { signIn } from "./support/auth";
import { snap } from "./support/screenshot";
import {
  addEmail,
  addSms,
  addTask,
  addWait,
  createSequence,
  diffRows,
  expectAccessible,
  expectSaved,
  openPublishDialog,
  publish,
  snapViewport,
  stepCards,
  stepKeys,
} from "./support/sequences";

const unique = () => Date.now().toString(36);

test("an editor builds a sequence, publishes two versions, compares them and restores v1", async ({ page }) => {
  test.setTimeout(240_000); // many steps and four axe runs: 1.1 min on a loaded 2-core machine, 2.6 min at load 17
  await signIn(page, "editor");
  const name = `Spring onboarding ${unique()}`;
  const id = await createSequence(page, name);
  await expect(page.getByTestId("draft-state")).toHaveText("Never published");

  await addEmail(page, "Welcome to the spring launch", "Hi {{first_name}}, welcome aboard. {{unsubscribe_url}}");
  await addWait(page, 2);
  await addEmail(page, "Three tips for getting started", "Tip one, two and three. {{unsubscribe_url}}");
  await addSms(page, "Reply YES for a quick call, {{first_name}}");
  await addTask(page, "Call the lead", "Check the CRM first");
  await expect(stepCards(page)).toHaveCount(5);
  await expect(page.getByTestId("step-day")).toHaveText(["Day 0", "Day 0", "Day 2", "Day 2", "Day 2"]);
  await expectSaved(page);
  const v1Keys = await stepKeys(page);

  const first = await openPublishDialog(page);
  // A first publish lists what v1 will contain (there is nothing to compare it with).
  await expect(first.getByText("What v1 will contain (5 steps)")).toBeVisible();
  await publish(page, first, "First launch", 1);
  await expectAccessible(page);

  // Delete the SMS (step 4), with an Undo offered.
  await page.getByRole("button", { name: "Delete step 4" }).click();
  await expect(page.getByRole("status").getByRole("button", { name: "Undo" })).toBeVisible();
  await expect(stepCards(page)).toHaveCount(4);
  await expect(page.getByTestId("draft-state")).toHaveText("Draft differs from v1");

  // Keyboard reorder: move "Three tips" (step 3) one down, below the task.
  const tips = v1Keys[2] ?? "";
  await stepCards(page).nth(2).getByTestId("drag-handle").focus();
  await page.keyboard.press("Space");
  await page.waitForTimeout(150);
  await page.keyboard.press("ArrowDown");
  await page.waitForTimeout(250);
  await page.keyboard.press("Space");
  await expect.poll(() => stepKeys(page)).toEqual([v1Keys[0], v1Keys[1], v1Keys[4], tips]);

  await stepCards(page).first().getByLabel("Subject").fill("Welcome to the summer launch");
  await expect(page.getByTestId("step-day")).toHaveText(["Day 0", "Day 0", "Day 2", "Day 2"]);
  await expectSaved(page);
  await expect(page.getByRole("status").getByRole("button", { name: "Undo" })).toHaveCount(0); // the Undo toast times out
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, "editor");
  await expectAccessible(page);

  const second = await openPublishDialog(page);
  await expect(second.getByTestId("summary-removed")).toHaveText("1");
  await expect(second.getByTestId("summary-moved")).toHaveText("1");
  await expect(second.getByTestId("summary-modified")).toHaveText("1");
  await second.getByLabel("Note (what changed and why)").fill("Summer refresh, no SMS");
  await snapViewport(page, "publish-dialog");
  await expectAccessible(page);
  await publish(page, second, "Summer refresh, no SMS", 2);

  await page.goto(`/sequences/${id}/diff?from=1&to=2`);
  await expect(page.getByTestId("diff-row")).toHaveCount(3); // unchanged rows start collapsed
  await expect(diffRows(page, "removed")).toHaveCount(1);
  await expect(diffRows(page, "moved")).toHaveCount(1);
  await expect(diffRows(page, "modified")).toHaveCount(1);
  await expect(diffRows(page, "added")).toHaveCount(0);
  const modified = diffRows(page, "modified");
  await expect(modified.locator("ins")).toHaveText(["summer"]);
  await expect(modified.locator("del")).toHaveText(["spring"]);
  await expect(diffRows(page, "moved").getByTestId("moved-note")).toHaveText(/Moved from position \d to \d/);
  await page.getByRole("button", { name: "Show 2 unchanged steps" }).click();
  await expect(diffRows(page, "unchanged")).toHaveCount(2);
  await snap(page, "diff");
  await expectAccessible(page);

  await page.goto(`/sequences/${id}/versions`);
  const rows = page.getByTestId("version-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.getByTestId("version-note")).toHaveText(["Summer refresh, no SMS", "First launch"]);
  await expectAccessible(page);
  await snap(page, "versions");
  await page.getByRole("link", { name: "View v1" }).click();
  await expect(stepCards(page)).toHaveCount(5);
  await snap(page, "version-view");
  await page.goBack();

  await page.getByRole("button", { name: "Restore v1 into the draft" }).click();
  const confirm = page.getByRole("dialog", { name: "Restore v1 into the draft?" });
  await confirm.getByRole("button", { name: "Restore v1", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/sequences/${id}$`));
  await expect(stepCards(page)).toHaveCount(5);
  await expect.poll(() => stepKeys(page)).toEqual(v1Keys);
  await expect(stepCards(page).first().getByLabel("Subject")).toHaveValue("Welcome to the spring launch");
  await expect(page.getByTestId("draft-state")).toHaveText("Draft differs from v2");

  await page.goto("/sequences");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expectAccessible(page);
  await snap(page, "sequences");
});

test("a step is reordered by dragging its handle with the mouse, and the order is saved", async ({ page }) => {
  await signIn(page, "editor");
  await createSequence(page, `Drag test ${unique()}`);
  await addTask(page, "First task");
  await addTask(page, "Second task");
  await addTask(page, "Third task");
  await expectSaved(page);
  const [a, b, c] = await stepKeys(page);

  const handle = stepCards(page).nth(2).getByTestId("drag-handle");
  const target = stepCards(page).nth(0);
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error("cards are not laid out");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 4 });
  await page.mouse.move(from.x + from.width / 2, to.y + 10, { steps: 12 });
  await page.mouse.up();

  await expect.poll(() => stepKeys(page)).toEqual([c, a, b]);
  await expectSaved(page);
  await page.reload();
  await expect.poll(() => stepKeys(page)).toEqual([c, a, b]);
});

test("a deleted step comes back with Undo, and a new sequence can be archived from the list", async ({ page }) => {
  await signIn(page, "editor");
  const name = `Archive me ${unique()}`;
  await createSequence(page, name);
  await addTask(page, "Keep me");
  await page.getByRole("button", { name: "Delete step 1" }).click();
  await expect(stepCards(page)).toHaveCount(0);
  await page.getByRole("status").getByRole("button", { name: "Undo" }).click();
  await expect(stepCards(page)).toHaveCount(1);
  await expect(stepCards(page).first().getByLabel("Task title")).toHaveValue("Keep me");

  // A blank email is saved as a draft but cannot be published: errors show inline and in the dialog.
  await page.getByRole("button", { name: "Add Email step" }).click();
  const subject = stepCards(page).last().getByLabel("Subject");
  await expect(subject).toBeFocused();
  await subject.blur();
  await expect(stepCards(page).last().getByText("Subject is required")).toBeVisible();
  await expect(subject).toHaveAttribute("aria-invalid", "true");
  const dialog = await openPublishDialog(page);
  await expect(dialog.getByTestId("publish-errors")).toContainText("Step 2 (email) · subject: Subject is required");
  await expect(dialog.getByRole("button", { name: "Publish", exact: true })).toBeDisabled();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Delete step 2" }).click();
  await expectSaved(page);

  await page.goto("/sequences");
  await page.getByRole("button", { name: `Archive ${name}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Archive sequence" }).click();
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  await page.getByRole("link", { name: "Show archived" }).click();
  await page.getByRole("link", { name }).click();
  await expect(page.getByTestId("read-only-notice")).toContainText("archived");
  await expect(page.getByRole("button", { name: "Publish…" })).toHaveCount(0);
});

async function publishedSequenceAsEditor(browser: Browser, name: string): Promise<string> {
  const page = await browser.newPage();
  await signIn(page, "editor");
  const id = await createSequence(page, name);
  await addEmail(page, "Hello there", "Hi {{first_name}} {{unsubscribe_url}}");
  await publish(page, await openPublishDialog(page), "Viewer fixture", 1);
  await page.close();
  return id;
}

test("a viewer sees sequences, history and diffs without edit, publish, restore or archive controls", async ({
  page,
  browser,
}) => {
  const name = `Read only ${unique()}`;
  const id = await publishedSequenceAsEditor(browser, name);
  await signIn(page, "viewer");

  await page.goto("/sequences");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.getByRole("button", { name: "New sequence" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Archive/ })).toHaveCount(0);

  await page.goto(`/sequences/${id}`);
  await expect(page.getByTestId("read-only-notice")).toBeVisible();
  await expect(page.getByTestId("draft-state")).toHaveText("Draft is identical to v1");
  await expect(stepCards(page)).toHaveCount(1);
  await expect(page.getByRole("button", { name: /Publish|Delete|Add|Reorder/ })).toHaveCount(0);
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await snap(page, "editor-viewer");

  await page.goto(`/sequences/${id}/versions`);
  await expect(page.getByTestId("version-row")).toHaveCount(1);
  await expect(page.getByRole("button", { name: /Restore/ })).toHaveCount(0);
});
