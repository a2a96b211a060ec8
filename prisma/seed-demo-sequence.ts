// The demo story for `npm run dev`: 30 days of history (the dashboard charts' window) written through the real services and the
// runner with an injected clock, so the dashboard and the v1-vs-v2 comparison have something to
// show on first sign-in. The Welcome series is published as v1, contacts enrolled on it day by
// day, then edited and published as v2 (shorter, new subject) while some are in flight; more
// contacts enroll on v2; replies come in through the reply service (v2 a little better); half of
// v1's last contacts are migrated to v2; a Trial follow-up series leaves open call tasks; and a
// few addresses fail for good on the last day. Recipients open and click through the real
// tracking path (the signed pixel and link tokens of each delivered email, hours after sending, so
// they count as human; v2's new welcome subject is opened more). Nothing is inserted by
// hand: the outcome counters come from the store like any other history.
import type { DraftContent } from "../lib/domain/draft";
import { drainDeliveries } from "../lib/engine/deliver-messages";
import { createPool } from "../lib/engine/pool";
import { drainDue } from "../lib/engine/run-batch";
import { OutboxTransport, PermanentDeliveryError, type Transport } from "../lib/engine/transports";
import { completeTask } from "../lib/server/enrollments/complete-task";
import { recordReply } from "../lib/server/enrollments/record-reply";
import { applyMigration, startMigration } from "../lib/server/migrations/apply-migration";
import { createSequence } from "../lib/server/sequences/create-sequence";
import { enrollContacts } from "../lib/server/sequences/enroll-contacts";
import { publishVersion } from "../lib/server/sequences/publish-version";
import { saveDraft } from "../lib/server/sequences/save-draft";
import { recordHit } from "../lib/server/tracking/record-hit";

/** The demo organisation's address, in every email footer with the unsubscribe link (the guardrails ask for both). */
export const DEMO_POSTAL_ADDRESS = "Acme Inc., 1 Market Street, Springfield";
const FOOTER = `\n\n--\n${DEMO_POSTAL_ADDRESS}\nUnsubscribe: {{unsubscribe_url}}`;
const DAY = 24 * 60 * 60 * 1000;

const v1: DraftContent = {
  steps: [
    {
      key: "welcome",
      type: "email",
      subject: "Welcome to Acme, {{first_name}}",
      body: `Hi {{first_name}},\n\nThanks for signing up. Here is how to get started: https://example.com/start${FOOTER}`,
    },
    { key: "pause-2d", type: "wait", amount: 2, unit: "days", businessDaysOnly: false },
    {
      key: "tips",
      type: "email",
      subject: "Three tips for your first week",
      body: `Hi {{first_name}}, here are three tips our best customers use: https://example.com/tips${FOOTER}`,
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

const trial: DraftContent = {
  steps: [
    {
      key: "trial-welcome",
      type: "email",
      subject: "Your trial has started",
      body: `Hi {{first_name}}, your 14-day trial is live. Reply with any question.${FOOTER}`,
    },
    { key: "trial-wait", type: "wait", amount: 1, unit: "days", businessDaysOnly: false },
    { key: "call", type: "task", title: "Call {{first_name}} about the trial", note: "Ask what they want to achieve." },
    {
      key: "trial-check-in",
      type: "email",
      subject: "How is the trial going?",
      body: `Hi {{first_name}}, thanks for the chat. Here is a summary of what we discussed.${FOOTER}`,
    },
  ],
  settings: { exitOnReply: true, exitOnUnsubscribe: true },
};

type Delivered = { subject: string; openToken: string; clickTokens: string[] };

/**
 * The demo's mail provider: accepts everything but the `.invalid` addresses, which fail for good,
 * and keeps each tracked email's open and click tokens, as a recipient's mail client would see them.
 */
class DemoTransport implements Transport {
  readonly name = "demo";
  private readonly outbox = new OutboxTransport();
  private delivered: Delivered[] = [];
  async send(message: Parameters<Transport["send"]>[0]): Promise<void> {
    if (message.to.endsWith(".invalid")) throw new PermanentDeliveryError("550 5.1.1 mailbox does not exist (demo)");
    await this.outbox.send(message);
    const html = message.html ?? "";
    const openToken = /\/t\/o\/([A-Za-z0-9_.-]+)/.exec(html)?.[1];
    if (!openToken) return; // not tracked
    const clickTokens = [...html.matchAll(/\/t\/c\/([A-Za-z0-9_.-]+)/g)].map((m) => m[1]!);
    this.delivered.push({ subject: message.subject ?? "", openToken, clickTokens });
  }
  /** The emails delivered since the last call. */
  takeDelivered(): Delivered[] {
    const taken = this.delivered;
    this.delivered = [];
    return taken;
  }
}

/** A human mail client (not a known proxy), so the demo's opens count in the rates. */
const DEMO_USER_AGENT = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)";

/** Opens (about 45 %, 70 % for v2's new welcome subject) and clicks (about a third of opens), 3 hours after sending. */
async function engage(delivered: Delivered[], sentAt: Date, daysAgo: number): Promise<void> {
  const later = new Date(sentAt.getTime() + 3 * 60 * 60 * 1000);
  for (const [i, message] of delivered.entries()) {
    const roll = share(i * 3 + daysAgo * 11);
    const openRate = message.subject.startsWith("Welcome aboard") ? 70 : 45;
    if (roll >= openRate) continue;
    await recordHit("open", message.openToken, DEMO_USER_AGENT, later);
    const link = message.clickTokens[0];
    if (link && roll % 3 === 0) await recordHit("click", link, DEMO_USER_AGENT, new Date(later.getTime() + 60_000));
  }
}

/** A stable pseudo-random share in [0, 100) per contact index, so reruns tell the same story. */
const share = (i: number) => (i * 37 + 11) % 100;

export async function seedDemoSequence(options: {
  actorId: string;
  /** Ordinary contacts; about 450 are used. */
  contactIds: string[];
  /** Contacts whose address bounces: enrolled on the last day, their welcome email fails. */
  failingContactIds?: string[];
  now?: Date;
  connectionString?: string;
}): Promise<void> {
  const { actorId } = options;
  const end = options.now ?? new Date();
  const pool = createPool({ connectionString: options.connectionString, max: 2 });
  const transport = new DemoTransport();
  const at = (daysAgo: number) => new Date(end.getTime() - daysAgo * DAY);
  const pending = [...options.contactIds];
  const take = (n: number) => pending.splice(0, n);
  const replies = new Map<number, string[]>(); // days ago -> contacts who reply that day
  const planReplies = (contactIds: string[], daysAgo: number, rate: number) =>
    contactIds.forEach((id, i) => {
      if (share(i + daysAgo * 7) >= rate || daysAgo < 1) return;
      replies.set(daysAgo - 1, [...(replies.get(daysAgo - 1) ?? []), id]);
    });
  try {
    const welcome = await createSequence({
      actorId,
      name: "Welcome series",
      description: "Onboarding emails for new sign-ups",
    });
    let { revision } = await saveDraft({ actorId, sequenceId: welcome.id, revision: 0, draft: v1 });
    const first = await publishVersion({
      actorId,
      sequenceId: welcome.id,
      note: "Launch of the onboarding series",
      now: at(29),
    });
    const followUp = await createSequence({
      actorId,
      name: "Trial follow-up",
      description: "A welcome email, then a call from the team",
    });
    await saveDraft({ actorId, sequenceId: followUp.id, revision: 0, draft: trial });

    for (let d = 29; d >= 0; d--) {
      const now = at(d);
      if (d === 10) await publishVersion({ actorId, sequenceId: followUp.id, note: "First version", now });
      if (d === 3) {
        ({ revision } = await saveDraft({ actorId, sequenceId: welcome.id, revision, draft: v2() }));
        const second = (
          await publishVersion({
            actorId,
            sequenceId: welcome.id,
            note: "Shorter: tips first, offer email dropped",
            expectedRevision: revision,
            now,
          })
        ).versionId;
        // Half of v1's contacts in flight move to v2 at once (a canary migration); the rest stay pinned.
        const started = await startMigration({
          actorId,
          sequenceId: welcome.id,
          fromVersionId: first.versionId,
          toVersionId: second,
          stepMap: { offer: { kind: "next" } },
          selection: { kind: "canary", percent: 50, seed: "demo" },
          now: new Date(now.getTime() + 60 * 60 * 1000),
        });
        await applyMigration({
          actorId,
          migrationId: started.migrationId,
          now: new Date(now.getTime() + 60 * 60 * 1000),
        });
      }
      // Welcome series: 7 sign-ups a day on v1 (16 on its last day), 50 a day once v2 is out.
      const cohort = take(d > 3 ? (d === 4 ? 16 : 7) : 50);
      if (cohort.length) {
        await enrollContacts({ actorId, sequenceId: welcome.id, contactIds: cohort, now });
        planReplies(cohort, d, d > 3 ? 8 : 25);
      }
      if (d <= 10) {
        const trialists = take(3);
        if (trialists.length) await enrollContacts({ actorId, sequenceId: followUp.id, contactIds: trialists, now });
      }
      if (d === 0 && options.failingContactIds?.length)
        await enrollContacts({ actorId, sequenceId: welcome.id, contactIds: options.failingContactIds, now });
      // Scoped to the demo's own sequences: in a shared database (the dashboard test) the
      // runner must not execute, deliver or complete other enrollments due at the demo's clock.
      const scope = { sequenceIds: [welcome.id, followUp.id] };
      await drainDue({ pool, now, scope });
      await drainDeliveries({ pool, now, scope, transportFor: () => transport });
      if (d > 0) await engage(transport.takeDelivered(), now, d);
      for (const contactId of replies.get(d) ?? []) await recordReply({ actorId, contactId, now });
      // The team works through call tasks older than two days.
      const { rows: tasks } = await pool.query<{ id: string }>(
        `SELECT t.id FROM tasks t JOIN enrollments e ON e.id = t.enrollment_id
         WHERE t.completed_at IS NULL AND t.created_at <= $1 AND e.sequence_id = ANY($2::uuid[]) ORDER BY t.created_at`,
        [at(d + 2), scope.sequenceIds],
      );
      for (const t of tasks) await completeTask({ actorId, taskId: t.id, now });
    }
  } finally {
    await pool.end();
  }
}
