import { MERGE_FIELD_PATTERN, parseMergeTag, type Step } from "../steps";
import { finding, type LintFinding, type LintRuleGroup } from "./types";

/** A subject longer than this is cut off in most inbox lists. */
export const SUBJECT_WARN_LENGTH = 80;
export const UNSUBSCRIBE_FIELD = "unsubscribe_url";

function stepLabel(steps: readonly Step[], key: string): string {
  const index = steps.findIndex((s) => s.key === key);
  return `Step ${index + 1}`;
}

export function hasMergeField(text: string, name: string): boolean {
  for (const match of text.matchAll(MERGE_FIELD_PATTERN)) {
    if (parseMergeTag(match[1] ?? "")?.name === name) return true;
  }
  return false;
}

function normalize(text: string): string {
  return text.replace(/\s+/g, " ").trim().toLowerCase();
}

const HTTP_LINK = /\bhttp:\/\/[^\s"'<>)]+/gi;

export function insecureLinks(text: string): string[] {
  return [...new Set(text.match(HTTP_LINK) ?? [])];
}

/** Unsubscribe link, postal address, subject and links of every email step. */
export const lintEmails: LintRuleGroup = (content, context) => {
  const out: LintFinding[] = [];
  const address = normalize(context.postalAddress);
  for (const step of content.steps) {
    if (step.type !== "email") continue;
    const label = stepLabel(content.steps, step.key);
    if (!hasMergeField(step.body, UNSUBSCRIBE_FIELD)) {
      out.push(
        finding(
          "email-unsubscribe-missing",
          "error",
          `${label}: the email has no unsubscribe link; add {{${UNSUBSCRIBE_FIELD}}} to the body`,
          step.key,
        ),
      );
    }
    if (address === "") {
      out.push(
        finding(
          "email-postal-address-missing",
          "warning",
          `${label}: no postal address is set for the organisation (Settings > Organization), so the email cannot carry one`,
          step.key,
        ),
      );
    } else if (!normalize(step.body).includes(address)) {
      out.push(
        finding(
          "email-postal-address-missing",
          "warning",
          `${label}: the email does not include the organisation's postal address (${context.postalAddress.trim()})`,
          step.key,
        ),
      );
    }
    if (step.subject.trim() === "") {
      out.push(finding("subject-empty", "error", `${label}: the subject is empty`, step.key));
    } else if (step.subject.length > SUBJECT_WARN_LENGTH) {
      out.push(
        finding(
          "subject-too-long",
          "warning",
          `${label}: the subject has ${step.subject.length} characters; inboxes cut it after about ${SUBJECT_WARN_LENGTH}`,
          step.key,
        ),
      );
    }
    for (const link of insecureLinks(`${step.subject}\n${step.body}`)) {
      out.push(finding("link-not-https", "warning", `${label}: the link ${link} is not https`, step.key, link));
    }
  }
  return out;
};
