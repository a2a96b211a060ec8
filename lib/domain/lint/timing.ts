import { MINUTES_PER_DAY } from "../schedule";
import type { Step } from "../steps";
import { finding, type LintFinding, type LintRuleGroup } from "./types";

const MINUTES = { minutes: 1, hours: 60, days: MINUTES_PER_DAY } as const;

function isMessage(step: Step | undefined): boolean {
  return step?.type === "email" || step?.type === "sms";
}

/** Emails closer than a day apart, and a message sent at the same moment as the email before it. */
export const lintTiming: LintRuleGroup = (content) => {
  const out: LintFinding[] = [];
  const steps = content.steps;
  let lastEmail: number | null = null;
  let minutesSince = 0;
  steps.forEach((step, index) => {
    if (step.type === "wait") {
      minutesSince += step.amount * MINUTES[step.unit];
      return;
    }
    if (step.type !== "email") return;
    const adjacent = lastEmail !== null && lastEmail === index - 1;
    if (lastEmail !== null && minutesSince < MINUTES_PER_DAY && !adjacent) {
      out.push(
        finding(
          "emails-same-day",
          "warning",
          `Step ${index + 1}: this email goes out less than a day after the email at step ${lastEmail + 1}; wait at least 1 day between emails`,
          step.key,
        ),
      );
    }
    const next = steps[index + 1];
    if (isMessage(next) || (next?.type === "wait" && next.amount === 0)) {
      out.push(
        finding(
          "no-wait-after-email",
          "warning",
          `Step ${index + 1}: nothing waits after this email, so step ${index + 2} is sent at the same moment`,
          step.key,
        ),
      );
    }
    lastEmail = index;
    minutesSince = 0;
  });
  return out;
};
