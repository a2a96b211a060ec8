import { finding, type LintFinding, type LintRuleGroup } from "./types";
import { insecureLinks } from "./email";
import { smsLength } from "./sms-segments";

/** More segments than this costs more than it earns and arrives out of order on some phones. */
export const MAX_SMS_SEGMENTS = 3;

// "Reply STOP", "Text STOP to opt out", "STOP to unsubscribe"...: the carrier keyword STOP in capitals.
const OPT_OUT = /\bSTOP\b/;

export const lintSms: LintRuleGroup = (content) => {
  const out: LintFinding[] = [];
  content.steps.forEach((step, index) => {
    if (step.type !== "sms") return;
    const label = `Step ${index + 1}`;
    if (!OPT_OUT.test(step.body)) {
      out.push(
        finding(
          "sms-opt-out-missing",
          "warning",
          `${label}: the SMS has no opt-out wording such as "Reply STOP to opt out"`,
          step.key,
        ),
      );
    }
    const length = smsLength(step.body);
    if (length.segments > MAX_SMS_SEGMENTS) {
      out.push(
        finding(
          "sms-too-many-segments",
          "warning",
          `${label}: the SMS takes ${length.segments} segments (${length.units} ${length.encoding === "GSM-7" ? "GSM-7 characters" : "UCS-2 units"}); keep it to ${MAX_SMS_SEGMENTS}`,
          step.key,
        ),
      );
    }
    for (const link of insecureLinks(step.body)) {
      out.push(finding("link-not-https", "warning", `${label}: the link ${link} is not https`, step.key, link));
    }
  });
  return out;
};
