import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

export function stepCards(page: Page): Locator {
  return page.getByTestId("step-card");
}

/** Creates a sequence through the "New sequence" dialog and waits for its editor. */
export async function createSequence(page: Page, name: string): Promise<string> {
  await page.goto("/sequences");
  await page.getByRole("button", { name: "New sequence" }).click();
  const dialog = page.getByRole("dialog", { name: "New sequence" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: "Create sequence" }).click();
  await expect(page).toHaveURL(/\/sequences\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return page.url().split("/").pop() ?? "";
}

async function addStep(page: Page, type: "Email" | "SMS" | "Wait" | "Task"): Promise<Locator> {
  const before = await stepCards(page).count();
  await page.getByRole("button", { name: `Add ${type} step` }).click();
  await expect(stepCards(page)).toHaveCount(before + 1);
  return stepCards(page).last();
}

export async function addEmail(page: Page, subject: string, body: string): Promise<void> {
  const card = await addStep(page, "Email");
  await card.getByLabel("Subject").fill(subject);
  await card.getByLabel("Body").fill(body);
}

export async function addWait(page: Page, days: number): Promise<void> {
  const card = await addStep(page, "Wait");
  await card.getByLabel("Wait for").fill(String(days));
}

export async function addSms(page: Page, text: string): Promise<void> {
  const card = await addStep(page, "SMS");
  await card.getByLabel("Message").fill(text);
}

export async function addTask(page: Page, title: string, note = ""): Promise<void> {
  const card = await addStep(page, "Task");
  await card.getByLabel("Task title").fill(title);
  if (note) await card.getByLabel("Note for the assignee").fill(note);
}

export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved");
}

/** Step keys in on-screen order, to assert reorders without depending on labels. */
export async function stepKeys(page: Page): Promise<string[]> {
  return stepCards(page).evaluateAll((cards) => cards.map((c) => c.getAttribute("data-step-key") ?? ""));
}

export async function openPublishDialog(page: Page): Promise<Locator> {
  await expectSaved(page);
  await page.getByRole("button", { name: "Publish…" }).click();
  const dialog = page.getByRole("dialog", { name: "Publish a new version" });
  await expect(dialog).toBeVisible();
  // The guardrails are checked (a clean result or the findings; an invalid draft shows its errors
  // instead, unlinted), and the in-flight count is in.
  await expect(
    dialog.getByTestId("lint-clean").or(dialog.getByTestId("lint-findings")).or(dialog.getByTestId("publish-errors")),
  ).toBeVisible();
  await expect(dialog.getByText("Counting contacts in flight")).toHaveCount(0);
  return dialog;
}

export async function publish(page: Page, dialog: Locator, note: string, expectedNumber: number): Promise<void> {
  await dialog.getByLabel("Note (what changed and why)").fill(note);
  // Warnings (a missing postal address, an SMS without "Reply STOP"...) need an explicit tick.
  const acknowledge = dialog.getByTestId("acknowledge-warnings");
  if (await acknowledge.isVisible()) await acknowledge.check();
  await dialog.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText(`Published v${expectedNumber}.`)).toBeVisible();
  await expect(page.getByTestId("draft-state")).toHaveText(`Draft is identical to v${expectedNumber}`);
}

export function diffRows(scope: Page | Locator, status: string): Locator {
  return scope.locator(`[data-testid="diff-row"][data-status="${status}"]`);
}

/**
 * axe with the rules that matter to us: no serious or critical violations. `exclude`: a region
 * that is not ours (a vendor widget), left out only where a spec says why.
 */
export async function expectAccessible(page: Page, options: { exclude?: string } = {}): Promise<void> {
  const builder = new AxeBuilder({ page });
  if (options.exclude) builder.exclude(options.exclude);
  const results = await builder.analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious).toEqual([]);
}

/**
 * Like snap(), but only the 1280x800 viewport: a modal's backdrop covers the viewport, so a
 * full-page capture of a long page behind it would show an undimmed strip below.
 */
export async function snapViewport(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png` });
}
