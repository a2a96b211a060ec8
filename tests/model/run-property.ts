// Setup, per-run statistics and the property itself, shared by the model test and its mutation
// check (the same property with a deliberate pinning bug switched on).
import fc from "fast-check";
import type pg from "pg";
import type { DraftContent } from "@/lib/domain/draft";
import { db } from "@/lib/server/db";
import { createSequence } from "@/lib/server/sequences/create-sequence";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import { makeContacts } from "../support/sequences";
import { CONTACTS, command } from "./arbitraries";
import { checkInvariants } from "./invariants";
import { Enroll, Publish, Tick, type Model, type Real } from "./pinning-model";

// Every run starts here. The runner calls are scoped to the run's sequence, so runs need no time
// windows of their own; the far future only keeps other files' unscoped runners (which claim
// everything due at their own, earlier "now") away from the model's leftovers.
const START = new Date(Date.UTC(2900, 0, 1));

/** Eight steps over six days: a contact stays in flight across many operations. */
function initialDraft(): DraftContent {
  return {
    steps: [
      { key: "a", type: "email", subject: "Welcome {{first_name}}", body: "Hello {{unsubscribe_url}}" },
      { key: "b", type: "wait", amount: 1, unit: "days", businessDaysOnly: false },
      { key: "c", type: "sms", body: "Quick note for {{first_name}}" },
      { key: "d", type: "email", subject: "Follow-up", body: "Again {{unsubscribe_url}}" },
      { key: "e", type: "wait", amount: 2, unit: "days", businessDaysOnly: false },
      { key: "f", type: "email", subject: "Last call {{first_name}}", body: "Once more {{unsubscribe_url}}" },
      { key: "g", type: "wait", amount: 3, unit: "days", businessDaysOnly: false },
      { key: "h", type: "email", subject: "An offer", body: "20% off {{unsubscribe_url}}" },
    ],
    settings: { exitOnReply: true, exitOnUnsubscribe: true },
  };
}

let sequenceNumber = 0;

/** A sequence with v1 published and `enrolled` contacts already on it, through the real services. */
export async function setup(
  context: { actorId: string; pool: pg.Pool },
  enrolled = 3,
): Promise<{ model: Model; real: Real }> {
  const { actorId, pool } = context;
  const run = ++sequenceNumber;
  const { id } = await createSequence({ actorId, name: `Model run ${run}`, description: "" });
  const draft = initialDraft();
  const saved = await saveDraft({ actorId, sequenceId: id, revision: 0, draft });
  const contactIds = await makeContacts(CONTACTS, `model${run}`);
  // Everyone starts with a phone in the organisation's zone; SetContact changes both.
  await db().contact.updateMany({ where: { id: { in: contactIds } }, data: { phone: "+15550000000" } });
  const model: Model = {
    draft,
    revision: saved.revision,
    versions: [],
    activeVersionId: null,
    enrollments: [],
    paused: new Map(),
    migrations: [],
    now: START,
    nextKey: 0,
    overlap: false,
    applied: 0,
    undone: 0,
    contactHistory: new Map(),
  };
  const real: Real = { sequenceId: id, contactIds, actorId, pool };
  await new Publish().run(model, real);
  if (enrolled > 0) await new Enroll(Array.from({ length: enrolled }, (_, i) => i)).run(model, real);
  return { model, real };
}

export type Totals = {
  runs: number;
  versions: number;
  enrollments: number;
  executed: number;
  migrated: number;
  enrolledVersions: number;
  overlapRuns: number;
  migrationRuns: number;
  undoRuns: number;
  /** Message steps held by a send window, holiday or daily cap, and skipped for a missing phone. */
  held: number;
  skipped: number;
};
export const emptyTotals = (): Totals => ({
  runs: 0,
  versions: 0,
  enrollments: 0,
  executed: 0,
  migrated: 0,
  enrolledVersions: 0,
  overlapRuns: 0,
  migrationRuns: 0,
  undoRuns: 0,
  held: 0,
  skipped: 0,
});

export const MAX_COMMANDS = 45;
/** Far longer than a version's waits add up to in these runs (six days, plus up to 48 hours per added wait). */
const FINAL_DAYS = 120;

/**
 * The pinning property; each run that passes adds its depth to `totals`. `replayPath` (printed as
 * `replayPath="..."` after a counterexample) with fast-check's seed and path replays that case.
 */
export function pinningProperty(context: { actorId: string; pool: pg.Pool }, totals: Totals, replayPath?: string) {
  return fc.asyncProperty(
    fc.commands([command], { maxCommands: MAX_COMMANDS, size: "max", replayPath }),
    async (cmds) => {
      const { model, real } = await setup(context);
      await fc.asyncModelRun(() => ({ model, real }), cmds);
      // Then time passes: everyone still in flight runs on to the end (or to an open task), so each
      // run's last operations are executed too, not only written.
      await new Tick(FINAL_DAYS * 24 * 60).run(model, real);
      await checkInvariants(model, real);
      const events = await db().enrollmentEvent.groupBy({
        by: ["type"],
        where: { type: { in: ["step_executed", "migrated"] }, enrollment: { sequenceId: real.sequenceId } },
        _count: true,
      });
      const holds = await db().enrollmentEvent.findMany({
        where: { type: { in: ["waited", "step_skipped"] }, enrollment: { sequenceId: real.sequenceId } },
        select: { type: true, detail: true },
      });
      totals.held += holds.filter((e) => e.type === "waited" && (e.detail as { reason?: string }).reason).length;
      totals.skipped += holds.filter((e) => e.type === "step_skipped").length;
      totals.runs++;
      totals.versions += model.versions.length;
      totals.enrollments += model.enrollments.length;
      totals.executed += events.find((e) => e.type === "step_executed")?._count ?? 0;
      totals.migrated += events.find((e) => e.type === "migrated")?._count ?? 0;
      totals.enrolledVersions += new Set(model.enrollments.map((e) => e.versionId)).size;
      if (model.overlap) totals.overlapRuns++;
      if (model.applied > 0) totals.migrationRuns++;
      if (model.undone > 0) totals.undoRuns++;
    },
  );
}
