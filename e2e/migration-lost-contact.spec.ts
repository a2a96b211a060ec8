import { expect, test, type Route } from "@playwright/test";
import { signIn } from "./support/auth";
import { enrollmentsByVersion, seedMigrationScenario } from "./support/seed-migration";
import { expectAccessible } from "./support/sequences";

test("a migration apply that loses its server ends with the lost-contact message, and Resume finishes it", async ({
  page,
}) => {
  const seeded = await seedMigrationScenario({ atTips: 20, atOffer: 10 });
  await signIn(page, "editor");
  await page.goto(`/sequences/${seeded.sequenceId}/migrate?to=2`);
  await page.getByLabel("Contacts at removed step 3").selectOption("goto:case");
  await page.getByRole("button", { name: "Run the dry run" }).click();
  await expect(page.getByTestId("dry-run-total")).toHaveText("30");
  await page.getByLabel("Type “move 30 enrollments” to confirm").fill("move 30 enrollments");

  // The migration is created; the server is unreachable for the first apply call.
  let actions = 0;
  const dead = async (route: Route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    actions += 1;
    return actions >= 2 ? route.abort("connectionrefused") : route.continue();
  };
  await page.route("**/*", dead);
  await page.getByRole("button", { name: "Move 30 enrollments to v2" }).click();
  const alert = page.getByTestId("migration-interrupted");
  await expect(alert).toContainText("Lost contact after 0 of 30. Resume it: enrollments already moved are skipped.");
  await expectAccessible(page);
  await page.unroute("**/*", dead);

  await alert.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByTestId("migration-result")).toContainText("Moved 30 enrollments to v2");
  expect(await enrollmentsByVersion(seeded.sequenceId)).toEqual({ v2: 30 });
});
