import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { seedCompletedWithMessage } from "./support/seed-delivery";
import { seedPublishedSequence } from "./support/seed-enrollments";
import { snap } from "./support/screenshot";
import { expectAccessible } from "./support/sequences";

test("a completed enrollment whose email is still queued says so, and the list and mailbox show it", async ({
  page,
}) => {
  const tag = `rcpt${Date.now().toString(36)}`;
  const { sequenceId, versionId } = await seedPublishedSequence(`Receipts ${tag}`, [
    { key: "receipt", type: "email", subject: "Your receipt", body: "Thanks." },
  ]);
  const queued = await seedCompletedWithMessage({ sequenceId, versionId, stepKey: "receipt", minutesAgo: 3 });
  const failed = await seedCompletedWithMessage({
    sequenceId,
    versionId,
    stepKey: "receipt",
    minutesAgo: 10,
    failedWith: "550 mailbox unavailable",
  });
  await signIn(page, "admin");

  // The enrollment page: not plain "Completed" while its message waits, and the step says why.
  await page.goto(`/enrollments/${queued.enrollmentId}`);
  await expect(page.getByTestId("enrollment-delivering")).toHaveText("Completed, 1 message still being delivered");
  const step = page.getByTestId("pinned-step").filter({ has: page.getByTestId("step-delivery") });
  await expect(step.getByTestId("step-delivery")).toContainText("Queued");
  await expect(step.getByTestId("step-delivery")).toContainText(/queued [34] min/);
  await snap(page, "enrollment-queued-message");
  await expectAccessible(page);

  await page.goto(`/enrollments/${failed.enrollmentId}`);
  await expect(page.getByTestId("enrollment-delivering")).toHaveCount(0);
  await expect(page.getByTestId("step-delivery")).toContainText("Failed");
  await expect(page.getByTestId("step-delivery")).toContainText("550 mailbox unavailable · 1 attempt");

  // The list filter: only the enrollment still delivering.
  await page.goto(`/enrollments?sequence=${sequenceId}`);
  await expect(page.getByTestId("enrollment-row")).toHaveCount(2);
  await page.getByLabel("Delivery").selectOption({ label: "Still delivering" });
  await expect(page).toHaveURL(/delivery=pending/);
  await expect(page.getByTestId("enrollment-row")).toHaveCount(1);
  await expect(page.getByTestId("enrollment-row")).toContainText(queued.email);
  await expect(page.getByTestId("enrollment-row").getByTestId("enrollment-delivering")).toHaveText(
    "Completed, 1 message still being delivered",
  );
  await snap(page, "enrollments-still-delivering");
  await expectAccessible(page);

  // The mailbox: how long it has been queued.
  await page.goto(`/messages?sequence=${sequenceId}&status=queued`);
  await expect(page.getByTestId("message-row")).toHaveCount(1);
  await expect(page.getByTestId("message-queued-for")).toHaveText(/queued [34] min/);
  await snap(page, "mailbox-queued");
  await expectAccessible(page);
});
