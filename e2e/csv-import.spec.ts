import { readFile } from "node:fs/promises";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { expectAccessible, snapViewport } from "./support/sequences";

// CSV import as a user story (issue 17): all or nothing (the default) imports nothing while one
// row is bad; "Import valid rows" imports the rest; the error file has every error.

// The first request of a fresh e2e server can be slow; warm it so the sign-in's 10 s wait is for the page.
test.beforeAll(async ({ request }) => {
  await request.get("/signin", { timeout: 60_000 });
});

async function openImport(page: Page, name: string, csv: string): Promise<Locator> {
  await page.goto("/contacts");
  await page.getByRole("button", { name: "Import CSV…" }).click();
  const dialog = page.getByRole("dialog", { name: "Import contacts from CSV" });
  await dialog.getByLabel(/CSV file/).setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(dialog.getByTestId("csv-validation")).toBeVisible();
  return dialog;
}

async function contactsTagged(page: Page, tag: string): Promise<Locator> {
  await page.goto(`/contacts?q=${tag}-&field=email`);
  return page.getByTestId("contact-row");
}

function fileWithBadRows(tag: string): string {
  return [
    "email,first_name,phone,company",
    `${tag}-ann@example.com,Ann,,Acme`,
    `not-an-email,Bad,,Acme`,
    `${tag}-bob@example.com,Bob,${"1".repeat(41)},Beta`,
    `${tag}-cy@example.com,Cy,,Beta`,
    `${tag}-ann@example.com,Ann again,,Acme`,
    `${tag}-di@example.com,Di,,=SUM(A1)`,
  ].join("\n");
}

test("all or nothing (the default) imports nothing while a row is bad; the error file lists every error", async ({
  page,
}) => {
  const tag = `aon${Date.now().toString(36)}`;
  await signIn(page, "editor");
  const dialog = await openImport(page, "people.csv", fileWithBadRows(tag));
  await expect(dialog.getByRole("radio", { name: /^All or nothing/ })).toBeChecked();
  await expect(dialog.getByTestId("csv-validation")).toContainText("6 rows checked: 3 valid, 3 with errors");
  await expect(dialog.getByTestId("csv-mode-effect")).toContainText(
    "nothing will be imported while 3 rows have errors",
  );
  await expect(dialog.getByRole("button", { name: "Import all 6 rows" })).toBeDisabled();
  await expect(dialog.getByTestId("csv-error-count")).toContainText("3 errors");
  const list = dialog.getByTestId("csv-errors");
  await expect(list).toContainText("Line 3, email: “not-an-email” not a valid email address");
  await expect(list).toContainText("Line 4, phone:");
  await expect(list).toContainText("Line 6, email:");
  await expect(list).toContainText("duplicate of line 2");

  const downloaded = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download all errors (CSV)" }).click();
  const download = await downloaded;
  expect(download.suggestedFilename()).toBe("people-errors.csv");
  const text = await readFile((await download.path())!, "utf8");
  expect(text.split("\n")).toEqual([
    "line,column,value,message",
    "3,email,not-an-email,not a valid email address",
    `4,phone,${"1".repeat(41)},longer than 40 characters`,
    `6,email,${tag}-ann@example.com,duplicate of line 2`,
  ]);

  await snapViewport(page, "csv-import-all-or-nothing");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(await contactsTagged(page, tag)).toHaveCount(0);

  // A clean file imports whole, in one go.
  const clean = await openImport(page, "clean.csv", ["email,first_name", `${tag}-ok@example.com,Ok`].join("\n"));
  await clean.getByRole("button", { name: "Import 1 contact" }).click();
  await expect(clean.getByTestId("csv-result")).toContainText("Imported 1 contact: 1 new, 0 updated.");
  await clean.getByRole("button", { name: "Done" }).click();
  await expect(await contactsTagged(page, tag)).toHaveCount(1);
});

test("import valid rows: the valid rows are imported, the rest skipped and counted", async ({ page }) => {
  const tag = `vr${Date.now().toString(36)}`;
  await signIn(page, "editor");
  const dialog = await openImport(page, "people.csv", fileWithBadRows(tag));
  await dialog.getByRole("radio", { name: /^Import valid rows/ }).check();
  await expect(dialog.getByTestId("csv-mode-effect")).toContainText("3 rows with errors will be skipped");
  await dialog.getByRole("button", { name: "Import only the 3 valid rows" }).click();
  await expect(dialog.getByTestId("csv-result")).toContainText(
    "Imported 3 contacts: 3 new, 0 updated; 3 invalid rows skipped.",
  );
  await snapViewport(page, "csv-import-valid-rows-done");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(await contactsTagged(page, tag)).toHaveCount(3);
});

test("a long error list scrolls with the keyboard and the download has all of them", async ({ page }) => {
  const tag = `many${Date.now().toString(36)}`;
  await signIn(page, "editor");
  const rows = ["email,first_name"];
  for (let i = 0; i < 700; i++) rows.push(i % 2 === 0 ? `bad-${i},X` : `${tag}-${i}@example.com,Y`);
  const dialog = await openImport(page, "many.csv", rows.join("\n"));
  await expect(dialog.getByTestId("csv-error-count")).toContainText("350 errors");
  const list = dialog.getByRole("list", { name: "Errors in the file, 350" });
  await list.focus();
  await expect(list).toBeFocused();
  await page.keyboard.press("End");
  await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  const downloaded = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download all errors (CSV)" }).click();
  const text = await readFile((await (await downloaded).path())!, "utf8");
  expect(text.trim().split("\n")).toHaveLength(351);
  await expectAccessible(page);
});
