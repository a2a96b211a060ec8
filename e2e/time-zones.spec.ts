import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { seedEnrolledContact, seedPublishedSequence } from "./support/seed-enrollments";
import { snap } from "./support/screenshot";
import { expectAccessible } from "./support/sequences";

// Issue 16, the UI half: a contact's zone (edit form), the user's display zone (profile), the
// enrollment page in the user's zone with the zone named and the contact's local time, the
// organisation settings, and the enroll dialog's missing-channel warning.
test("contact and user time zones: the enrollment page shows times in the user's zone and the contact's local time", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const tag = `tz${Date.now().toString(36)}`;
  const { sequenceId, versionId } = await seedPublishedSequence(`Zones ${tag}`, [
    { key: "hello", type: "email", subject: "Hello", body: "Hi there." },
    { key: "pause", type: "wait", amount: 2, unit: "days" },
    { key: "text", type: "sms", body: "A quick text." },
  ]);
  const { enrollmentId, email } = await seedEnrolledContact(sequenceId, versionId, "hello");
  await signIn(page, "admin");

  // Organisation settings: admin-only page in the navigation; a bad cap is refused by field.
  await page.getByRole("link", { name: "Organization" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organization" })).toBeVisible();
  const limits = page.getByTestId("sending-limits-section");
  await limits.getByLabel("Emails per day").fill("0");
  await limits.getByRole("button", { name: "Save" }).click();
  await expect(limits.getByRole("alert").first()).toContainText("whole number");
  await limits.getByLabel("Emails per day").fill("500");
  await limits.getByRole("button", { name: "Save" }).click();
  await expect(limits.getByRole("status")).toHaveText("Saved.");
  const org = page.getByTestId("organization-section");
  await org.getByLabel("Postal address").fill("Acme Inc.\n1 Main Street\nSpringfield");
  await org.getByRole("button", { name: "Save" }).click();
  await expect(org.getByRole("status")).toHaveText("Saved.");
  await expectAccessible(page);
  await snap(page, "tz-organization-settings");

  // The contact's zone, through the edit form's searchable select.
  await page.goto(`/contacts?q=${email}&field=email`);
  await page.getByRole("button", { name: `Edit ${email}` }).click();
  const dialog = page.getByRole("dialog", { name: "Edit contact" });
  await dialog.getByLabel("Filter time zones").fill("tokyo");
  await dialog.getByLabel("Time zone", { exact: true }).selectOption("Asia/Tokyo");
  await expectAccessible(page);
  await snap(page, "tz-contact-edit");
  await dialog.getByRole("button", { name: "Save contact" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("contact-zone")).toContainText("Asia/Tokyo");

  // The enroll dialog warns that this contact has no phone for the SMS step.
  await page.getByRole("checkbox", { name: `Select ${email}` }).check();
  await page.getByRole("button", { name: "Enroll selected…" }).click();
  const enroll = page.getByRole("dialog", { name: "Enroll in a sequence" });
  await enroll.getByLabel("Sequence").selectOption({ label: `Zones ${tag} (v1)` });
  await expect(enroll.getByTestId("missing-channel-warning")).toHaveText(
    "1 of 1 contact has no phone: their SMS step will be skipped.",
  );
  await snap(page, "tz-enroll-warning");
  await enroll.getByRole("button", { name: "Cancel" }).click();

  // The user's display zone, from the profile linked in the header.
  await page.getByRole("link", { name: /Ada Admin/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  await page.getByLabel("Filter time zones").fill("new york");
  await page.getByLabel("Display time zone").selectOption("America/New_York");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByTestId("display-zone")).toHaveText("America/New_York");
  await expect(page.getByTestId("profile-now")).toContainText(/Times in America\/New_York: it is now .* E[SD]T/);
  await expectAccessible(page);
  await snap(page, "tz-profile");

  // The enrollment page: the zone named, times in New York, the contact's local time in Tokyo.
  await expect(async () => {
    await page.request.post("/api/test/advance", { data: { minutes: 0 } });
    await page.goto(`/enrollments/${enrollmentId}`);
    await expect(page.getByTestId("pinned-step").first()).toHaveAttribute("data-state", "done");
  }).toPass({ timeout: 20_000 });
  await expect(page.getByTestId("enrollment-zones")).toHaveText(
    "Times in America/New_York · the contact's time zone is Asia/Tokyo",
  );
  await expect(page.getByTestId("pinned-step").first()).toContainText(/Ran .* E[SD]T/);
  await expect(page.getByTestId("contact-local-time").first()).toContainText(
    /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d:\d\d for the contact \(Asia\/Tokyo\)$/,
  );
  await expect(page.getByTestId("timeline-row").first()).toContainText(/E[SD]T/);
  await expectAccessible(page);
  await snap(page, "tz-enrollment");

  // Back to the organisation's zone, so other specs see what they expect.
  await page.goto("/profile");
  await page.getByLabel("Display time zone").selectOption("");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("display-zone")).toHaveText("UTC");
});

test("viewers and editors do not get the organisation settings", async ({ page }) => {
  await signIn(page, "editor");
  await expect(page.getByRole("link", { name: "Organization" })).toHaveCount(0);
  const response = await page.goto("/settings/organization");
  expect(response?.status()).toBe(404);
});
