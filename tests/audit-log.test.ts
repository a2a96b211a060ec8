// The audit log page's reads and the CSV export: filters (who, what, entity, time in the viewer's
// zone), keyset pages without overlap, redacted details, admin only.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "./support/session";
import { AUDIT_PAGE_SIZE, csvCell, parseAuditFilters, type AuditFilters } from "@/lib/domain/audit-filters";
import { writeAudit } from "@/lib/server/audit";
import { listAuditEntries } from "@/lib/server/audit-log/list-audit-entries";
import { listAuditFacets } from "@/lib/server/audit-log/list-audit-facets";
import { db } from "@/lib/server/db";
import type { SessionUser } from "@/lib/server/session";
import { GET as exportCsv } from "@/app/api/audit/export/route";
import { makeUser } from "./support/factories";

let admin: SessionUser;
let other: SessionUser;
const action = `test.audit_${randomUUID().slice(0, 8)}`;
const base = new Date("2030-01-15T12:00:00.000Z");

beforeAll(async () => {
  admin = await makeUser("admin");
  other = await makeUser("editor");
  // 60 entries a minute apart by `admin`, 5 by `other` on another entity type, all with this test's action.
  await db().$transaction(async (tx) => {
    for (let i = 0; i < 65; i++) {
      const mine = i < 60;
      await writeAudit(tx, {
        actorId: mine ? admin.id : other.id,
        action,
        entityType: mine ? "sequence" : "contact",
        entityId: randomUUID(),
        summary: i === 0 ? '=HYPERLINK("http://evil") first' : `entry ${i}`,
        detail: { i, apiKeySecret: "sk_live_abc", nested: { password: "p", contentHash: "abc" } },
      });
    }
  });
  await db().$executeRaw`
    UPDATE audit_log SET at = ${base}::timestamptz + (substring(summary from '[0-9]+$')::int * interval '1 minute')
    WHERE action = ${action} AND summary LIKE 'entry %'`;
  await db().$executeRaw`UPDATE audit_log SET at = ${base} WHERE action = ${action} AND summary NOT LIKE 'entry %'`;
});
afterAll(async () => {
  await db().$disconnect();
});

function filters(params: Record<string, string>, zone = "UTC"): AuditFilters {
  const parsed = parseAuditFilters(params, zone);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.filters;
}

describe("audit log reads", () => {
  it("pages newest first with a keyset cursor, no overlap, no gap", async () => {
    const first = await listAuditEntries(filters({ action }));
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextCursor).not.toBeNull();
    const second = await listAuditEntries(filters({ action, before: first.nextCursor! }));
    expect(second.entries).toHaveLength(15);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.entries, ...second.entries].map((e) => e.id);
    expect(new Set(ids).size).toBe(65);
    const times = [...first.entries, ...second.entries].map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it("filters by who, entity type and a time range chosen in the viewer's zone", async () => {
    expect((await listAuditEntries(filters({ action, actor: other.id }))).entries).toHaveLength(5);
    expect((await listAuditEntries(filters({ action, entity: "contact" }))).entries).toHaveLength(5);
    // 07:10 to 07:19 in New York (EST, UTC-5) is 12:10 to 12:19 UTC: entries 10..19.
    const range = await listAuditEntries(
      filters({ action, actor: admin.id, from: "2030-01-15T07:10", to: "2030-01-15T07:19" }, "America/New_York"),
    );
    expect(range.entries.map((e) => e.summary)).toEqual(Array.from({ length: 10 }, (_, i) => `entry ${19 - i}`));
    expect(parseAuditFilters({ from: "2030-01-15T08:00", to: "2030-01-15T07:00" }, "UTC")).toMatchObject({ ok: false });
    expect(parseAuditFilters({ actor: "not-a-uuid" }, "UTC")).toMatchObject({ ok: false });
    expect(parseAuditFilters({ before: "garbage" }, "UTC")).toMatchObject({ ok: false });
  });

  it("shows details with secrets redacted and offers the filter choices", async () => {
    const [entry] = (await listAuditEntries(filters({ action, actor: admin.id }))).entries;
    expect(entry!.actor).toMatchObject({ id: admin.id, name: admin.name });
    expect(entry!.detail).toMatchObject({
      apiKeySecret: "[redacted]",
      nested: { password: "[redacted]", contentHash: "abc" },
    });
    const facets = await listAuditFacets();
    expect(facets.actions).toContain(action);
    expect(facets.entityTypes).toEqual(expect.arrayContaining(["sequence", "contact"]));
    expect(facets.actors.map((a) => a.id)).toEqual(expect.arrayContaining([admin.id, other.id]));
  });
});

describe("CSV export", () => {
  const request = (query: string) => new Request(`http://localhost/api/audit/export?${query}`);

  it("is refused to anonymous visitors and editors", async () => {
    signInAs(null);
    expect((await exportCsv(request(`action=${action}`))).status).toBe(401);
    signInAs(other);
    expect((await exportCsv(request(`action=${action}`))).status).toBe(403);
  });

  it("streams the filtered entries to an admin, redacted and safe to open in a spreadsheet", async () => {
    signInAs(admin);
    const response = await exportCsv(request(`action=${encodeURIComponent(action)}&actor=${admin.id}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="audit-log-.*\.csv"/);
    const lines = (await response.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("at (UTC),actor,actor email,action,entity type,entity id,summary,detail");
    expect(lines).toHaveLength(61);
    expect(lines.slice(1).every((l) => l.includes(action) && l.includes(admin.email))).toBe(true);
    expect(lines.join("\n")).not.toContain("sk_live_abc");
    expect(lines.find((l) => l.includes("HYPERLINK"))).toContain(`"'=HYPERLINK(""http://evil"") first"`);
    const bad = await exportCsv(request("from=yesterday"));
    expect(bad.status).toBe(400);
  });

  it("quotes and neutralises cells", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("+1 555")).toBe("'+1 555");
    expect(csvCell("-2")).toBe("'-2");
  });
});
