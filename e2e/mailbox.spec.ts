import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { seedPublishedSequence } from "./support/seed-enrollments";
import { seedMailboxContact } from "./support/seed-mailbox";
import { snap } from "./support/screenshot";
import { expectAccessible } from "./support/sequences";

const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);

test("a marketer finds a message by contact, subject, channel and date, and opens what the contact got", async ({
  page,
}) => {
  const tag = Date.now().toString(36);
  const subject = `Welcome ${tag}`;
  const { sequenceId, versionId } = await seedPublishedSequence(`Mailbox ${tag}`, [
    { key: "welcome", type: "email", subject: "Welcome {{first_name}}", body: "Hello {{first_name}}" },
    { key: "nudge", type: "sms", body: "Quick nudge {{first_name}}: reply YES" },
  ]);
  // Alan first: the list is newest first by id, and ids are given in insertion order.
  await seedMailboxContact({
    sequenceId,
    versionId,
    firstStepKey: "welcome",
    contact: { email: `alan-${tag}@example.com`, firstName: "Alan", lastName: `Turing ${tag}`, phone: "+15550101" },
    messages: [{ stepKey: "welcome", stepIndex: 0, channel: "email", subject, body: "Hello Alan", hoursAgo: 240 }],
  });
  const grace = await seedMailboxContact({
    sequenceId,
    versionId,
    firstStepKey: "welcome",
    contact: { email: `grace-${tag}@example.com`, firstName: "Grace", lastName: `Hopper ${tag}`, phone: "+15550100" },
    messages: [
      {
        stepKey: "welcome",
        stepIndex: 0,
        channel: "email",
        subject,
        body: "Hello Grace,\nthanks for signing up.\n<b>not bold</b>",
        hoursAgo: 2,
        failedFirst: "421 4.7.0 mx.internal.example: try again later",
      },
      {
        stepKey: "nudge",
        stepIndex: 1,
        channel: "sms",
        subject: null,
        body: `Quick nudge ${tag}: reply YES`,
        hoursAgo: 1,
      },
    ],
  });
  await signIn(page, "admin");
  await page.goto("/messages");
  const rows = page.getByTestId("message-row");
  const search = page.getByRole("searchbox", { name: "Search" });

  // By contact (email prefix): Grace's email and SMS, newest first; no Apply button anywhere.
  await expect(page.getByRole("button", { name: /apply/i })).toHaveCount(0);
  await search.fill(`grace-${tag}`);
  await expect(page).toHaveURL(new RegExp(`q=grace-${tag}`));
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).getByTestId("message-subject")).toHaveText(`Quick nudge ${tag}: reply YES`);
  await expect(rows.nth(0).getByTestId("message-channel")).toHaveText("SMS");
  await expect(rows.nth(0).getByTestId("message-step")).toHaveText(
    "Step 2 · SMS: Quick nudge {{first_name}}: reply YES",
  );
  await expect(rows.nth(1).getByTestId("message-step")).toHaveText("Step 1 · Email: Welcome {{first_name}}");
  await expect(rows.nth(1).getByTestId("message-contact")).toHaveText(`Grace Hopper ${tag}`);
  await expect(rows.nth(1).getByTestId("message-version")).toHaveText("v1");
  await expect(page.getByText(/s_[0-9a-f]{8}/)).toHaveCount(0);

  // By contact name, then channel: the filter applies as it is chosen.
  await search.fill(`grace hopper ${tag}`);
  await expect(rows).toHaveCount(2);
  await page.getByLabel("Channel", { exact: true }).selectOption("email");
  await expect(page).toHaveURL(/channel=email/);
  await expect(rows).toHaveCount(1);
  await expect(rows.getByTestId("message-subject")).toHaveText(subject);
  await page.getByLabel("Channel", { exact: true }).selectOption("");

  // By subject (its start, any case): both welcomes, Grace's and Alan's.
  await search.fill(`welcome ${tag}`);
  await expect(rows).toHaveCount(2);
  await expect(rows.getByTestId("message-contact")).toHaveText([`Grace Hopper ${tag}`, `Alan Turing ${tag}`]);

  // Date range, in days: from five days ago keeps the recent one; up to eight days ago, the old one.
  await page.getByLabel("From", { exact: true }).fill(day(5));
  await expect(page).toHaveURL(new RegExp(`from=${day(5)}`));
  await expect(rows).toHaveCount(1);
  await expect(rows.getByTestId("message-contact")).toHaveText(`Grace Hopper ${tag}`);
  await snap(page, "mailbox");
  await expectAccessible(page);
  await page.getByLabel("From", { exact: true }).fill("");
  await page.getByLabel("To", { exact: true }).fill(day(8));
  await expect(rows).toHaveCount(1);
  await expect(rows.getByTestId("message-contact")).toHaveText(`Alan Turing ${tag}`);

  // Nothing matches: the empty state says so and clears the filters.
  await search.fill(`nobody-${tag}`);
  await expect(page.getByText("No messages match these filters")).toBeVisible();
  await snap(page, "mailbox-empty");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/messages$/);
  await expect(search).toHaveValue("");

  // Open Grace's email: what she got, with headers, version, step and both attempts.
  await search.fill(`grace-${tag}`);
  await expect(rows).toHaveCount(2);
  await rows.nth(1).getByTestId("message-subject").click();
  await expect(page).toHaveURL(new RegExp(`/messages/${grace.messageIds[0]}$`));
  await expect(page.getByTestId("message-view-subject")).toHaveText(subject);
  await expect(page.getByTestId("message-view-body")).toHaveText(
    "Hello Grace,\nthanks for signing up.\n<b>not bold</b>",
  );
  const headers = page.getByTestId("message-headers");
  const header = (name: string) => headers.locator(`xpath=.//dt[normalize-space()="${name}"]/following-sibling::dd[1]`);
  await expect(header("To")).toHaveText(`grace-${tag}@example.com`);
  await expect(header("From")).toHaveText(/\S+@\S+/);
  await expect(header("List-Unsubscribe")).toHaveText(/^<http[^>]+\/u\/[^>]+>$/);
  await expect(header("List-Unsubscribe-Post")).toHaveText("List-Unsubscribe=One-Click");
  await expect(page.getByTestId("message-view-version")).toHaveText("v1");
  await expect(page.getByRole("link", { name: "Version 1" })).toHaveAttribute(
    "href",
    `/sequences/${sequenceId}/versions/1`,
  );
  await expect(page.getByTestId("message-view-step")).toContainText("Step 1 · ✉ Email: Welcome {{first_name}}");
  const attempts = page.getByTestId("attempt-row");
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toContainText("Failed, retried");
  await expect(attempts.nth(0)).toContainText("The mail server deferred the message (SMTP 421)");
  await expect(attempts.nth(1)).toContainText("Sent");
  await expect(page.getByText("mx.internal.example")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Open the enrollment and its timeline" })).toHaveAttribute(
    "href",
    `/enrollments/${grace.enrollmentId}`,
  );
  await snap(page, "message-view");
  await expectAccessible(page);

  // The SMS page: its text, not the word "SMS", is what the mailbox linked.
  await page.goto(`/messages/${grace.messageIds[1]}`);
  await expect(page.getByTestId("message-view-body")).toHaveText(`Quick nudge ${tag}: reply YES`);
  await expect(page.getByTestId("attempt-row")).toHaveCount(1);
});
