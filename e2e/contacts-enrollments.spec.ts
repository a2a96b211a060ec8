import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { V1_STEPS } from "./support/seed-migration";
import { publishNextVersion, seedEnrolledContact, seedPublishedSequence } from "./support/seed-enrollments";
import { snap } from "./support/screenshot";
import { expectAccessible } from "./support/sequences";

/** Runs the step runner through the test-only control (admin session) until nothing is due. */
async function advance(page: Page, minutes = 0) {
  const response = await page.request.post("/api/test/advance", { data: { minutes } });
  expect(response.status(), await response.text()).toBe(200);
}

/** The worker also runs on its own, so poll with reloads until the page shows the expected state. */
async function eventually(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1000] });
}

test("import a CSV, enroll, run, and inspect the pinned version, timeline and mailbox across a publish", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = `ops${Date.now().toString(36)}`;
  const { sequenceId } = await seedPublishedSequence(`Onboarding ${tag}`, V1_STEPS);
  await signIn(page, "admin");

  // CSV: 3 good rows and a bad email; nothing is imported until the operator picks "only the valid rows".
  await page.goto("/contacts");
  await page.getByRole("button", { name: "Import CSV…" }).click();
  const dialog = page.getByRole("dialog", { name: "Import contacts from CSV" });
  const csv = [
    "email,first_name,last_name,company",
    `${tag}-ann@example.com,Ann,Lee,Acme`,
    `${tag}-bob@example.com,Bob,Ray,Acme`,
    "not-an-email,Bad,Row,",
    `${tag}-cy@example.com,Cy,Fox,Beta`,
  ].join("\n");
  await dialog
    .getByLabel(/CSV file/)
    .setInputFiles({ name: "contacts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(dialog.getByTestId("csv-preview")).toContainText(`${tag}-ann@example.com`);
  await expect(dialog.getByTestId("csv-validation")).toContainText("4 rows checked: 3 valid, 1 with errors");
  await expect(dialog.getByTestId("csv-errors")).toContainText(
    "Line 4, email: “not-an-email” not a valid email address",
  );
  await expect(dialog.getByRole("button", { name: /^Import \d+ contacts?$/ })).toHaveCount(0);
  await snap(page, "csv-import");
  // All or nothing is the default; importing the rest is a deliberate choice.
  await dialog.getByRole("radio", { name: /^Import valid rows/ }).check();
  await dialog.getByRole("button", { name: "Import only the 3 valid rows" }).click();
  await expect(dialog.getByTestId("csv-result")).toContainText(
    "Imported 3 contacts: 3 new, 0 updated; 1 invalid row skipped.",
  );
  await dialog.getByRole("button", { name: "Done" }).click();

  // Enroll everyone matching the search.
  await page.goto(`/contacts?q=${tag}-&field=email`);
  await expect(page.getByTestId("contact-row")).toHaveCount(3);
  await page.getByRole("button", { name: "Enroll all 3 matching…" }).click();
  const enroll = page.getByRole("dialog", { name: "Enroll in a sequence" });
  await enroll.getByLabel("Sequence").selectOption({ label: `Onboarding ${tag} (v1)` });
  await enroll.getByRole("button", { name: "Enroll" }).click();
  await expect(enroll.getByTestId("enroll-result")).toContainText("Enrolled 3 contacts on v1.");
  await enroll.getByRole("button", { name: "Done" }).click();
  await page.goto("/contacts");
  await expect(page.getByTestId("contact-row").first()).toBeVisible();
  await snap(page, "contacts");
  await expectAccessible(page);

  await advance(page);

  await page.goto(`/enrollments?sequence=${sequenceId}`);
  await expect(page.getByTestId("enrollment-row")).toHaveCount(3);
  await expect(page.getByTestId("version-counts")).toContainText("v1");
  await expect(page.getByTestId("version-counts")).toContainText("3 active");
  await expect(page.getByTestId("enrollment-row").first()).toBeVisible();
  await snap(page, "enrollments");
  await expectAccessible(page);

  await page.getByTestId("enrollment-row").first().getByRole("link").first().click();
  await expect(page).toHaveURL(/\/enrollments\/[0-9a-f-]{36}$/);
  await eventually(page, async () => {
    await expect(page.getByTestId("pinned-version")).toContainText("v1");
    await expect(page.locator('[data-testid="timeline-row"][data-type="step_executed"]')).not.toHaveCount(0, {
      timeout: 1000,
    });
    await expect(page.locator('[data-testid="pinned-step"][data-step-key="intro"]')).toHaveAttribute(
      "data-state",
      "done",
      { timeout: 1000 },
    );
  });
  await expect(page.getByTestId("timeline-message").first()).toContainText("Welcome, ");

  // v2 drops "tips": this contact stays on v1 and still has "tips" ahead of it.
  await publishNextVersion(
    sequenceId,
    V1_STEPS.filter((s) => s.key !== "tips"),
    "Drop the tips email",
  );
  await page.reload();
  await expect(page.getByTestId("pinned-version")).toContainText("1 version behind the active v2");
  await expect(page.locator('[data-testid="pinned-step"][data-step-key="tips"]')).toHaveAttribute(
    "data-state",
    "upcoming",
  );
  await expect(page.getByRole("link", { name: "What changed from v1 to v2" })).toBeVisible();
  await expect(page.getByTestId("timeline-row").first()).toBeVisible();
  await snap(page, "enrollment-detail");
  await expectAccessible(page);

  await page.goto(`/messages?sequence=${sequenceId}`);
  await eventually(page, async () => {
    await expect(page.getByTestId("message-row").first()).toBeVisible({ timeout: 1000 });
    await expect(page.getByTestId("message-row")).toHaveCount(3, { timeout: 1000 });
    await expect(page.getByTestId("message-row").filter({ hasText: "Sent" })).toHaveCount(3, { timeout: 1000 });
  });
  for (const version of await page.getByTestId("message-version").allTextContents()) expect(version).toBe("v1");
  await expect(page.getByTestId("message-row").first()).toBeVisible();
  await snap(page, "mailbox");
  await expectAccessible(page);
  await page.getByTestId("message-subject").first().click();
  await expect(page.getByTestId("message-view-version")).toHaveText("v1");
  await expect(page.getByTestId("message-view-body")).toHaveText("Glad you are here.");
});

test("script and onerror payloads in a subject and body are shown as text in the mailbox, timeline and diff", async ({
  page,
}) => {
  const tag = `xss${Date.now().toString(36)}`;
  const script = "<script>window.__xss = 1</script>";
  const img = '<img src=x onerror="window.__xss = 2">';
  const { sequenceId, versionId } = await seedPublishedSequence(`Payloads ${tag}`, [
    { key: "mail", type: "email", subject: `${script} Hi {{first_name}}`, body: `${img}\n<b>not bold</b>` },
  ]);
  await publishNextVersion(
    sequenceId,
    [{ key: "mail", type: "email", subject: `${img} Hello`, body: `${script}` }],
    "Payloads in v2 too",
  );
  await seedEnrolledContact(sequenceId, versionId, "mail");
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, "admin");
  await advance(page);

  const noPayloadRan = async () => {
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await expect(page.locator('img[src="x"], img[src="y"]')).toHaveCount(0);
  };

  await page.goto(`/messages?sequence=${sequenceId}`);
  await eventually(page, async () =>
    expect(page.getByTestId("message-subject")).toHaveText(`${script} Hi Mallory`, { timeout: 1000 }),
  );
  await expect(page.getByTestId("message-row")).toContainText(img);
  await noPayloadRan();

  await page.getByTestId("message-subject").click();
  await expect(page.getByTestId("message-view-subject")).toHaveText(`${script} Hi Mallory`);
  await expect(page.getByTestId("message-view-body")).toHaveText(`${img}\n<b>not bold</b>`);
  await expect(page.getByTestId("message-view-body").locator("b")).toHaveCount(0);
  await noPayloadRan();

  await page.getByRole("link", { name: "Open the enrollment and its timeline" }).click();
  await expect(page.getByTestId("timeline-message").first()).toContainText(`${script} Hi Mallory`);
  await expect(page.getByTestId("timeline-message").first()).toContainText(img);
  await noPayloadRan();

  await page.goto(`/sequences/${sequenceId}/diff?from=1&to=2`);
  await expect(page.getByRole("main")).toContainText(img);
  await noPayloadRan();
  expect(dialogs).toEqual([]);
});

test("an open task is listed with its contact and completing it lets the enrollment continue", async ({ page }) => {
  const tag = `task${Date.now().toString(36)}`;
  const { sequenceId, versionId } = await seedPublishedSequence(`Calls ${tag}`, [
    { key: "call", type: "task", title: `Call ${tag}`, note: "Ask how the trial is going." },
    { key: "thanks", type: "email", subject: "Thanks for your time", body: "Talk soon." },
  ]);
  const { email } = await seedEnrolledContact(sequenceId, versionId, "call");
  await signIn(page, "admin");
  await advance(page);

  // Filtered to this sequence: the shared e2e database holds other specs' open tasks, due sooner.
  await page.goto(`/tasks?sequence=${sequenceId}`);
  const row = page.getByTestId("task-row").filter({ hasText: `Call ${tag}` });
  await eventually(page, async () => expect(row).toBeVisible({ timeout: 1000 }));
  await expect(row).toContainText(email);
  await snap(page, "tasks");
  await expectAccessible(page);
  await row.getByRole("button", { name: /^Complete/ }).click();
  const confirm = page.getByRole("dialog", { name: `Complete “Call ${tag}”?` });
  await confirm.getByRole("button", { name: "Complete task" }).click();
  await expect(page.getByRole("status").filter({ hasText: "continues with the next step" })).toBeVisible();
  await expect(row).toHaveCount(0);

  await advance(page);
  await page.goto(`/messages?sequence=${sequenceId}`);
  await eventually(page, async () =>
    expect(page.getByTestId("message-subject")).toHaveText("Thanks for your time", { timeout: 1000 }),
  );
});

test("a completed task shows on its own step: the timeline names the task, the step list shows it done when completed", async ({
  page,
}) => {
  const tag = `done${Date.now().toString(36)}`;
  const { sequenceId, versionId } = await seedPublishedSequence(`Call then wait ${tag}`, [
    { key: "call", type: "task", title: `Call ${tag}`, note: "" },
    { key: "pause", type: "wait", amount: 1, unit: "days" },
    { key: "thanks", type: "email", subject: "Thanks for your time", body: "Talk soon." },
  ]);
  const { enrollmentId } = await seedEnrolledContact(sequenceId, versionId, "call");
  await signIn(page, "admin");
  await advance(page);

  // Filtered to this sequence: the shared e2e database holds other specs' open tasks, due sooner.
  await page.goto(`/tasks?sequence=${sequenceId}`);
  const row = page.getByTestId("task-row").filter({ hasText: `Call ${tag}` });
  await eventually(page, async () => expect(row).toBeVisible({ timeout: 1000 }));
  await row.getByRole("button", { name: /^Complete/ }).click();
  await page
    .getByRole("dialog", { name: `Complete “Call ${tag}”?` })
    .getByRole("button", { name: "Complete task" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "continues with the next step" })).toBeVisible();
  // The runner moves on to the wait; the task's event must still name the task, not the wait.
  await advance(page);

  await page.goto(`/enrollments/${enrollmentId}`);
  await eventually(page, async () => {
    await expect(page.locator('[data-testid="pinned-step"][data-step-key="pause"]')).toHaveAttribute(
      "data-state",
      "current",
      { timeout: 1000 },
    );
  });
  const completed = page.locator('[data-testid="timeline-row"][data-type="task_completed"]');
  await expect(completed).toHaveCount(1);
  await expect(completed).toContainText(`Call ${tag}`);
  await expect(completed).not.toContainText("Wait 1 day");
  const taskStep = page.locator('[data-testid="pinned-step"][data-step-key="call"]');
  await expect(taskStep).toHaveAttribute("data-state", "done");
  await expect(taskStep).toContainText("Completed");
  await expect(taskStep).not.toContainText("Ran");
});
