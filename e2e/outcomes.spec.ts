import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support/auth";
import { seedOutcomeScenario } from "./support/seed-outcomes";
import { snap } from "./support/screenshot";

async function expectNoSeriousAxe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the compare page shows both versions' outcomes next to the diff, with a verdict naming the test", async ({
  page,
}) => {
  const { sequenceId } = await seedOutcomeScenario();
  await signIn(page, "viewer");
  await page.goto(`/sequences/${sequenceId}/diff?from=1&to=2`);
  await expect(page.getByRole("heading", { name: "Compare versions" })).toBeVisible();
  const outcomes = page.getByTestId("compare-outcomes");
  await expect(outcomes.getByRole("heading", { name: "Outcomes: v1 vs v2" })).toBeVisible();
  // 15/100 vs 6/100: p = 0.038 in the pooled z-test.
  await expect(page.getByTestId("verdict-reply")).toContainText("v2's reply rate is 15.0 % vs 6.0 % for v1");
  await expect(page.getByTestId("verdict-reply")).toContainText("two-proportion z-test");
  await expect(page.getByTestId("verdict-reply")).toContainText("v2 is better");
  await expect(page.getByTestId("verdict-open")).toContainText("not enough data yet");
  const intro = page.getByTestId("compare-steps").getByRole("row", { name: /intro/ });
  await expect(intro).toContainText("6.0 % (6/100)");
  await expect(intro).toContainText("15.0 % (15/100)");
  // The semantic diff is still there below.
  await expect(page.getByText("How Acme doubled replies").first()).toBeVisible();
  await snap(page, "compare-outcomes");
  await expectNoSeriousAxe(page);

  await page.goto(`/sequences/${sequenceId}/outcomes`);
  await expect(page.getByRole("heading", { name: "Outcomes", exact: true })).toBeVisible();
  await expect(page.getByTestId("machine-rule")).toContainText("within 10 seconds of delivery");
  const funnel = page.getByTestId("funnel-table");
  await expect(funnel.getByRole("row", { name: /^Enrolled/ })).toContainText("200");
  await expect(funnel.getByRole("row", { name: /^Reply rate/ })).toContainText("15 / 100");
  await snap(page, "outcomes");
  await expectNoSeriousAxe(page);
});
