// Sequences as code end to end: the `seq` CLI runs as a child process and talks real HTTP to the
// real /api/v1 route handlers (tests/support/api-http-server.ts) over the real database.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSequenceDocument } from "@/lib/domain/sequence-document";
import { db } from "@/lib/server/db";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import { ALL_SCOPES, callApi, makeApiKey } from "./support/api";
import { startApiServer } from "./support/api-http-server";
import { currentDraft, fiveStepDraft, makeSequenceWithDraft } from "./support/sequences";

const ROOT = path.resolve(import.meta.dirname, "..");
const TSX = pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
let server: Awaited<ReturnType<typeof startApiServer>>;
let key: string;
let readOnlyKey: string;
let adminId: string;
const dir = mkdtempSync(path.join(tmpdir(), "seq-cli-"));

function seq(args: string[], env: Record<string, string | undefined> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", TSX, path.join(ROOT, "scripts/seq.ts"), ...args],
      {
        cwd: dir,
        env: { ...process.env, SEQUENCER_URL: server.url, SEQUENCER_API_KEY: key, ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  server = await startApiServer();
  const made = await makeApiKey(ALL_SCOPES);
  key = made.secret;
  adminId = made.adminId;
  readOnlyKey = (await makeApiKey(["read"])).secret;
});
afterAll(async () => {
  await server.close();
  await db().$disconnect();
});

async function publishedSequence() {
  const made = await makeSequenceWithDraft(adminId, fiveStepDraft());
  const published = await callApi("publishVersion", { key, params: { id: made.id }, body: { note: "v1" } });
  expect(published.status).toBe(201);
  const name = (await db().sequence.findUniqueOrThrow({ where: { id: made.id }, select: { name: true } })).name;
  return { ...made, name };
}

describe("seq CLI over HTTP", { timeout: 180_000 }, () => {
  it("pull -> push unchanged: diff says no change and the draft is identical", async () => {
    const s = await publishedSequence();
    const before = await currentDraft(s.id);
    const file = path.join(dir, "unchanged.yaml");
    const pulled = await seq(["pull", s.name, "--out", file]);
    expect(pulled.stderr).toBe("");
    expect(pulled.stdout).toContain(`Wrote ${file}`);
    expect(readFileSync(file, "utf8")).toContain("key: intro");

    const pushed = await seq(["push", file]);
    expect(pushed.code).toBe(0);
    expect(pushed.stdout).toContain("No change");
    const diff = await seq(["diff", file]);
    expect(diff.code).toBe(0);
    expect(diff.stdout.trim()).toBe("No changes between active version 1 and unchanged.yaml.");
    const after = await currentDraft(s.id);
    expect(after).toEqual(before);
  });

  it("pull -> edit a subject -> push -> diff -> publish: one modified step with the same key", async () => {
    const s = await publishedSequence();
    const file = path.join(dir, "edited.yaml");
    expect((await seq(["pull", s.id, "--out", file])).code).toBe(0);
    writeFileSync(file, readFileSync(file, "utf8").replace("subject: Three tips", "subject: Four tips"));

    const pushed = await seq(["push", file]);
    expect(pushed.stderr).toBe("");
    expect(pushed.stdout).toMatch(/Pushed .*edited\.yaml: the draft of ".*" is now revision 2\./);
    expect(parseSequenceDocument(readFileSync(file, "utf8")).revision).toBe(2); // the file follows the draft
    const draft = await currentDraft(s.id);
    expect(draft.draft.steps.find((step) => step.key === "tips")).toMatchObject({ subject: "Four tips" });

    const diff = await seq(["diff", file]);
    expect(diff.stdout).toContain("1 modified step(s)");
    expect(diff.stdout).toContain('Modified step 3 (email "Four tips", key tips):');
    expect(diff.stdout).toContain('subject: "Three tips" -> "Four tips"');

    const published = await seq(["publish", s.name, "--note", "Four tips now"]);
    expect(published.stdout.trim()).toBe("Published version 2.");
    const version = await db().sequenceVersion.findFirstOrThrow({ where: { sequenceId: s.id, number: 2 } });
    expect(version.note).toBe("Four tips now");
    const apiDiff = await callApi("diffVersions", { key, params: { id: s.id }, query: { from: "1", to: "2" } });
    expect(apiDiff.body.summary).toEqual({ added: 0, removed: 0, moved: 0, modified: 1, unchanged: 4 });
    expect(apiDiff.body.rows.find((r) => r.status === "modified")?.key).toBe("tips");
  });

  it("push refuses a stale revision with a clear message and saves nothing", async () => {
    const s = await publishedSequence();
    const file = path.join(dir, "stale.json");
    expect((await seq(["pull", s.id, "--out", file])).code).toBe(0);
    expect(readFileSync(file, "utf8").trimStart().startsWith("{")).toBe(true); // .json picks JSON
    const meanwhile = fiveStepDraft();
    meanwhile.steps.pop();
    await saveDraft({ actorId: adminId, sequenceId: s.id, revision: s.revision, draft: meanwhile });
    const before = await currentDraft(s.id);

    writeFileSync(file, readFileSync(file, "utf8").replace("A special offer", "A better offer"));
    const pushed = await seq(["push", file]);
    expect(pushed.code).toBe(1);
    expect(pushed.stderr).toContain("changed since you pulled");
    expect(pushed.stderr).toContain(`your revision ${s.revision}, now ${s.revision + 1}`);
    expect(pushed.stderr).toContain("Nothing was saved");
    expect(await currentDraft(s.id)).toEqual(before);
  });

  it("a bad file: the line and field, exit 1, nothing sent", async () => {
    const s = await publishedSequence();
    const file = path.join(dir, "bad.yaml");
    expect((await seq(["pull", s.id, "--out", file])).code).toBe(0);
    const text = readFileSync(file, "utf8").replace("amount: 2", "amount: -5");
    writeFileSync(file, text);
    const line = text.split("\n").findIndex((l) => l.includes("amount: -5")) + 1;
    const before = await currentDraft(s.id);
    const pushed = await seq(["push", file]);
    expect(pushed.code).toBe(1);
    expect(pushed.stderr).toContain(`line ${line}, steps[1].amount: Wait must be at least 0`);
    expect(await currentDraft(s.id)).toEqual(before);
  });

  it("a document naming no sequence creates one, keys kept; missing key and missing scope are clear", async () => {
    const file = path.join(dir, "new.yaml");
    const name = `From file ${Date.now()}`;
    writeFileSync(
      file,
      `format: sequencer/sequence@1\nname: ${name}\nsteps:\n  - key: hello\n    type: email\n    subject: Hi\n    body: Hello\n`,
    );
    const created = await seq(["push", file]);
    expect(created.stdout).toContain(`Created sequence "${name}"`);
    const row = await db().sequence.findFirstOrThrow({ where: { name } });
    expect((row.draft as { steps: { key: string }[] }).steps.map((step) => step.key)).toEqual(["hello"]);
    expect(parseSequenceDocument(readFileSync(file, "utf8")).sequenceId).toBe(row.id);

    const noKey = await seq(["pull", row.id], { SEQUENCER_API_KEY: "" });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain("SEQUENCER_API_KEY is not set");
    const forbidden = await seq(["publish", row.id, "--note", "x"], { SEQUENCER_API_KEY: readOnlyKey });
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain("HTTP 403");
    expect(forbidden.stderr).toContain("`sequences` scope");
  });
});
