// Issue 16, honest day labels: a relative timeline has no weekday to anchor to, so a business-day
// wait makes the next step's day a range ("Day 3-5, depending on weekends"), in the editor and on
// the published version's page; a calendar-day wait keeps an exact "Day 3".
import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { snap } from "./support/screenshot";
import {
  addEmail,
  addWait,
  createSequence,
  expectAccessible,
  expectSaved,
  openPublishDialog,
  publish,
  stepCards,
} from "./support/sequences";

test("a business-day wait shows the next step's day as a range with its reason, in the editor and on the version", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, "editor");
  const id = await createSequence(page, `Business days ${Date.now().toString(36)}`);
  await addEmail(page, "Hello {{first_name}}", "Hi {{unsubscribe_url}}");
  await addWait(page, 3);
  await addEmail(page, "Following up", "Still there? {{unsubscribe_url}}");
  const lastDay = stepCards(page).nth(2).getByTestId("step-day");
  await expect(lastDay).toHaveText("Day 3");

  await stepCards(page).nth(1).getByLabel("Business days only").check();
  await expect(lastDay).toContainText("Day 3-5");
  await expect(lastDay).toContainText("depending on weekends");
  await expect(lastDay).toHaveAttribute("title", "Day 3-5, depending on weekends");
  // The steps before the wait are unaffected.
  await expect(stepCards(page).nth(0).getByTestId("step-day")).toHaveText("Day 0");
  await expectSaved(page);
  await expectAccessible(page);
  await snap(page, "editor-business-day-labels");

  await publish(page, await openPublishDialog(page), "Business-day follow-up", 1);
  await page.goto(`/sequences/${id}/versions/1`);
  await expect(page.locator('[title="Day 3-5, depending on weekends"]')).toHaveText("Day 3-5");

  // Back to calendar days: an exact day again.
  await page.goto(`/sequences/${id}`);
  await stepCards(page).nth(1).getByLabel("Business days only").uncheck();
  await expect(lastDay).toHaveText("Day 3");
  await expectSaved(page);
});
