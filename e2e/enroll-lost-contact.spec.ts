import { expect, test, type Request, type Route } from "@playwright/test";
import { signIn } from "./support/auth";
import { seedContacts } from "./support/seed-delivery";
import { seedPublishedSequence } from "./support/seed-enrollments";
import { expectAccessible, snapViewport } from "./support/sequences";

const isAction = (request: Request) => request.method() === "POST" && Boolean(request.headers()["next-action"]);

test("the enroll dialog survives a lost server: it ends with the committed count, closes, and a rerun skips what was done", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const tag = `lost${Date.now().toString(36)}`;
  // A long first wait: the worker has nothing to deliver for these 10,001 enrollments.
  await seedPublishedSequence(`Lost contact ${tag}`, [
    { key: "pause", type: "wait", amount: 30, unit: "days" },
    { key: "hello", type: "email", subject: "Hello", body: "Hi." },
  ]);
  await seedContacts(tag, 10_001);
  await signIn(page, "admin");
  await page.goto(`/contacts?q=${tag}-&field=email`);

  const openDialog = async () => {
    await page.getByRole("button", { name: "Enroll all 10,001 matching…" }).click();
    const dialog = page.getByRole("dialog", { name: "Enroll in a sequence" });
    await dialog.getByLabel("Sequence").selectOption({ label: `Lost contact ${tag} (v1)` });
    return dialog;
  };

  // Run 1: ids page 1, enroll chunk 1 (5,000) go through; from then on the server is unreachable.
  let actions = 0;
  const dead = async (route: Route) => {
    if (!isAction(route.request())) return route.continue();
    actions += 1;
    return actions >= 4 ? route.abort("connectionrefused") : route.continue();
  };
  let dialog = await openDialog();
  await page.route("**/*", dead);
  await dialog.getByRole("button", { name: "Enroll" }).click();
  await expect(dialog.getByTestId("enroll-interrupted")).toHaveText(
    "Lost contact after 5,000 of 10,001. Run it again: contacts already done are skipped.",
    { timeout: 90_000 },
  );
  await expect(dialog.getByTestId("enroll-result")).toContainText("Enrolled 5,000 contacts on v1.");
  await snapViewport(page, "enroll-lost-contact");
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.unroute("**/*", dead);

  // Run 2: the first enroll request hangs; Escape stops the run at once and a second closes it.
  const held: Route[] = [];
  let seen = 0;
  const hang = async (route: Route) => {
    if (!isAction(route.request())) return route.continue();
    seen += 1;
    if (seen === 2) held.push(route);
    else await route.continue();
  };
  dialog = await openDialog();
  await page.route("**/*", hang);
  await dialog.getByRole("button", { name: "Enroll" }).click();
  await expect.poll(() => held.length).toBe(1);
  await expect(dialog.getByRole("button", { name: "Stop" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(dialog.getByTestId("enroll-interrupted")).toContainText("Stopped after 0 of 10,001.");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await held[0]!.abort("connectionrefused"); // it never reached the server
  await page.unroute("**/*", hang);

  // Run 3, server reachable: the 5,000 already enrolled are skipped, the rest enrolled.
  dialog = await openDialog();
  await dialog.getByRole("button", { name: "Enroll" }).click();
  await expect(dialog.getByTestId("enroll-result")).toContainText("Enrolled 5,001 contacts on v1.", {
    timeout: 90_000,
  });
  await expect(dialog.getByTestId("enroll-result")).toContainText("5,000 already in this sequence");
  await expect(dialog.getByTestId("enroll-interrupted")).toHaveCount(0);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
});

test("the CSV import ends with the lost-contact message when its server is unreachable, and closes", async ({
  page,
}) => {
  const tag = `csvlost${Date.now().toString(36)}`;
  await signIn(page, "admin");
  await page.goto("/contacts");
  await page.getByRole("button", { name: "Import CSV…" }).click();
  const dialog = page.getByRole("dialog", { name: "Import contacts from CSV" });
  const csv = ["email,first_name", `${tag}-a@example.com,Ann`, `${tag}-b@example.com,Bob`].join("\n");
  await dialog
    .getByLabel(/CSV file/)
    .setInputFiles({ name: "contacts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.route("**/*", (route) =>
    isAction(route.request()) ? route.abort("connectionrefused") : route.continue(),
  );
  await dialog.getByRole("button", { name: "Import 2 contacts" }).click();
  await expect(dialog.getByTestId("csv-interrupted")).toHaveText(
    "Lost contact after uploading 0 of 2 rows. Nothing was imported: rows are only imported once the whole file has arrived. Import the file again.",
  );
  await expect(dialog.getByTestId("csv-result")).toContainText("Imported 0 contacts");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});
