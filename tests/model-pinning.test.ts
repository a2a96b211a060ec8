// The pinning guarantee as a model-based property test (fast-check) on the real database and
// runner. MODEL_RUNS sets the number of runs (200 in npm test; `npm run test:model -- --runs N`).
// A failure prints fast-check's seed and the shrunk list of operations to replay it.
import fc from "fast-check";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installDeliverySchema } from "@/lib/engine/delivery-jobs";
import { createPool } from "@/lib/engine/pool";
import { db } from "@/lib/server/db";
import { createSequence } from "@/lib/server/sequences/create-sequence";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import { makeContacts } from "./support/sequences";
import { makeUser } from "./support/factories";
import { checkInvariants } from "./model/invariants";
import { Advance as AdvanceCmd, EditDraft as EditDraftCmd, Enroll as EnrollCmd, Publish as PublishCmd, RunWorker as RunWorkerCmd, commands, type Model, type Real } from "./model/pinning-model";

const RUNS = Number(process.env.MODEL_RUNS ?? 200);
const SEED = process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : undefined;
const DAY = 24 * 60 * 60 * 1000;

let pool: pg.Pool;
let actorId: string;
let run = 0;
const totals = { runs: 0, versions: 0, enrollments: 0, executed: 0, migrated: 0 };

beforeAll(async () => {
  pool = createPool({ connectionString: process.env.DATABASE_URL, max: 4 });
  await installDeliverySchema(pool);
  actorId = (await makeUser("editor")).id;
});
afterAll(async () => {
  await pool.end();
  await db().$disconnect();
});

async function setup(): Promise<{ model: Model; real: Real }> {
  // Each run lives in its own time window, earlier than the previous run's, so leftovers of
  // earlier runs are never due inside a later run (the runner claims everything that is due).
  const start = new Date(Date.UTC(2900, 0, 1) - run++ * 100 * DAY);
  const { id } = await createSequence({ actorId, name: `Model run ${run}`, description: "" });
  const draft = {
    steps: [
      { key: "a", type: "email" as const, subject: "Welcome {{first_name}}", body: "Hello" },
      { key: "b", type: "wait" as const, amount: 1, unit: "days" as const, businessDaysOnly: false },
      { key: "c", type: "email" as const, subject: "Follow-up", body: "Again" },
    ],
    settings: { exitOnReply: true, exitOnUnsubscribe: true },
  };
  const { revision } = await saveDraft({ actorId, sequenceId: id, revision: 0, draft });
  const contactIds = await makeContacts(3, `model${run}`);
  return {
    model: { draft, revision, versions: [], activeVersionId: null, enrollments: [], paused: new Map(), migrations: [], now: start, nextKey: 0 },
    real: { sequenceId: id, contactIds, actorId, pool },
  };
}

describe("pinning guarantee (model-based)", () => {
  it(`holds over ${RUNS} random operation sequences`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: "medium" }), async (cmds) => {
        const { model, real } = await setup();
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        await checkInvariants(model, real);
        totals.runs++;
        totals.versions += model.versions.length;
        totals.enrollments += model.enrollments.length;
        totals.executed += await db().enrollmentEvent.count({ where: { type: "step_executed", enrollment: { sequenceId: real.sequenceId } } });
        totals.migrated += await db().enrollmentEvent.count({ where: { type: "migrated", enrollment: { sequenceId: real.sequenceId } } });
      }),
      { numRuns: RUNS, seed: SEED, verbose: 1 },
    );
    // The property is only meaningful if the runs actually published, enrolled and executed.
    console.log(`model runs: ${JSON.stringify(totals)}`);
    expect(totals.versions).toBeGreaterThan(RUNS / 2);
    expect(totals.enrollments).toBeGreaterThan(RUNS / 4);
    expect(totals.executed).toBeGreaterThan(RUNS / 4);
  }, 900_000);
});

describe("the invariant checker", () => {
  it("detects an enrollment moved to another version, a skipped step and a repeated step", async () => {
    const { model, real } = await setup();
    const scenario = [new PublishCmd(), new EnrollCmd(0), new AdvanceCmd(60), new RunWorkerCmd(), new EditDraftCmd({ kind: "subject", at: 0, text: "Changed" }), new PublishCmd()];
    await fc.asyncModelRun(() => ({ model, real }), scenario);
    await checkInvariants(model, real); // sound before tampering
    const [enrollment] = model.enrollments;
    const [v1, v2] = model.versions;
    expect(enrollment && v1 && v2).toBeTruthy();

    await db().enrollment.update({ where: { id: enrollment!.id }, data: { sequenceVersionId: v2!.id } });
    await expect(checkInvariants(model, real)).rejects.toThrow(/changed version without a migration/);
    await db().enrollment.update({ where: { id: enrollment!.id }, data: { sequenceVersionId: v1!.id } });

    const first = await db().enrollmentEvent.findFirstOrThrow({ where: { enrollmentId: enrollment!.id, type: "step_executed", stepIndex: 0 } });
    await db().enrollmentEvent.update({ where: { id: first.id }, data: { stepIndex: 1, executionKey: "tampered" } });
    await expect(checkInvariants(model, real)).rejects.toThrow(/step index|ran key/);
  });
});
