// What the enroll dialog warns about: contacts lacking an address for a channel the sequence's
// active version uses. Pure; the counts come from one query (count-missing-channels.ts).

export type MissingChannelAction = "skip" | "exit";
export type ChannelStepRef = { key: string; index: number; ifMissingChannel: MissingChannelAction };
export type ChannelUse = { email: ChannelStepRef[]; sms: ChannelStepRef[] };
export type ChannelCounts = { total: number; withoutEmail: number; withoutPhone: number };

type StepLike = { key: string; type: string; ifMissingChannel?: unknown };

/** The version's email and SMS steps with what each does for a contact without the address (default skip). */
export function channelUse(steps: readonly StepLike[]): ChannelUse {
  const use: ChannelUse = { email: [], sms: [] };
  steps.forEach((step, index) => {
    if (step.type !== "email" && step.type !== "sms") return;
    const ifMissingChannel: MissingChannelAction = step.ifMissingChannel === "exit" ? "exit" : "skip";
    use[step.type].push({ key: step.key, index, ifMissingChannel });
  });
  return use;
}

function consequence(steps: ChannelStepRef[], channel: "email" | "SMS"): string {
  const first = steps[0];
  const firstExit = steps.find((s) => s.ifMissingChannel === "exit");
  const plural = steps.length === 1 ? "step" : "steps";
  if (!firstExit) return `their ${channel} ${plural} will be skipped`;
  if (firstExit === first) return `they will exit the sequence at its first ${channel} step (step ${first.index + 1})`;
  return `their ${channel} steps before step ${firstExit.index + 1} will be skipped, then they will exit there`;
}

const count = (n: number) => n.toLocaleString("en-US");

/** "12 of 40 contacts have no phone: their SMS steps will be skipped"; nothing when nobody lacks a used channel. */
export function missingChannelWarnings(use: ChannelUse, counts: ChannelCounts): string[] {
  const out: string[] = [];
  const of = `of ${count(counts.total)} ${counts.total === 1 ? "contact" : "contacts"}`;
  if (use.email.length > 0 && counts.withoutEmail > 0)
    out.push(
      `${count(counts.withoutEmail)} ${of} ${counts.withoutEmail === 1 ? "has" : "have"} no email address: ${consequence(use.email, "email")}`,
    );
  if (use.sms.length > 0 && counts.withoutPhone > 0)
    out.push(
      `${count(counts.withoutPhone)} ${of} ${counts.withoutPhone === 1 ? "has" : "have"} no phone: ${consequence(use.sms, "SMS")}`,
    );
  return out;
}
