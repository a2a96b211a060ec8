import type { Page } from "@playwright/test";

/** Full-page screenshots for people to look at, under e2e/screenshots (git-ignored). */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}
