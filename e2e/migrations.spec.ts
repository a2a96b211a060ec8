import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";
import { snap } from "./support/screenshot";
import { enrollmentsByVersion, seedMigrationScenario } from "./support/seed-migration";

test("an editor maps a removed step, runs the dry run, previews, moves enrollments to v2 and undoes it", async ({
  page,
}) => {
  const seeded = await seedMigrationScenario({ atTips: 20, atOffer: 10 });
  await signIn(page, "editor");
  await page.goto(`/sequences/${seeded.sequenceId}/migrate?to=2`);
  await expect(page.getByRole("heading", { name: "Move enrollments to v2" })).toBeVisible();

  // Step map: the removed "tips" email sends its contacts to the new case-study email.
  const removed = page.getByTestId("removed-step");
  await expect(removed).toHaveCount(1);
  await expect(removed).toContainText("Three tips");
  await page.getByLabel("Contacts at removed step 3").selectOption("goto:case");
  await snap(page, "migrate");

  // Dry run: 20 at tips land on the case study, 10 at offer stay on offer.
  await page.getByRole("button", { name: "Run the dry run" }).click();
  const table = page.getByTestId("dry-run-table");
  await expect(table).toBeVisible();
  await expect(page.getByTestId("dry-run-total")).toHaveText("30");
  const tipsRow = page.locator('[data-testid="dry-run-row"][data-from="tips"]');
  await expect(tipsRow).toContainText("How Acme doubled replies");
  await expect(tipsRow).toContainText("20");
  await expect(page.locator('[data-testid="dry-run-row"][data-from="offer"]')).toContainText("10");

  // Preview one of them: the timeline on v1 next to the one on v2.
  await tipsRow.getByRole("button", { name: "Preview one" }).click();
  await expect(page.getByTestId("preview-stay")).toContainText("Three tips");
  await expect(page.getByTestId("preview-move")).toContainText("How Acme doubled replies");
  await expect(page.getByTestId("preview-move")).toContainText("new");
  await snap(page, "migrate-dry-run");

  // Typed confirmation, then apply with progress, then the result.
  const move = page.getByRole("button", { name: "Move 30 enrollments to v2" });
  await expect(move).toBeDisabled();
  await page.getByLabel("Type “move 30 enrollments” to confirm").fill("move 30 enrollments");
  await move.click();
  await expect(page.getByTestId("migration-result")).toContainText("Moved 30 enrollments to v2");
  await snap(page, "migrate-result");
  expect(await enrollmentsByVersion(seeded.sequenceId)).toEqual({ v2: 30 });

  // History, then undo with confirmation: nobody ran a step since, so all 30 go back.
  await page.getByRole("link", { name: "Open the migration history" }).click();
  const row = page.getByTestId("migration-row").first();
  await expect(row).toHaveAttribute("data-status", "applied");
  await expect(row).toContainText("v1 → v2");
  await expect(row).toContainText("Eddie Editor");
  await row.getByRole("button", { name: "Undo the move from v1 to v2" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Each of the 30 enrollments goes back to v1");
  await snap(page, "migrations-undo-confirm");
  await dialog.getByRole("button", { name: "Undo the move" }).click();
  await expect(page.getByTestId("undo-result")).toContainText("Restored 30 enrollments to v1.");
  await expect(page.getByTestId("migration-row").first()).toHaveAttribute("data-status", "undone");
  await snap(page, "migrations-history");
  expect(await enrollmentsByVersion(seeded.sequenceId)).toEqual({ v1: 30 });
});

test("a viewer sees the migration history read-only and cannot open the move page", async ({ page }) => {
  const seeded = await seedMigrationScenario({ atTips: 2, atOffer: 1 });
  await signIn(page, "viewer");
  await page.goto(`/sequences/${seeded.sequenceId}/migrations`);
  await expect(page.getByRole("heading", { name: "Migration history" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Move enrollments" })).toHaveCount(0);
  await page.goto(`/sequences/${seeded.sequenceId}/migrate`);
  await expect(page.getByText("Editors and admins only")).toBeVisible();
  await expect(page.getByRole("button", { name: "Run the dry run" })).toHaveCount(0);
  await snap(page, "migrate-viewer");
});
