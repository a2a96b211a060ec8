// Every exported server action and route handler is discovered from the file system, so a new
// one without an entry here (or without a rule from defineAction) fails this test.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import { roleAtLeast, type Role } from "@/lib/domain/roles";
import { db } from "@/lib/server/db";
import type { ActionResult } from "@/lib/server/action-client";
import { makeUser } from "./support/factories";

/** Least role allowed to call each action; everyone below it is refused. */
const EXPECTED_ACTION_ROLES: Record<string, Role> = {
  "users.ts:createUserAction": "admin",
  "users.ts:setUserRoleAction": "admin",
  "sequences.ts:createSequenceAction": "editor",
  "sequences.ts:saveDraftAction": "editor",
  "sequences.ts:publishVersionAction": "editor",
  "sequences.ts:restoreVersionAction": "editor",
  "sequences.ts:archiveSequenceAction": "editor",
  "sequences.ts:enrollContactsAction": "editor",
  "sequence-reads.ts:publishImpactAction": "viewer",
  "enrollments.ts:pauseEnrollmentAction": "editor",
  "enrollments.ts:resumeEnrollmentAction": "editor",
  "enrollments.ts:unenrollAction": "editor",
  "enrollments.ts:recordReplyAction": "editor",
  "enrollments.ts:unsubscribeContactAction": "editor",
  "enrollments.ts:completeTaskAction": "editor",
  "migrations.ts:planMigrationAction": "editor",
  "migrations.ts:listPreviewCandidatesAction": "editor",
  "migrations.ts:previewEnrollmentAction": "editor",
  "migrations.ts:startMigrationAction": "editor",
  "migrations.ts:applyMigrationAction": "editor",
  "migrations.ts:undoMigrationAction": "editor",
  "contacts.ts:createContactAction": "editor",
  "contacts.ts:updateContactAction": "editor",
  "contacts.ts:importContactsBatchAction": "editor",
  "contacts.ts:matchingContactIdsAction": "editor",
  "contacts.ts:countMatchingContactsAction": "viewer",
  "enrollment-views.ts:enrollableSequencesAction": "viewer",
  "webhooks.ts:createWebhookEndpointAction": "admin",
  "webhooks.ts:updateWebhookEndpointAction": "admin",
  "webhooks.ts:setWebhookEndpointEnabledAction": "admin",
  "webhooks.ts:rotateWebhookSecretAction": "admin",
  "webhooks.ts:deleteWebhookEndpointAction": "admin",
  "webhooks.ts:redeliverWebhookAction": "admin",
};

/** Route handlers and who may use them (checked by their own tests; listed so none is forgotten). */
const EXPECTED_ROUTES: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "public: next-auth sign-in/out endpoints",
  "app/api/test/advance/route.ts": "admin only, and 404 unless SEQUENCER_TEST_CONTROLS=1 (tests/test-controls.test.ts)",
};

const ROOT = path.resolve(import.meta.dirname, "..");

function filesUnder(dir: string, name: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, name));
    else if (name.test(entry)) out.push(full);
  }
  return out;
}

type DiscoveredAction = {
  id: string;
  fn: ((input: unknown) => Promise<ActionResult<unknown>>) & { rule?: { role: Role } };
};

async function discoverActions(): Promise<DiscoveredAction[]> {
  const found: DiscoveredAction[] = [];
  for (const file of filesUnder(path.join(ROOT, "lib/actions"), /\.ts$/)) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function")
        found.push({ id: `${path.basename(file)}:${name}`, fn: value as DiscoveredAction["fn"] });
    }
  }
  return found;
}

async function rowCounts(): Promise<Record<string, number>> {
  const d = db();
  const [users, sequences, versions, contacts, enrollments, events, messages, tasks, migrations, audit] =
    await Promise.all([
      d.user.count(),
      d.sequence.count(),
      d.sequenceVersion.count(),
      d.contact.count(),
      d.enrollment.count(),
      d.enrollmentEvent.count(),
      d.message.count(),
      d.task.count(),
      d.enrollmentMigration.count(),
      d.auditLog.count(),
    ]);
  return { users, sequences, versions, contacts, enrollments, events, messages, tasks, migrations, audit };
}

let actions: DiscoveredAction[] = [];
const users: Partial<Record<Role, { id: string }>> = {};

beforeAll(async () => {
  actions = await discoverActions();
  for (const role of ["viewer", "editor", "admin"] as const) users[role] = await makeUser(role);
});
afterAll(async () => {
  await db().$disconnect();
});

describe("authorization matrix", () => {
  it("knows every exported server action, and each was built with defineAction", () => {
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.map((a) => a.id).sort()).toEqual(Object.keys(EXPECTED_ACTION_ROLES).sort());
    for (const action of actions)
      expect(action.fn.rule?.role, `${action.id} has no rule: build it with defineAction`).toBe(
        EXPECTED_ACTION_ROLES[action.id],
      );
  });

  it("knows every route handler", () => {
    const routes = filesUnder(path.join(ROOT, "app"), /^route\.ts$/)
      .map((f) => path.relative(ROOT, f))
      .sort();
    expect(routes).toEqual(Object.keys(EXPECTED_ROUTES).sort());
  });

  for (const who of ["anonymous", "viewer", "editor", "admin"] as const) {
    it(`${who}: refused exactly where the table says, and refused calls change nothing`, async () => {
      signInAs(who === "anonymous" ? null : users[who]!);
      const before = await rowCounts();
      for (const action of actions) {
        const required = EXPECTED_ACTION_ROLES[action.id]!;
        const allowed = who !== "anonymous" && roleAtLeast(who, required);
        if (allowed) continue; // allowed calls are exercised by each feature's tests
        const result = await action.fn({});
        expect(result.ok, action.id).toBe(false);
        if (!result.ok) expect(result.code, action.id).toBe(who === "anonymous" ? "unauthenticated" : "forbidden");
      }
      expect(await rowCounts()).toEqual(before);
      // And allowed roles get past the role check (an empty input then fails validation, not authorization).
      for (const action of actions) {
        const required = EXPECTED_ACTION_ROLES[action.id]!;
        if (who === "anonymous" || !roleAtLeast(who, required)) continue;
        const result = await action.fn({});
        if (!result.ok) expect(["unauthenticated", "forbidden"], action.id).not.toContain(result.code);
      }
    });
  }
});
