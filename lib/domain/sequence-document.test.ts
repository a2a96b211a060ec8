import { describe, expect, it } from "vitest";
import type { DraftContent } from "./draft";
import {
  describeDocumentDiff,
  diffDocumentContent,
  documentContent,
  parseSequenceDocument,
  SEQUENCE_DOCUMENT_FORMAT,
  SequenceDocumentError,
  serializeSequenceDocument,
  toSequenceDocument,
} from "./sequence-document";

const content: DraftContent = {
  steps: [
    {
      key: "intro",
      type: "email",
      subject: "Welcome, {{first_name}}",
      body: "Hi {{first_name}},\n\nGlad you are here.\n  Indented line: keeps its spaces.\n",
    },
    { key: "wait1", type: "wait", amount: 2, unit: "days", businessDaysOnly: true },
    { key: "call", type: "task", title: "Call them", note: "" },
    { key: "ping", type: "sms", body: "Quick one: 50% off # not a comment" },
  ],
  settings: { exitOnReply: true, exitOnUnsubscribe: false },
};

const doc = toSequenceDocument({
  sequenceId: "0190f3c1-1111-7000-8000-000000000001",
  revision: 7,
  name: "Onboarding",
  description: "Three emails: a welcome, tips, an offer",
  content,
});

describe("sequence document", () => {
  it.each(["yaml", "json"] as const)("round-trips through %s with keys, settings and exact bodies", (format) => {
    const text = serializeSequenceDocument(doc, format);
    const back = parseSequenceDocument(text, `x.${format}`);
    expect(back).toEqual(doc);
    expect(documentContent(back)).toEqual(content);
  });

  it("YAML is readable: a comment header, metadata first, the body as a literal block", () => {
    const text = serializeSequenceDocument(doc, "yaml");
    expect(text.startsWith("# Sequencer sequence document")).toBe(true);
    expect(text).toContain(`format: ${SEQUENCE_DOCUMENT_FORMAT}`);
    expect(text.indexOf("name: Onboarding")).toBeLessThan(text.indexOf("steps:"));
    expect(text).toContain("body: |");
    expect(text).toContain("key: intro");
  });

  it("names the line and field of a schema problem", () => {
    const text = serializeSequenceDocument(doc, "yaml").replace("amount: 2", "amount: two");
    const line = text.split("\n").findIndex((l) => l.includes("amount: two")) + 1;
    try {
      parseSequenceDocument(text, "bad.yaml");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SequenceDocumentError);
      const e = error as SequenceDocumentError;
      expect(e.problems[0]).toMatchObject({ line, path: "steps[1].amount" });
      expect(e.message).toContain(`line ${line}, steps[1].amount:`);
    }
  });

  it("reports YAML syntax errors with their line, duplicate keys and a wrong format marker", () => {
    expect(() => parseSequenceDocument("name: [unclosed\n", "a.yaml")).toThrow(
      /a\.yaml is not valid YAML\/JSON:\n {2}line 2: Flow sequence/,
    );
    expect(() => parseSequenceDocument("name: a\nname: b\n", "b.yaml")).toThrow(/line 2/);
    expect(() => parseSequenceDocument('{"format": "other", "name": "x", "steps": []}', "c.json")).toThrow(
      /line 1, format: format must be "sequencer\/sequence@1"/,
    );
  });

  it("a missing field points at its parent; duplicate step keys and unknown step types are refused", () => {
    const text = `format: ${SEQUENCE_DOCUMENT_FORMAT}\nname: X\nsteps:\n  - key: a\n    type: email\n    body: hi\n  - key: a\n    type: sms\n    body: yo\n`;
    try {
      parseSequenceDocument(text, "m.yaml");
      expect.unreachable();
    } catch (error) {
      const problems = (error as SequenceDocumentError).problems;
      expect(problems.find((p) => p.path === "steps[0].subject")?.line).toBe(4);
    }
    expect(() =>
      parseSequenceDocument(
        `format: ${SEQUENCE_DOCUMENT_FORMAT}\nname: X\nsteps:\n  - key: a\n    type: fax\n`,
        "t.yaml",
      ),
    ).toThrow(/steps\[0\]\.type/);
    expect(() =>
      parseSequenceDocument(
        `format: ${SEQUENCE_DOCUMENT_FORMAT}\nname: X\nsteps:\n  - {key: a, type: sms, body: x}\n  - {key: a, type: sms, body: y}\n`,
        "d.yaml",
      ),
    ).toThrow(/Step keys must be unique/);
  });

  it("keeps draft-mode rules: a blank subject is fine in a document, an oversize one is not", () => {
    const blank = { ...doc, steps: [{ key: "e", type: "email" as const, subject: "", body: "" }] };
    expect(parseSequenceDocument(serializeSequenceDocument(blank, "json")).steps[0]).toMatchObject({ subject: "" });
    const big = { ...doc, steps: [{ key: "e", type: "email" as const, subject: "x".repeat(5000), body: "" }] };
    expect(() => parseSequenceDocument(serializeSequenceDocument(big, "json"))).toThrow(/steps\[0\]\.subject/);
  });

  it("the plain-words diff: an edited subject is one modified step with the same key", () => {
    const edited: DraftContent = {
      ...content,
      steps: content.steps.map((s) => (s.key === "intro" ? { ...s, subject: "Hello, {{first_name}}" } : s)),
    };
    const diff = diffDocumentContent(content, edited);
    expect(diff.steps.summary).toMatchObject({ added: 0, removed: 0, modified: 1 });
    const lines = describeDocumentDiff(diff, "version 1", "file");
    expect(lines[0]).toContain("0 added, 0 removed, 0 moved, 1 modified");
    expect(lines[1]).toBe('Modified step 1 (email "Hello, {{first_name}}", key intro):');
    expect(lines[2]).toBe('  subject: "Welcome, {{first_name}}" -> "Hello, {{first_name}}"');
    expect(describeDocumentDiff(diffDocumentContent(content, content), "version 1", "file")).toEqual([
      "No changes between version 1 and file.",
    ]);
    const settings = diffDocumentContent(content, {
      ...content,
      settings: { ...content.settings, exitOnReply: false },
    });
    expect(describeDocumentDiff(settings, "a", "b")).toContain("Changed setting exitOnReply: true -> false.");
  });
});
