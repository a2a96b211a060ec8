import { randomUUID } from "node:crypto";
import type { DraftContent } from "@/lib/domain/draft";
import { db } from "@/lib/server/db";
import { createSequence } from "@/lib/server/sequences/create-sequence";
import { saveDraft } from "@/lib/server/sequences/save-draft";

/** Every published email needs an unsubscribe link (a guardrail error otherwise). */
export const FOOTER = "\n\nUnsubscribe: {{unsubscribe_url}}";

/** The seed scenario's v1: email, wait 2 days, email, wait 3 days, email. */
export function fiveStepDraft(): DraftContent {
  return {
    steps: [
      {
        key: "intro",
        type: "email",
        subject: "Welcome aboard, {{first_name}}",
        body: `Hi {{first_name}}, glad you are here.${FOOTER}`,
      },
      { key: "wait1", type: "wait", amount: 2, unit: "days", businessDaysOnly: false },
      { key: "tips", type: "email", subject: "Three tips", body: `Tip one, two and three.${FOOTER}` },
      { key: "wait2", type: "wait", amount: 3, unit: "days", businessDaysOnly: false },
      { key: "offer", type: "email", subject: "A special offer", body: `Here is 20% off.${FOOTER}` },
    ],
    settings: { exitOnReply: true, exitOnUnsubscribe: true },
  };
}

/** Creates a sequence and saves `draft` into it; returns the id and current revision. */
export async function makeSequenceWithDraft(actorId: string, draft: DraftContent = fiveStepDraft()) {
  const { id } = await createSequence({ actorId, name: `Seq ${randomUUID().slice(0, 6)}`, description: "" });
  const { revision } = await saveDraft({ actorId, sequenceId: id, revision: 0, draft });
  return { id, revision };
}

export async function currentDraft(sequenceId: string) {
  const row = await db().sequence.findUniqueOrThrow({
    where: { id: sequenceId },
    select: { draft: true, draftRevision: true },
  });
  return { draft: row.draft as DraftContent, revision: row.draftRevision };
}

export async function makeContacts(count: number, prefix = "c"): Promise<string[]> {
  const tag = randomUUID().slice(0, 8);
  const data = Array.from({ length: count }, (_, i) => ({
    email: `${prefix}-${tag}-${i}@test.example`,
    firstName: `First${i}`,
    lastName: `Last${i}`,
  }));
  for (let i = 0; i < data.length; i += 5000) await db().contact.createMany({ data: data.slice(i, i + 5000) });
  const rows = await db().contact.findMany({
    where: { email: { startsWith: `${prefix}-${tag}-` } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
