import { CONTACT_MERGE_FIELDS, MERGE_FIELD_PATTERN, parseMergeTag, type Step } from "../steps";
import { finding, type LintFinding, type LintRuleGroup } from "./types";

/** Values the sender computes per message (lib/engine/plan-batch.ts), never empty. */
export const SENDER_MERGE_FIELDS = ["unsubscribe_url"] as const;

function texts(step: Step): string[] {
  switch (step.type) {
    case "email":
      return [step.subject, step.body];
    case "sms":
      return [step.body];
    default:
      return [];
  }
}

/** Well-formed tags of a step: name -> whether every use has a fallback. Malformed tags are the schema's job. */
export function tagsOf(step: Step): Map<string, { everyUseHasFallback: boolean }> {
  const tags = new Map<string, { everyUseHasFallback: boolean }>();
  for (const text of texts(step)) {
    for (const match of text.matchAll(MERGE_FIELD_PATTERN)) {
      const tag = parseMergeTag(match[1] ?? "");
      if (!tag) continue;
      const before = tags.get(tag.name)?.everyUseHasFallback ?? true;
      tags.set(tag.name, { everyUseHasFallback: before && tag.fallback !== null });
    }
  }
  return tags;
}

function percent(part: number, whole: number): string {
  const value = (part / whole) * 100;
  return value > 0 && value < 1 ? "< 1 %" : `${Math.round(value)} %`;
}

/**
 * Unknown fields (not a contact field, not a sender field, not a custom attribute any contact
 * has) are errors; a known field that is empty for some of the audience is a warning unless
 * every use of it has a fallback.
 */
export const lintMergeFields: LintRuleGroup = (content, context) => {
  const out: LintFinding[] = [];
  const known = new Set<string>([...CONTACT_MERGE_FIELDS, ...SENDER_MERGE_FIELDS, ...context.attributeKeys]);
  const sender = new Set<string>(SENDER_MERGE_FIELDS);
  content.steps.forEach((step, index) => {
    const label = `Step ${index + 1}`;
    for (const [name, use] of tagsOf(step)) {
      if (!known.has(name)) {
        out.push(
          finding(
            "merge-field-unknown",
            "error",
            `${label}: {{${name}}} is not a contact field or an attribute any contact has`,
            step.key,
            name,
          ),
        );
        continue;
      }
      const audience = context.audience;
      if (use.everyUseHasFallback || sender.has(name) || !audience || audience.total === 0) continue;
      const empty = audience.empty[name] ?? 0;
      if (empty === 0) continue;
      out.push(
        finding(
          "merge-field-empty",
          "warning",
          `${label}: ${percent(empty, audience.total)} of the contacts in this audience (${empty} of ${audience.total}) have no \`${name}\`; add a fallback such as {{${name} | "…"}}`,
          step.key,
          name,
        ),
      );
    }
  });
  return out;
};

/** Field names the emptiness query needs: known fields used without a fallback somewhere. */
export function fieldsNeedingStats(steps: readonly Step[]): string[] {
  const names = new Set<string>();
  const sender = new Set<string>(SENDER_MERGE_FIELDS);
  for (const step of steps) {
    for (const [name, use] of tagsOf(step)) if (!use.everyUseHasFallback && !sender.has(name)) names.add(name);
  }
  return [...names];
}
