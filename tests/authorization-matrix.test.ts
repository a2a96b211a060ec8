// Every exported server action and route handler is discovered from the file system, so a new
// one without an entry here (or without a rule from defineAction) fails this test.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import { roleAtLeast, type Role } from "@/lib/domain/roles";
import { db } from "@/lib/server/db";
import { makeUser } from "./support/factories";
import { discoverActions, filesUnder, ROOT, type DiscoveredAction } from "./support/discover-actions";
import type { ApiScope } from "@/lib/domain/api-scopes";
import { createApiKey } from "@/lib/server/api-keys/create-api-key";

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
  "publish.ts:publishPlanAction": "viewer",
  "publish.ts:publishWithPlanAction": "editor",
  "sequences-editor.ts:listMergeFieldsAction": "editor",
  "sequences-editor.ts:searchPreviewContactsAction": "editor",
  "sequences-editor.ts:previewContactAction": "editor",
  "sequences-editor.ts:sendTestAction": "editor",
  "enrollments.ts:pauseEnrollmentAction": "editor",
  "enrollments.ts:resumeEnrollmentAction": "editor",
  "enrollments.ts:unenrollAction": "editor",
  "enrollments.ts:recordReplyAction": "editor",
  "enrollments.ts:unsubscribeContactAction": "editor",
  "enrollments.ts:completeTaskAction": "editor",
  "tasks.ts:reassignTaskAction": "editor",
  "tasks.ts:setTaskDueAction": "editor",
  "tasks.ts:setTaskPriorityAction": "editor",
  "migrations.ts:planMigrationAction": "editor",
  "migrations.ts:listPreviewCandidatesAction": "editor",
  "migrations.ts:previewEnrollmentAction": "editor",
  "migrations.ts:startMigrationAction": "editor",
  "migrations.ts:applyMigrationAction": "editor",
  "migrations.ts:undoMigrationAction": "editor",
  "contacts.ts:createContactAction": "editor",
  "contacts.ts:updateContactAction": "editor",
  "contacts.ts:importContactsBatchAction": "editor",
  "contacts.ts:startContactImportAction": "editor",
  "contacts.ts:stageContactImportAction": "editor",
  "contacts.ts:commitContactImportAction": "editor",
  "contacts.ts:discardContactImportAction": "editor",
  "contacts.ts:matchingContactIdsAction": "editor",
  "contacts.ts:countMatchingContactsAction": "viewer",
  "enrollment-views.ts:enrollableSequencesAction": "viewer",
  "webhooks.ts:createWebhookEndpointAction": "admin",
  "webhooks.ts:updateWebhookEndpointAction": "admin",
  "webhooks.ts:setWebhookEndpointEnabledAction": "admin",
  "webhooks.ts:rotateWebhookSecretAction": "admin",
  "webhooks.ts:deleteWebhookEndpointAction": "admin",
  "webhooks.ts:redeliverWebhookAction": "admin",
  "api-keys.ts:createApiKeyAction": "admin",
  "api-keys.ts:revokeApiKeyAction": "admin",
  "organization.ts:updateOrganizationSettingsAction": "admin",
  "profile.ts:setDisplayTimeZoneAction": "viewer",
  "enrollment-views.ts:missingChannelsAction": "editor",
  "scheduled-publish.ts:schedulePublishAction": "editor",
  "scheduled-publish.ts:cancelScheduledPublishAction": "editor",
  "audit.ts:runIntegrityCheckAction": "admin",
  "reviews.ts:reviewGateAction": "viewer",
  "reviews.ts:requestReviewAction": "editor",
  "reviews.ts:decideReviewAction": "editor",
  "reviews.ts:commentOnReviewAction": "editor",
  "reviews.ts:withdrawReviewAction": "editor",
  "notifications.ts:listNotificationsAction": "viewer",
  "notifications.ts:markNotificationsReadAction": "viewer",
};

/** Admin-only pages: anyone else gets a 404 (notFound) from the page itself, whatever the navigation shows. */
const ADMIN_PAGES = ["app/(app)/settings/organization/page.tsx", "app/(app)/settings/audit/page.tsx"];

/** The public API authorizes by key scope instead of role: the scope each route method needs. */
const EXPECTED_API_SCOPES: Record<string, ApiScope> = {
  "GET /contacts": "read",
  "POST /contacts": "enroll",
  "POST /contacts/batch": "enroll",
  "GET /contacts/{id}": "read",
  "POST /contacts/{id}/unsubscribe": "enroll",
  "GET /enrollments": "read",
  "POST /enrollments": "enroll",
  "GET /enrollments/{id}": "read",
  "POST /enrollments/{id}/pause": "enroll",
  "POST /enrollments/{id}/resume": "enroll",
  "POST /enrollments/{id}/unenroll": "enroll",
  "POST /inbound/replies": "enroll",
  "POST /inbound/bounces": "enroll",
  "GET /sequences": "read",
  "GET /sequences/{id}/draft": "read",
  "PUT /sequences/{id}/draft": "sequences",
  "POST /sequences/{id}/publish": "sequences",
  "GET /sequences/{id}/versions": "read",
  "GET /sequences/{id}/versions/{number}": "read",
  "GET /sequences/{id}/diff": "read",
  "POST /sequences": "sequences",
  "GET /sequences/{id}/document": "read",
  "PUT /sequences/{id}/document": "sequences",
};

/** Route handlers and who may use them (checked by their own tests; listed so none is forgotten). */
const EXPECTED_ROUTES: Record<string, string> = {
  "app/api/auth/[...nextauth]/route.ts": "public: next-auth sign-in/out endpoints",
  "app/api/test/advance/route.ts": "admin only, and 404 unless SEQUENCER_TEST_CONTROLS=1 (tests/test-controls.test.ts)",
  "app/api/v1/openapi.json/route.ts": "public: the OpenAPI document (no data)",
  "app/t/c/[token]/route.ts":
    "public: tracked link, HMAC token, redirects only to the stored URL (tests/tracking.test.ts)",
  "app/t/o/[token]/route.ts": "public: open pixel, HMAC token, always the same GIF (tests/tracking.test.ts)",
  "app/u/[token]/one-click/route.ts":
    "public: the signed unsubscribe token is the credential (tests/publish-guardrails.test.ts)",
  "app/api/health/route.ts": "public: liveness, no data",
  "app/api/ready/route.ts": "public: readiness (database reachable, migrations current), no data",
  "app/api/metrics/route.ts": "METRICS_TOKEN bearer; 404 when unset (tests/observability.test.ts)",
  "app/api/system/route.ts": "admin only (tests/observability.test.ts)",
  "app/api/audit/export/route.ts": "admin only, by session: the audit log as CSV (tests/audit-log.test.ts)",
};
/** Every other route under app/api/v1 is a defineRoute: API key with the scope in EXPECTED_API_SCOPES. */
const API_V1 = "app/api/v1/";

type ApiHandler = {
  id: string;
  fn: ((request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>) & {
    operation: { scope: ApiScope };
  };
};

async function discoverApiHandlers(): Promise<ApiHandler[]> {
  const found: ApiHandler[] = [];
  for (const file of filesUnder(path.join(ROOT, API_V1), /^route\.ts$/)) {
    const rel = path.relative(ROOT, file);
    if (rel in EXPECTED_ROUTES) continue;
    const apiPath = `/${path.dirname(path.relative(path.join(ROOT, API_V1), file))}`.replace(/\[(\w+)\]/g, "{$1}");
    const mod = (await import(file)) as Record<string, ApiHandler["fn"]>;
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"])
      if (typeof mod[method] === "function") found.push({ id: `${method} ${apiPath}`, fn: mod[method] });
  }
  return found;
}

async function makeKey(scopes: ApiScope[]) {
  return createApiKey({ actorId: users.admin!.id, input: { name: "matrix", scopes } });
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
    const apiRoutes = routes.filter((r) => r.startsWith(API_V1) && !(r in EXPECTED_ROUTES));
    expect(routes.filter((r) => !apiRoutes.includes(r))).toEqual(Object.keys(EXPECTED_ROUTES).sort());
    expect(apiRoutes.length).toBeGreaterThan(0);
  });

  it("API routes: each method is a defineRoute with the scope the table says", async () => {
    const found: Record<string, string> = {};
    for (const handler of await discoverApiHandlers()) found[handler.id] = handler.fn.operation.scope;
    expect(found).toEqual(EXPECTED_API_SCOPES);
  });

  for (const scopes of [[], ["read"], ["enroll"], ["sequences"]] as ApiScope[][]) {
    it(`API key with scopes [${scopes.join(", ")}]: refused exactly where the table says, and refused calls change nothing`, async () => {
      const secret = scopes.length === 0 ? null : (await makeKey(scopes)).secret;
      const before = await rowCounts();
      for (const handler of await discoverApiHandlers()) {
        const required = EXPECTED_API_SCOPES[handler.id]!;
        if (secret && scopes.includes(required)) continue; // allowed calls are exercised by tests/api-*.test.ts
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (secret) headers.authorization = `Bearer ${secret}`;
        const method = handler.id.split(" ")[0]!;
        const response = await handler.fn(
          new Request("http://localhost/api/v1/x", { method, headers, body: method === "GET" ? undefined : "{}" }),
          { params: Promise.resolve({ id: "00000000-0000-7000-8000-000000000000", number: "1" }) },
        );
        expect(response.status, handler.id).toBe(secret ? 403 : 401);
        expect(response.headers.get("content-type"), handler.id).toBe("application/problem+json");
      }
      expect(await rowCounts()).toEqual(before);
    });
  }

  it("admin-only pages refuse viewers and editors on the server", async () => {
    for (const file of ADMIN_PAGES) {
      const page = (await import(path.join(ROOT, file))) as { default: () => Promise<unknown> };
      for (const who of ["viewer", "editor"] as const) {
        signInAs(users[who]!);
        await expect(page.default(), `${file} as ${who}`).rejects.toMatchObject({
          digest: expect.stringContaining("404"),
        });
      }
      signInAs(users.admin!);
      await expect(page.default(), `${file} as admin`).resolves.toBeTruthy();
    }
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
