// `npm run seq -- pull|push|diff|publish ...`: sequences as code. Talks HTTP to SEQUENCER_URL
// with SEQUENCER_API_KEY (Settings > API keys; `read` to pull/diff, `sequences` to push/publish).
// Pure domain code only (document format, diff in plain words): no database, no server imports.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { draftContentSchema, type DraftContent } from "../lib/domain/draft";
import {
  describeDocumentDiff,
  diffDocumentContent,
  documentContent,
  formatOfFileName,
  parseSequenceDocument,
  SequenceDocumentError,
  type SequenceDocument,
} from "../lib/domain/sequence-document";

const USAGE = `Usage: npm run seq -- <command> ...
  pull <sequence id or name> [--version N] [--out FILE] [--format yaml|json]
        Write the draft (or version N) as a document; FILE "-" prints it.
  push <FILE>        Replace the draft with FILE (refuses if the draft changed since you pulled);
                     creates the sequence when FILE names none that exists.
  diff <FILE>        What FILE changes compared with the active version, in plain words.
  publish <sequence id or name> --note "what changed and why"
Environment: SEQUENCER_URL (default http://localhost:3000), SEQUENCER_API_KEY (required).`;

class CliError extends Error {}

type Problem = { title?: string; detail?: string; status?: number; errors?: Record<string, string[]> };

function baseUrl(): string {
  return (process.env.SEQUENCER_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

function apiKey(): string {
  const key = process.env.SEQUENCER_API_KEY?.trim();
  if (!key)
    throw new CliError(
      "SEQUENCER_API_KEY is not set. Create a key in Settings > API keys (scope `read` to pull and diff, " +
        "`sequences` to push and publish) and export SEQUENCER_API_KEY=seq_live_...",
    );
  return key;
}

async function api<T>(method: string, apiPath: string, body?: unknown): Promise<T> {
  const url = `${baseUrl()}/api/v1${apiPath}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${apiKey()}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    if (error instanceof CliError) throw error;
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CliError(`Could not reach ${baseUrl()} (${cause}). Is SEQUENCER_URL right and the app running?`);
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new CliError(`${method} ${url} answered ${response.status} with a body that is not JSON.`);
  }
  if (!response.ok) throw new HttpProblem(response.status, (data ?? {}) as Problem & { details?: unknown });
  return data as T;
}

class HttpProblem extends CliError {
  constructor(
    readonly status: number,
    readonly problem: Problem & { details?: unknown },
  ) {
    const fields = Object.entries(problem.errors ?? {}).map(
      ([field, messages]) => `\n  ${field}: ${messages.join("; ")}`,
    );
    super(`HTTP ${status} ${problem.title ?? ""}: ${problem.detail ?? "(no detail)"}${fields.join("")}`);
  }
}

type SequenceRow = { id: string; name: string; activeVersionNumber: number | null };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function findByName(name: string): Promise<SequenceRow | null> {
  const { data } = await api<{ data: SequenceRow[] }>("GET", "/sequences");
  const matches = data.filter((s) => s.name === name);
  if (matches.length > 1)
    throw new CliError(
      `${matches.length} sequences are named "${name}"; use the id (${matches.map((m) => m.id).join(", ")}).`,
    );
  return matches[0] ?? null;
}

async function resolveSequence(ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  const found = await findByName(ref);
  if (!found) throw new CliError(`No sequence is named "${ref}" (names are exact; or pass the id).`);
  return found.id;
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at === -1) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith("--")) throw new CliError(`${name} needs a value.\n\n${USAGE}`);
  args.splice(at, 2);
  return value;
}

function readDocument(file: string): { doc: SequenceDocument; text: string } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CliError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return { doc: parseSequenceDocument(text, file), text };
}

/** Records where the file now stands (sequence id and draft revision), keeping its comments. */
function stampFile(file: string, text: string, sequenceId: string, revision: number): void {
  if (formatOfFileName(file) === "json") {
    const data = JSON.parse(text) as Record<string, unknown>;
    const { format, ...rest } = data;
    writeFileSync(file, `${JSON.stringify({ format, ...rest, sequenceId, revision }, null, 2)}\n`);
    return;
  }
  const doc = parseDocument(text);
  doc.set("sequenceId", sequenceId);
  doc.set("revision", revision);
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
}

async function pull(args: string[]): Promise<void> {
  const version = option(args, "--version");
  const out = option(args, "--out");
  const format = option(args, "--format") ?? (out && out !== "-" ? formatOfFileName(out) : "yaml");
  const [ref] = args;
  if (!ref) throw new CliError(`pull needs a sequence id or name.\n\n${USAGE}`);
  if (format !== "yaml" && format !== "json") throw new CliError(`--format must be yaml or json, not "${format}".`);
  if (version !== undefined && !/^[1-9]\d*$/.test(version)) throw new CliError(`--version must be a version number.`);
  const id = await resolveSequence(ref);
  const query = new URLSearchParams({ format, ...(version ? { version } : {}) });
  const result = await api<{ text: string; fileName: string; revision: number }>(
    "GET",
    `/sequences/${id}/document?${query.toString()}`,
  );
  if (out === "-") {
    process.stdout.write(result.text);
    return;
  }
  const file = out ?? result.fileName;
  writeFileSync(file, result.text);
  console.log(`Wrote ${file} (${version ? `version ${version}` : "the draft"}; draft revision ${result.revision}).`);
}

async function push(args: string[]): Promise<void> {
  const [file] = args;
  if (!file) throw new CliError(`push needs a file.\n\n${USAGE}`);
  const { doc, text } = readDocument(file);
  let id = doc.sequenceId ?? null;
  let revision = doc.revision ?? null;
  if (id) {
    try {
      const draft = await api<{ revision: number }>("GET", `/sequences/${id}/draft`);
      revision ??= draft.revision;
    } catch (error) {
      if (!(error instanceof HttpProblem && error.status === 404)) throw error;
      id = null; // pulled from another instance: find it here by name, or create it
    }
  }
  if (!id) {
    const found = await findByName(doc.name);
    if (found) {
      id = found.id;
      revision = (await api<{ revision: number }>("GET", `/sequences/${id}/draft`)).revision;
    } else {
      const created = await api<{ sequenceId: string; revision: number }>("POST", "/sequences", { document: doc });
      stampFile(file, text, created.sequenceId, created.revision);
      console.log(
        `Created sequence "${doc.name}" (${created.sequenceId}) from ${file}; draft revision ${created.revision}.`,
      );
      return;
    }
  }
  try {
    const saved = await api<{ revision: number; changed: boolean }>("PUT", `/sequences/${id}/document`, {
      revision: revision ?? 0,
      document: doc,
    });
    stampFile(file, text, id, saved.revision);
    console.log(
      saved.changed
        ? `Pushed ${file}: the draft of "${doc.name}" is now revision ${saved.revision}.`
        : `No change: the draft of "${doc.name}" already equals ${file} (revision ${saved.revision}).`,
    );
  } catch (error) {
    if (error instanceof HttpProblem && error.status === 409) {
      const current = (error.problem.details as { revision?: number } | undefined)?.revision;
      throw new CliError(
        `Refused: the draft of "${doc.name}" changed since you pulled ${file} (your revision ${revision}` +
          `${current === undefined ? "" : `, now ${current}`}). Nothing was saved.\n${error.problem.detail ?? ""}\n` +
          `Pull again (npm run seq -- pull ${id} --out ${file}), re-apply your edits, then push.`,
      );
    }
    throw error;
  }
}

async function diff(args: string[]): Promise<void> {
  const [file] = args;
  if (!file) throw new CliError(`diff needs a file.\n\n${USAGE}`);
  const { doc } = readDocument(file);
  let id = doc.sequenceId ?? null;
  let active: number | null = null;
  const list = await api<{ data: SequenceRow[] }>("GET", "/sequences");
  const row = (id ? list.data.find((s) => s.id === id) : undefined) ?? list.data.find((s) => s.name === doc.name);
  if (row) {
    id = row.id;
    active = row.activeVersionNumber;
  }
  let from: DraftContent = { steps: [], settings: documentContent(doc).settings };
  let fromLabel = "nothing published";
  if (id && active !== null) {
    const version = await api<{ content: unknown }>("GET", `/sequences/${id}/versions/${active}`);
    from = draftContentSchema.parse(version.content);
    fromLabel = `active version ${active}`;
  }
  const lines = describeDocumentDiff(diffDocumentContent(from, documentContent(doc)), fromLabel, path.basename(file));
  console.log(lines.join("\n"));
}

async function publish(args: string[]): Promise<void> {
  const note = option(args, "--note");
  const [ref] = args;
  if (!ref) throw new CliError(`publish needs a sequence id or name.\n\n${USAGE}`);
  if (!note?.trim()) throw new CliError(`publish needs --note "what changed and why".`);
  const id = await resolveSequence(ref);
  const result = await api<{ number: number; created: boolean }>("POST", `/sequences/${id}/publish`, { note });
  console.log(
    result.created
      ? `Published version ${result.number}.`
      : `Nothing to publish: the draft equals the active version ${result.number}.`,
  );
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  const commands: Record<string, (args: string[]) => Promise<void>> = { pull, push, diff, publish };
  const run = command ? commands[command] : undefined;
  if (!run) {
    if (command && command !== "help" && command !== "--help")
      throw new CliError(`Unknown command "${command}".\n\n${USAGE}`);
    console.log(USAGE);
    return;
  }
  await run(args);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError || error instanceof SequenceDocumentError) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
