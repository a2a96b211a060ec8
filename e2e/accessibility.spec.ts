// Every page and the dialogs opened from them, checked with axe (no serious or critical
// violation). The pages are discovered from the route files (app/**/page.tsx): a new route without
// a URL below fails this spec until it is added, so no page can be left out by forgetting it. Each
// dialog is opened from its button, checked, and closed with Escape (keyboard access).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import type { StepInput } from "../lib/domain/steps";
import { signIn } from "./support/auth";
import { seedCompletedWithMessage } from "./support/seed-delivery";
import { publishNextVersion, seedEnrolledContact, seedPublishedSequence } from "./support/seed-enrollments";
import { e2eDatabaseUrl } from "./support/seed-migration";
import { expectAccessible } from "./support/sequences";

const ROOT = path.resolve(import.meta.dirname, "..");

/** "/sequences/[id]/diff" for app/(app)/sequences/[id]/diff/page.tsx (route groups dropped). */
function discoverRoutes(dir = path.join(ROOT, "app"), prefix = ""): string[] {
  const routes: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name.startsWith("_") || name === "api") continue; // private folders; route handlers are not pages
      const segment = name.startsWith("(") && name.endsWith(")") ? "" : `/${name}`;
      routes.push(...discoverRoutes(full, prefix + segment));
    } else if (name === "page.tsx") routes.push(prefix || "/");
  }
  return routes.sort();
}

async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

type Fixture = {
  sequenceId: string;
  enrollmentId: string;
  messageId: string;
  webhookId: string;
  unsubscribePath: string;
};

const HELLO = {
  key: "hello",
  type: "email",
  subject: "Hello {{first_name}}",
  body: "Hi. {{unsubscribe_url}}",
} as const;
const REST: StepInput[] = [
  { key: "pause", type: "wait", amount: 2, unit: "days" },
  { key: "call", type: "task", title: "Call {{first_name}}", note: "" },
];
const STEPS: StepInput[] = [HELLO, ...REST];

/** The URL each discovered route is visited at (signed in as an admin unless it says otherwise). */
// Nothing is excluded from axe: /api-docs, whose vendor widget once had to be, is now our own
// server-rendered reference (app/(app)/api-docs/page.tsx) and is checked whole like every page.
type Visit = { url: string; signedOut?: boolean; coveredBy?: string };

function urlFor(route: string, f: Fixture): Visit {
  const urls: Record<string, Visit> = {
    "/": { url: "/" },
    "/api-docs": { url: "/api-docs" },
    "/contacts": { url: "/contacts" },
    "/enrollments": { url: "/enrollments" },
    "/enrollments/[id]": { url: `/enrollments/${f.enrollmentId}` },
    "/messages": { url: "/messages" },
    "/messages/[id]": { url: `/messages/${f.messageId}` },
    "/profile": { url: "/profile" },
    "/sequences": { url: "/sequences" },
    "/sequences/[id]": { url: `/sequences/${f.sequenceId}` },
    "/sequences/[id]/diff": { url: `/sequences/${f.sequenceId}/diff?from=1&to=2` },
    "/sequences/[id]/migrate": { url: `/sequences/${f.sequenceId}/migrate` },
    "/sequences/[id]/migrations": { url: `/sequences/${f.sequenceId}/migrations` },
    "/sequences/[id]/outcomes": { url: `/sequences/${f.sequenceId}/outcomes` },
    "/sequences/[id]/versions": { url: `/sequences/${f.sequenceId}/versions` },
    "/sequences/[id]/versions/[number]": { url: `/sequences/${f.sequenceId}/versions/1` },
    "/sequences/[id]/reviews/[reviewId]": { url: "", coveredBy: "e2e/review.spec.ts (a real review request, axe)" },
    "/settings/api-keys": { url: "/settings/api-keys" },
    "/settings/audit": { url: "/settings/audit" },
    "/settings/organization": { url: "/settings/organization" },
    "/settings/system": { url: "/settings/system" },
    "/settings/webhooks": { url: "/settings/webhooks" },
    "/settings/webhooks/[id]": { url: `/settings/webhooks/${f.webhookId}` },
    "/signin": { url: "/signin", signedOut: true },
    "/tasks": { url: "/tasks" },
    "/u/[token]": { url: f.unsubscribePath, signedOut: true },
    "/users": { url: "/users" },
  };
  const entry = urls[route];
  if (!entry) throw new Error(`No URL for the route ${route}: add it to e2e/accessibility.spec.ts`);
  return entry;
}

/** Dialogs: the page, the button that opens it (exact accessible name). */
const DIALOGS: { page: (f: Fixture) => string; button: string | RegExp }[] = [
  { page: () => "/sequences", button: "New sequence" },
  { page: (f) => `/sequences/${f.sequenceId}`, button: "Publish…" },
  { page: (f) => `/sequences/${f.sequenceId}`, button: "Enroll contacts…" },
  { page: (f) => `/sequences/${f.sequenceId}`, button: "Schedule…" },
  { page: () => "/contacts", button: "Add contact" },
  { page: () => "/contacts", button: "Import CSV…" },
  { page: (f) => `/enrollments/${f.enrollmentId}`, button: "Pause" },
  { page: (f) => `/enrollments/${f.enrollmentId}`, button: "Record reply" },
  { page: (f) => `/enrollments/${f.enrollmentId}`, button: "Unenroll" },
  { page: (f) => `/sequences/${f.sequenceId}/versions`, button: /^Restore v\d+ into the draft$/ },
];

let fixture: Fixture;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString(36);
  const { sequenceId, versionId } = await seedPublishedSequence(`A11y ${stamp}`, STEPS);
  await publishNextVersion(sequenceId, [{ ...HELLO, subject: "Hello again {{first_name}}" }, ...REST], "v2");
  // A draft that differs from v2, so Publish… and Schedule… are enabled.
  await query(
    `UPDATE sequences SET draft = jsonb_set(draft, '{steps,0,subject}', '"Hello once more"'), draft_revision = draft_revision + 1 WHERE id = $1`,
    [sequenceId],
  );
  const [v2] = await query<{ id: string }>(`SELECT id FROM sequence_versions WHERE sequence_id = $1 AND number = 2`, [
    sequenceId,
  ]);
  const { enrollmentId } = await seedEnrolledContact(sequenceId, versionId, "pause", {
    dueAt: new Date(Date.now() + 86_400_000),
  });
  const delivered = await seedCompletedWithMessage({ sequenceId, versionId: v2!.id, stepKey: "hello", minutesAgo: 5 });
  const [message] = await query<{ id: string }>(`SELECT id FROM messages WHERE enrollment_id = $1`, [
    delivered.enrollmentId,
  ]);
  const [webhook] = await query<{ id: string }>(
    `INSERT INTO webhook_endpoints (url, description, event_types, secret) VALUES ($1, 'a11y', '{}', $2) RETURNING id`,
    [`https://example.com/a11y-${stamp}`, `whsec_${Buffer.from(stamp.padEnd(24, "x")).toString("base64")}`],
  );
  // The unsubscribe page needs a real signed link: let the worker send the first email of an enrollment.
  const unsub = await seedEnrolledContact(sequenceId, v2!.id, "hello");
  // The test clock route needs a session.
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const admin = await context.newPage();
  await signIn(admin, "admin");
  const advanced = await admin.request.post("/api/test/advance", { data: { minutes: 0 } });
  expect(advanced.status(), await advanced.text()).toBe(200);
  await context.close();
  let unsubscribePath = "";
  await expect
    .poll(
      async () => {
        const [m] = await query<{ body: string }>(`SELECT body FROM messages WHERE enrollment_id = $1`, [
          unsub.enrollmentId,
        ]);
        unsubscribePath = /https?:\/\/[^/\s]+(\/u\/\S+)/.exec(m?.body ?? "")?.[1] ?? "";
        return unsubscribePath;
      },
      { timeout: 30_000 },
    )
    .not.toBe("");
  fixture = { sequenceId, enrollmentId, messageId: message!.id, webhookId: webhook!.id, unsubscribePath };
});

async function visit(page: Page, url: string) {
  const response = await page.goto(url);
  expect(response?.status(), `${url} answered ${response?.status()}`).toBeLessThan(400);
  await page.waitForLoadState("networkidle");
}

test("every page discovered from the route files has no serious or critical axe violation", async ({
  page,
  browser,
}) => {
  // Every route with axe, one after another, while the other worker runs its own specs.
  test.setTimeout(600_000);
  const routes = discoverRoutes();
  expect(routes.length).toBeGreaterThan(20);
  const entries = routes.map((route) => ({ route, ...urlFor(route, fixture) }));
  await signIn(page, "admin");
  for (const { route, url, signedOut, coveredBy } of entries) {
    await test.step(route, async () => {
      if (coveredBy) {
        test.info().annotations.push({ type: "covered elsewhere", description: `${route}: ${coveredBy}` });
      } else if (signedOut) {
        const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
        const anonymous = await context.newPage();
        await visit(anonymous, url);
        await expectAccessible(anonymous);
        await context.close();
      } else {
        await visit(page, url);
        await expectAccessible(page);
      }
    });
  }
});

test("every dialog is accessible and closes with Escape", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "admin");
  for (const { page: at, button } of DIALOGS) {
    await test.step(`${at(fixture)} · ${String(button)}`, async () => {
      await visit(page, at(fixture));
      await page
        .getByRole("button", { name: button, exact: typeof button === "string" })
        .first()
        .click();
      const dialog = page.getByRole("dialog");
      await expect(dialog).toBeVisible();
      await page.waitForLoadState("networkidle");
      await expectAccessible(page);
      await page.keyboard.press("Escape");
      await expect(dialog).toBeHidden();
    });
  }
});
