// The CSV import in one transaction (issue 17): rows are staged in batches, then one commit
// imports all or nothing, or only the valid rows; a failure or a missing batch imports nothing.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
// First: its vi.mock of next-auth must be registered before the actions load.
import { signInAs } from "./support/session";
import {
  commitContactImportAction,
  discardContactImportAction,
  stageContactImportAction,
  startContactImportAction,
} from "@/lib/actions/contacts";
import { batches } from "@/components/contacts/csv-validate";
import { errorsCsv } from "@/components/contacts/csv-errors";
import { validateImportRows, type RawImportRow } from "@/lib/domain/contact-import";
import { db } from "@/lib/server/db";
import { makeUser } from "./support/factories";
import { testPool } from "./support/runner-fixtures";

const pool = testPool();
afterAll(() => pool.end());

const raw = (line: number, email: string, extra: Partial<RawImportRow> = {}): RawImportRow => ({
  line,
  email,
  firstName: `F${line}`,
  lastName: "",
  phone: "",
  timeZone: "",
  attributes: { company: "Acme" },
  ...extra,
});

/** 3,000 rows (lines 2..3001) of fresh emails, with one bad email on line 1500. */
function fileWithOneBadRow(tag: string): RawImportRow[] {
  return Array.from({ length: 3_000 }, (_, i) =>
    i + 2 === 1_500 ? raw(i + 2, "not-an-email") : raw(i + 2, `${tag}-${i}@import.example`),
  );
}

async function countTagged(tag: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM contacts WHERE email LIKE $1`, [
    `${tag}-%`,
  ]);
  return Number(rows[0]?.n ?? 0);
}

async function upload(mode: "all_or_nothing" | "valid_rows", rows: RawImportRow[]) {
  const started = await startContactImportAction({ fileName: "people.csv", mode, totalRows: rows.length });
  if (!started.ok) throw new Error(started.error);
  const importId = started.data.importId;
  const staged = [];
  for (const chunk of batches(rows)) {
    const result = await stageContactImportAction({ importId, rows: chunk });
    if (!result.ok) throw new Error(result.error);
    staged.push(result.data);
  }
  return { importId, staged };
}

describe("CSV import, staged then committed in one transaction", () => {
  it("all or nothing: one bad row in 3,000 imports nothing, and the staged rows are gone", async () => {
    signInAs(await makeUser("editor"));
    const tag = `aon${randomUUID().slice(0, 8)}`;
    const { importId, staged } = await upload("all_or_nothing", fileWithOneBadRow(tag));
    expect(staged.map((s) => s.invalid).reduce((a, b) => a + b)).toBe(1);
    expect(await countTagged(tag)).toBe(0); // staging never touches contacts
    const result = await commitContactImportAction({ importId });
    expect(result).toEqual({
      ok: true,
      data: { status: "refused", mode: "all_or_nothing", invalidRows: 1, duplicateRows: 0 },
    });
    expect(await countTagged(tag)).toBe(0);
    expect(await db().contactImportRow.count({ where: { importId } })).toBe(0);
    expect(await db().contactImport.findUniqueOrThrow({ where: { id: importId } })).toMatchObject({
      status: "refused",
    });
    // A refused import cannot be committed again.
    expect(await commitContactImportAction({ importId })).toMatchObject({ ok: false, code: "conflict" });
  });

  it("valid rows: the other 2,999 are imported with exact counts, updates merged, the bad row reported", async () => {
    signInAs(await makeUser("editor"));
    const tag = `vr${randomUUID().slice(0, 8)}`;
    await db().contact.create({ data: { email: `${tag}-0@import.example`, lastName: "Kept", attributes: { x: "1" } } });
    const rows = fileWithOneBadRow(tag);
    const { importId, staged } = await upload("valid_rows", rows);
    const errors = staged.flatMap((s) => s.errors);
    expect(errors).toEqual([
      { line: 1_500, column: "email", value: "not-an-email", message: "not a valid email address" },
    ]);
    const result = await commitContactImportAction({ importId });
    expect(result).toEqual({
      ok: true,
      data: { status: "committed", mode: "valid_rows", created: 2_998, updated: 1, skipped: 1 },
    });
    expect(await countTagged(tag)).toBe(2_999);
    const merged = await db().contact.findUniqueOrThrow({ where: { email: `${tag}-0@import.example` } });
    expect(merged).toMatchObject({ firstName: "F2", lastName: "Kept", attributes: { x: "1", company: "Acme" } });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "contact.import", detail: { path: ["importId"], equals: importId } },
    });
    expect(audit.summary).toBe("Imported people.csv: 2998 new, 1 updated, 1 invalid skipped");
  });

  it("a repeated email across batches is caught at commit: refused, or the first line wins", async () => {
    signInAs(await makeUser("editor"));
    const tag = `dup${randomUUID().slice(0, 8)}`;
    const rows = Array.from({ length: 1_500 }, (_, i) => raw(i + 2, `${tag}-${i}@import.example`));
    rows[1_400] = raw(1_402, `${tag}-3@import.example`, { firstName: "Later" }); // line 5's email, another batch
    const aon = await upload("all_or_nothing", rows);
    expect(await commitContactImportAction({ importId: aon.importId })).toMatchObject({
      ok: true,
      data: { status: "refused", invalidRows: 0, duplicateRows: 1 },
    });
    expect(await countTagged(tag)).toBe(0);
    const vr = await upload("valid_rows", rows);
    expect(await commitContactImportAction({ importId: vr.importId })).toMatchObject({
      ok: true,
      data: { status: "committed", created: 1_499, updated: 0, skipped: 1 },
    });
    expect((await db().contact.findUniqueOrThrow({ where: { email: `${tag}-3@import.example` } })).firstName).toBe(
      "F5",
    );
  });

  it("a missing batch (lost upload) imports nothing; discard drops the staged rows; only the author may stage", async () => {
    const author = await makeUser("editor");
    signInAs(author);
    const tag = `lost${randomUUID().slice(0, 8)}`;
    const rows = Array.from({ length: 2_500 }, (_, i) => raw(i + 2, `${tag}-${i}@import.example`));
    const started = await startContactImportAction({ fileName: "x.csv", mode: "valid_rows", totalRows: 2_500 });
    if (!started.ok) throw new Error(started.error);
    const { importId } = started.data;
    const [first, second] = batches(rows);
    expect((await stageContactImportAction({ importId, rows: first! })).ok).toBe(true);
    // The same lines twice: refused, nothing double-counted.
    expect(await stageContactImportAction({ importId, rows: first!.slice(0, 5) })).toMatchObject({
      ok: false,
      code: "conflict",
    });
    expect((await stageContactImportAction({ importId, rows: second! })).ok).toBe(true);
    const commit = await commitContactImportAction({ importId });
    expect(commit).toMatchObject({ ok: false, code: "conflict" });
    expect(commit.ok ? "" : commit.error).toBe(
      "Only 2000 of 2500 rows arrived, so nothing was imported; import the file again.",
    );
    expect(await countTagged(tag)).toBe(0);

    signInAs(await makeUser("editor"));
    expect(await stageContactImportAction({ importId, rows: [raw(2_000, `${tag}-x@import.example`)] })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await discardContactImportAction({ importId })).toMatchObject({ ok: true });
    expect(await db().contactImport.count({ where: { id: importId } })).toBe(1); // not theirs to discard
    signInAs(author);
    expect(await discardContactImportAction({ importId })).toMatchObject({ ok: true });
    expect(await db().contactImport.count({ where: { id: importId } })).toBe(0);
    expect(await db().contactImportRow.count({ where: { importId } })).toBe(0);
  });

  it("viewers cannot import; oversized input is refused before anything is staged", async () => {
    signInAs(await makeUser("viewer"));
    expect(await startContactImportAction({ fileName: "x.csv", mode: "valid_rows", totalRows: 1 })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    signInAs(await makeUser("editor"));
    expect(await startContactImportAction({ fileName: "x.csv", mode: "valid_rows", totalRows: 100_001 })).toMatchObject(
      { ok: false, code: "invalid" },
    );
  });

  it("the error file lists every error (not the first 100), one CSV row each, formulas escaped", () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => raw(i + 2, i % 10 === 0 ? `bad ${i}` : `ok${i}@x.example`));
    rows[1] = raw(3, "=HYPERLINK(1)");
    const check = validateImportRows(rows);
    expect(check.errors).toHaveLength(301);
    const lines = errorsCsv(check.errors).split("\n");
    expect(lines[0]).toBe("line,column,value,message");
    expect(lines).toHaveLength(302);
    expect(lines[1]).toBe("2,email,bad 0,not a valid email address");
    expect(lines[2]).toBe(`3,email,"'=HYPERLINK(1)",not a valid email address`);
  });

  it("batches stay under the action body limit even with wide rows", () => {
    const wide = Array.from({ length: 1_000 }, (_, i) =>
      raw(i + 2, `w${i}@x.example`, { attributes: { n: "x".repeat(1_900) } }),
    );
    const chunks = batches(wide);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks)
      expect(JSON.stringify({ importId: randomUUID(), rows: chunk }).length).toBeLessThan(1024 * 1024);
    expect(chunks.flat()).toHaveLength(1_000);
  });
});
