import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { seedPublishedSequence } from "./support/seed-enrollments";

test("an editor enrolls contacts from the sequence page, and a second run reports them as already enrolled", async ({
  page,
}) => {
  const { sequenceId } = await seedPublishedSequence(`Enroll from page ${Date.now()}`, [
    { key: "hello", type: "email", subject: "Hello {{first_name}}", body: "Hi" },
    { key: "later", type: "wait", amount: 3, unit: "days" },
    { key: "bye", type: "email", subject: "Bye", body: "Bye" },
  ]);
  await signIn(page, "editor");
  await page.goto(`/sequences/${sequenceId}`);

  for (const expected of ["Enrolled 2 contacts on v1.", "Enrolled 0 contacts"]) {
    await page.getByRole("button", { name: "Enroll contacts…" }).click();
    const chooser = page.getByRole("dialog", { name: "Enroll contacts" });
    await chooser.getByLabel("Match by").selectOption("email");
    await chooser.getByLabel(/Search/).fill("kemi.");
    await expect(chooser.getByRole("status")).toContainText("2 matching contacts");
    await chooser.getByRole("button", { name: /Continue with 2 contacts/ }).click();
    const enroll = page.getByRole("dialog", { name: "Enroll in a sequence" });
    await enroll.getByRole("button", { name: "Enroll", exact: true }).click();
    await expect(enroll.getByTestId("enroll-result")).toContainText(expected);
    if (expected.startsWith("Enrolled 0"))
      await expect(enroll.getByTestId("enroll-result")).toContainText("2 already in this sequence");
    await enroll.getByRole("button", { name: "Done" }).click();
  }
});
