import { describe, expect, it } from "vitest";
import { CONTACT_LIMITS } from "./contact-input";
import { stageImportSchema, validateImportRows, type RawImportRow } from "./contact-import";

const row = (line: number, email: string, extra: Partial<RawImportRow> = {}): RawImportRow => ({
  line,
  email,
  firstName: "",
  lastName: "",
  phone: "",
  timeZone: "",
  attributes: {},
  ...extra,
});

describe("validateImportRows", () => {
  it("lists every error of every row (one per column), with line, column, value and message", () => {
    const rows = Array.from({ length: 3_000 }, (_, i) => row(i + 2, `p${i}@example.com`));
    rows[10] = row(12, "nope", { phone: "1".repeat(CONTACT_LIMITS.phone + 1), timeZone: "Moon/Base" });
    rows[2_000] = row(2_002, "p0@example.com");
    rows[2_999] = row(3_001, "");
    const check = validateImportRows(rows, { email: "E-mail" });
    expect(check.invalidRows).toBe(3);
    expect(check.valid).toHaveLength(2_997);
    expect(check.errors).toEqual([
      { line: 12, column: "E-mail", value: "nope", message: "not a valid email address" },
      {
        line: 12,
        column: "phone",
        value: "1".repeat(CONTACT_LIMITS.phone + 1),
        message: `longer than ${CONTACT_LIMITS.phone} characters`,
      },
      { line: 12, column: "time_zone", value: "Moon/Base", message: expect.stringMatching(/IANA/) },
      { line: 2_002, column: "E-mail", value: "p0@example.com", message: "duplicate of line 2" },
      { line: 3_001, column: "E-mail", value: "", message: "email is missing" },
    ]);
  });

  it("names the attribute column and cuts very long values in the list", () => {
    const long = "x".repeat(CONTACT_LIMITS.attributeValue + 1);
    const check = validateImportRows([row(2, "a@example.com", { attributes: { Note: long } })]);
    expect(check.errors).toEqual([
      { line: 2, column: "Note", value: `${"x".repeat(200)}…`, message: expect.stringMatching(/^longer than/) },
    ]);
  });

  it("the staging schema bounds what one call may carry", () => {
    expect(stageImportSchema.safeParse({ importId: crypto.randomUUID(), rows: [] }).success).toBe(false);
    const big = Array.from({ length: 1_001 }, (_, i) => row(i + 2, "a@example.com"));
    expect(stageImportSchema.safeParse({ importId: crypto.randomUUID(), rows: big }).success).toBe(false);
    expect(
      stageImportSchema.safeParse({ importId: crypto.randomUUID(), rows: [row(2, "x".repeat(10_001))] }).success,
    ).toBe(false);
    expect(stageImportSchema.safeParse({ importId: crypto.randomUUID(), rows: [row(1, "a@b.co")] }).success).toBe(
      false,
    );
  });
});
