import { isMap, isSeq, LineCounter, parseDocument, stringify, type Node } from "yaml";
import { z } from "zod";
import { canonicalJson } from "./canonical-json";
import { draftContentSchema, type DraftContent } from "./draft";
import type { Step } from "./steps";
import { diffSteps, type VersionDiff } from "./version-diff";

// Sequences as code: one sequence (name, description, settings, steps with their keys) as a
// readable YAML or JSON file. Steps and settings are validated by the editor's own draft schema
// (draft mode: a pushed file may be work in progress; publishing applies the strict rules), so a
// field added to the editor is a field of the document with no second declaration. Keys are kept,
// so a pull → edit → push shows a modified step in the diff, never removed + added.

export const SEQUENCE_DOCUMENT_FORMAT = "sequencer/sequence@1";
export const SEQUENCE_DOCUMENT_MAX_BYTES = 2 * 1024 * 1024;
export type SequenceDocumentFormat = "yaml" | "json";

export const sequenceDocumentSchema = draftContentSchema.extend({
  format: z.literal(SEQUENCE_DOCUMENT_FORMAT, `format must be "${SEQUENCE_DOCUMENT_FORMAT}"`),
  sequenceId: z
    .uuid("sequenceId must be a sequence id")
    .optional()
    .meta({ description: "The sequence this file was pulled from (absent: a new sequence)" }),
  revision: z
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ description: "The draft revision when pulled; a push refuses if the draft changed since" }),
  version: z
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: "The published version this file was pulled from (absent: the draft)" }),
  name: z.string().trim().min(1, "name is required").max(120, "name must be at most 120 characters"),
  description: z.string().trim().max(1000, "description must be at most 1000 characters").default(""),
});

export type SequenceDocument = z.output<typeof sequenceDocumentSchema>;
export type SequenceDocumentInput = z.input<typeof sequenceDocumentSchema>;

export class SequenceDocumentError extends Error {
  constructor(
    message: string,
    readonly problems: { line: number | null; path: string; message: string }[],
  ) {
    super(message);
    this.name = "SequenceDocumentError";
  }
}

/** The document of a sequence's draft or version (metadata first, then content, steps last). */
export function toSequenceDocument(options: {
  sequenceId?: string;
  revision?: number;
  version?: number;
  name: string;
  description: string;
  content: DraftContent;
}): SequenceDocument {
  const doc: SequenceDocument = {
    format: SEQUENCE_DOCUMENT_FORMAT,
    ...(options.sequenceId === undefined ? {} : { sequenceId: options.sequenceId }),
    ...(options.revision === undefined ? {} : { revision: options.revision }),
    ...(options.version === undefined ? {} : { version: options.version }),
    name: options.name,
    description: options.description,
    settings: options.content.settings,
    steps: options.content.steps,
  };
  return doc;
}

export function documentContent(doc: SequenceDocument): DraftContent {
  return { steps: doc.steps, settings: doc.settings };
}

const YAML_HEADER =
  "Sequencer sequence document. Edit the steps and settings, keep each step's key (it lines up\n" +
  "diffs and migrations), then `npm run seq -- push <this file>`.";

export function serializeSequenceDocument(doc: SequenceDocument, format: SequenceDocumentFormat): string {
  if (format === "json") return `${JSON.stringify(doc, null, 2)}\n`;
  // lineWidth 0: never fold long lines, so an email body reads in the file exactly as it is sent.
  const body = stringify(doc, { lineWidth: 0, blockQuote: "literal" });
  return `${YAML_HEADER.split("\n")
    .map((line) => `# ${line}`)
    .join("\n")}\n${body}`;
}

function lineOf(node: Node | null | undefined, counter: LineCounter): number | null {
  const start = node?.range?.[0];
  return start === undefined ? null : counter.linePos(start).line;
}

/** The deepest node along `path` (a missing field points at its parent object). */
function nodeAt(root: Node | null, path: readonly PropertyKey[]): Node | null {
  let node: Node | null = root;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => {
        const key = item.key as { value?: unknown } | null;
        return (key && typeof key === "object" && "value" in key ? key.value : key) === segment;
      });
      if (!pair || !pair.value) return node;
      node = pair.value as Node;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) return node;
      node = item;
    } else return node;
  }
  return node;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === "number" ? `${text}[${segment}]` : text ? `${text}.${String(segment)}` : String(segment),
    "",
  );
}

/**
 * Parses a YAML or JSON document (JSON is YAML 1.2, so one parser gives line numbers for both).
 * Throws SequenceDocumentError whose message names the line and field of every problem.
 */
export function parseSequenceDocument(text: string, fileName = "document"): SequenceDocument {
  if (new TextEncoder().encode(text).length > SEQUENCE_DOCUMENT_MAX_BYTES)
    throw new SequenceDocumentError(`${fileName}: the file is larger than 2 MB`, [
      { line: null, path: "", message: "larger than 2 MB" },
    ]);
  const counter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (parsed.errors.length > 0) {
    const problems = parsed.errors.map((error) => ({
      line: counter.linePos(error.pos[0]).line,
      path: "",
      message: error.message.split("\n")[0] ?? error.message,
    }));
    throw new SequenceDocumentError(
      `${fileName} is not valid YAML/JSON:\n${problems.map((p) => `  line ${p.line}: ${p.message}`).join("\n")}`,
      problems,
    );
  }
  const result = sequenceDocumentSchema.safeParse(parsed.toJS());
  if (!result.success) {
    const problems = result.error.issues.slice(0, 20).map((issue) => ({
      line: lineOf(nodeAt(parsed.contents, issue.path), counter),
      path: pathText(issue.path),
      message: issue.message,
    }));
    throw new SequenceDocumentError(
      `${fileName} is not a valid sequence document:\n${problems
        .map((p) => `  ${p.line === null ? "" : `line ${p.line}, `}${p.path || "(top level)"}: ${p.message}`)
        .join("\n")}`,
      problems,
    );
  }
  return result.data;
}

export function formatOfFileName(fileName: string): SequenceDocumentFormat {
  return /\.json$/i.test(fileName) ? "json" : "yaml";
}

// ---- plain-words diff ----------------------------------------------------------------------

function stepLabel(step: Step | null, index: number | null): string {
  if (!step) return "";
  const title =
    step.type === "email"
      ? `email "${step.subject}"`
      : step.type === "sms"
        ? "SMS"
        : step.type === "wait"
          ? `wait ${step.amount} ${step.unit}`
          : `task "${step.title}"`;
  return `step ${index === null ? "?" : index + 1} (${title}, key ${step.key})`;
}

function short(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > 70 ? `${oneLine.slice(0, 67)}...` : oneLine;
}

export type DocumentDiff = { steps: VersionDiff; settings: { field: string; before: string; after: string }[] };

/** What changes if `to` replaces `from`: steps aligned by key, then settings. */
export function diffDocumentContent(from: DraftContent, to: DraftContent): DocumentDiff {
  const fields = new Set([...Object.keys(from.settings), ...Object.keys(to.settings)]);
  const settings: DocumentDiff["settings"] = [];
  for (const field of fields) {
    const before = canonicalJson((from.settings as Record<string, unknown>)[field] ?? null);
    const after = canonicalJson((to.settings as Record<string, unknown>)[field] ?? null);
    if (before !== after) settings.push({ field, before, after });
  }
  return { steps: diffSteps(from.steps as Step[], to.steps as Step[]), settings };
}

/** The diff in plain words, one change per line; "No changes." when there are none. */
export function describeDocumentDiff(diff: DocumentDiff, fromLabel: string, toLabel: string): string[] {
  const lines: string[] = [];
  for (const row of diff.steps.rows) {
    if (row.status === "unchanged") continue;
    if (row.status === "added") lines.push(`Added ${stepLabel(row.toStep, row.toIndex)}.`);
    else if (row.status === "removed") lines.push(`Removed ${stepLabel(row.fromStep, row.fromIndex)}.`);
    else {
      if (row.moved)
        lines.push(`Moved ${stepLabel(row.toStep, row.toIndex)} from position ${(row.fromIndex ?? 0) + 1}.`);
      if (row.modified) {
        lines.push(`Modified ${stepLabel(row.toStep, row.toIndex)}:`);
        for (const field of row.fields)
          lines.push(`  ${field.field}: "${short(field.before)}" -> "${short(field.after)}"`);
      }
    }
  }
  for (const setting of diff.settings)
    lines.push(`Changed setting ${setting.field}: ${setting.before} -> ${setting.after}.`);
  const { added, removed, moved, modified } = diff.steps.summary;
  if (lines.length === 0) return [`No changes between ${fromLabel} and ${toLabel}.`];
  return [
    `${fromLabel} -> ${toLabel}: ${added} added, ${removed} removed, ${moved} moved, ${modified} modified step(s), ${diff.settings.length} setting(s) changed.`,
    ...lines,
  ];
}

export function sameContent(a: DraftContent, b: DraftContent): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
