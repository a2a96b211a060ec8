import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { seedEnrolledContact, seedPublishedSequence } from "./support/seed-enrollments";
import { snap } from "./support/screenshot";
import { expectAccessible } from "./support/sequences";
import type { StepInput } from "../lib/domain/steps";

// The enrollment page as a user story (issue 17): the timeline grouped per step with a filter by
// event type, and the step list showing what this contact was sent, not the raw template.

const STEPS: StepInput[] = [
  {
    key: "hello",
    type: "email",
    subject: 'Hello {{first_name}} from {{company | "your team"}}',
    body: "Hi {{first_name}},\nthanks for signing up.",
  },
  { key: "pause", type: "wait", amount: 2, unit: "days" },
  { key: "tips", type: "email", subject: "{{first_name}}, three tips", body: "Tip one for {{first_name}}." },
];

// The first request of a fresh e2e server can be slow; warm it so the sign-in's 10 s wait is for the page.
test.beforeAll(async ({ request }) => {
  await request.get("/signin", { timeout: 60_000 });
});

async function advance(page: Page) {
  const response = await page.request.post("/api/test/advance", { data: { minutes: 0 } });
  expect(response.status(), await response.text()).toBe(200);
}

test("the timeline is grouped per step, filters by event type, and run steps show what was sent", async ({ page }) => {
  const tag = `detail${Date.now().toString(36)}`;
  const { sequenceId, versionId } = await seedPublishedSequence(`Detail ${tag}`, STEPS);
  const { enrollmentId } = await seedEnrolledContact(sequenceId, versionId, "hello");
  await signIn(page, "admin");
  await advance(page);

  await page.goto(`/enrollments/${enrollmentId}`);
  const hello = page.locator('[data-testid="pinned-step"][data-step-key="hello"]');
  await expect(async () => {
    await page.reload();
    await expect(hello).toHaveAttribute("data-state", "done", { timeout: 1000 });
    await expect(page.locator('[data-testid="timeline-row"][data-type="message_sent"]')).toHaveCount(1, {
      timeout: 1000,
    });
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1000] });

  // The run step shows the subject as sent (merge field and fallback filled in), not the template.
  await expect(hello.getByTestId("step-sent-title")).toHaveText("Hello Mallory from your team");
  await expect(hello.getByTestId("step-sent")).toContainText("Hi Mallory,");
  await expect(hello).not.toContainText("{{first_name}}");
  // A step to come shows its template and how it will render for this contact.
  const tips = page.locator('[data-testid="pinned-step"][data-step-key="tips"]');
  await expect(tips).toContainText("{{first_name}}, three tips");
  await expect(tips.getByTestId("step-preview")).toContainText("Mallory, three tips");

  // Grouped: the enrollment's own events, then each step with its channel and version.
  const enrollmentGroup = page.locator('[data-testid="timeline-group"][data-group="enrollment"]');
  await expect(enrollmentGroup.getByRole("heading", { level: 3 })).toContainText("Enrollment");
  await expect(enrollmentGroup.getByTestId("timeline-row")).toHaveCount(1);
  await expect(enrollmentGroup.getByTestId("timeline-row")).toHaveAttribute("data-type", "enrolled");
  const helloGroup = page.locator('[data-testid="timeline-group"][data-step-key="hello"]');
  await expect(helloGroup.getByRole("heading", { level: 3 })).toContainText("Step 1");
  await expect(helloGroup.getByRole("heading", { level: 3 })).toContainText("Email");
  await expect(helloGroup.getByRole("heading", { level: 3 })).toContainText("on v1");
  await expect(helloGroup.locator('[data-type="step_executed"]')).toHaveCount(1);
  await expect(helloGroup.locator('[data-type="message_sent"]')).toHaveCount(1);
  const helloCount = await helloGroup.getByTestId("timeline-row").count();
  await expect(helloGroup.getByTestId("timeline-group-count")).toHaveText(`${helloCount} events`);
  await snap(page, "enrollment-detail-grouped");
  await expectAccessible(page);

  // The filter applies at once and works from the keyboard.
  const filter = page.getByTestId("timeline-filter");
  const executed = filter.getByRole("checkbox", { name: /^Step executed/ });
  await executed.focus();
  await page.keyboard.press("Space");
  await expect(executed).not.toBeChecked();
  await expect(page.locator('[data-testid="timeline-row"][data-type="step_executed"]')).toHaveCount(0);
  await expect(helloGroup.locator('[data-type="message_sent"]')).toHaveCount(1);
  await expect(helloGroup.getByTestId("timeline-group-count")).toHaveText(`${helloCount - 1} of ${helloCount} events`);
  await filter.getByRole("checkbox", { name: /^Enrolled/ }).uncheck();
  await expect(enrollmentGroup).toHaveCount(0);
  await snap(page, "enrollment-detail-filtered");
  await filter.getByRole("button", { name: "Show all" }).click();
  await expect(enrollmentGroup).toHaveCount(1);
  await expect(page.locator('[data-testid="timeline-row"][data-type="step_executed"]')).not.toHaveCount(0);
});
