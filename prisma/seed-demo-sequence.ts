// The demo story for `npm run dev`: a welcome series published as v1, contacts enrolled on it,
// then edited and published as v2 while they are in flight, and more contacts enrolled on v2.
// Opening any enrollment shows the pinning at work.
import type { DraftContent } from "../lib/domain/draft";
import { createSequence } from "../lib/server/sequences/create-sequence";
import { enrollContacts } from "../lib/server/sequences/enroll-contacts";
import { publishVersion } from "../lib/server/sequences/publish-version";
import { saveDraft } from "../lib/server/sequences/save-draft";

/** The demo organisation's address, in every email footer with the unsubscribe link (the guardrails ask for both). */
export const DEMO_POSTAL_ADDRESS = "Acme Inc., 1 Market Street, Springfield";
const FOOTER = `\n\n--\n${DEMO_POSTAL_ADDRESS}\nUnsubscribe: {{unsubscribe_url}}`;

const v1: DraftContent = {
  steps: [
    {
      key: "welcome",
      type: "email",
      subject: "Welcome to Acme, {{first_name}}",
      body: `Hi {{first_name}},\n\nThanks for signing up. Here is how to get started.${FOOTER}`,
    },
    { key: "pause-2d", type: "wait", amount: 2, unit: "days", businessDaysOnly: false },
    {
      key: "tips",
      type: "email",
      subject: "Three tips for your first week",
      body: `Hi {{first_name}}, here are three tips our best customers use.${FOOTER}`,
    },
    { key: "pause-3d", type: "wait", amount: 3, unit: "days", businessDaysOnly: false },
    {
      key: "offer",
      type: "email",
      subject: "20% off your first upgrade",
      body: `Hi {{first_name}}, upgrade this week and save 20%.${FOOTER}`,
    },
  ],
  settings: { exitOnReply: true, exitOnUnsubscribe: true },
};

/** v2: third email removed, second and third steps swapped, first subject changed. */
function v2(): DraftContent {
  const [welcome, pause2, tips, pause3] = v1.steps;
  return {
    ...v1,
    steps: [
      { ...welcome!, subject: "Welcome aboard, {{first_name}}" } as DraftContent["steps"][number],
      tips!,
      pause2!,
      pause3!,
    ],
  };
}

export async function seedDemoSequence(options: { actorId: string; contactIds: string[] }): Promise<void> {
  const { id } = await createSequence({
    actorId: options.actorId,
    name: "Welcome series",
    description: "Onboarding emails for new sign-ups",
  });
  let { revision } = await saveDraft({ actorId: options.actorId, sequenceId: id, revision: 0, draft: v1 });
  await publishVersion({ actorId: options.actorId, sequenceId: id, note: "Launch of the onboarding series" });
  await enrollContacts({ actorId: options.actorId, sequenceId: id, contactIds: options.contactIds.slice(0, 12) });
  ({ revision } = await saveDraft({ actorId: options.actorId, sequenceId: id, revision, draft: v2() }));
  await publishVersion({
    actorId: options.actorId,
    sequenceId: id,
    note: "Shorter: tips first, offer email dropped",
    expectedRevision: revision,
  });
  await enrollContacts({ actorId: options.actorId, sequenceId: id, contactIds: options.contactIds.slice(12, 18) });
}
