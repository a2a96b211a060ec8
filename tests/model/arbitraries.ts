// The random operation mix of the model test. Weights favour what the pinning guarantee is
// about: new versions published while contacts are in flight on older ones, contacts enrolled on
// each, time passing so waits elapse and the runner executes, and operator migrations (and undo).
import fc from "fast-check";
import type { Model, Real } from "./pinning-model";
import {
  Advance,
  Enroll,
  EditDraft,
  Migrate,
  OnContact,
  Publish,
  Republish,
  Restore,
  RunWorker,
  Tick,
  UndoLastMigration,
  type ContactOp,
  type Edit,
} from "./pinning-model";

/** Contacts each run creates; Enroll picks among them. */
export const CONTACTS = 12;

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("remove" as const), at: fc.nat(20) }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(20) }),
  fc.record({
    kind: fc.constant("subject" as const),
    at: fc.nat(20),
    text: fc.constantFrom("New subject", "Hi {{first_name}}", "Hallo 👋 Ünïcode", "'; DROP TABLE contacts; --"),
  }),
  fc.record({
    kind: fc.constant("add" as const),
    type: fc.constantFrom("email" as const, "sms" as const, "wait" as const, "task" as const),
    at: fc.nat(20),
    amount: fc.integer({ min: 1, max: 48 }),
  }),
);

// Realistic spans: the draft's waits are hours to days, so most ticks let some wait elapse.
const minutes = fc.integer({ min: 30, max: 24 * 60 });

type Cmd = fc.AsyncCommand<Model, Real>;
const weighted = (weight: number, arbitrary: fc.Arbitrary<Cmd>) => ({ weight, arbitrary });

/** One weighted arbitrary (fc.commands picks its entries uniformly, so weights live here). */
export const command: fc.Arbitrary<Cmd> = fc.oneof(
  weighted(
    1,
    edit.map((e) => new EditDraft(e)),
  ),
  weighted(1, fc.constant(new Publish())),
  weighted(
    5,
    edit.map((e) => new Republish(e)),
  ),
  weighted(
    1,
    fc.nat(10).map((n) => new Restore(n)),
  ),
  weighted(
    8,
    fc.uniqueArray(fc.nat(CONTACTS - 1), { minLength: 1, maxLength: 3 }).map((contacts) => new Enroll(contacts)),
  ),
  weighted(
    1,
    minutes.map((m) => new Advance(m)),
  ),
  weighted(1, fc.constant(new RunWorker())),
  weighted(
    5,
    minutes.map((m) => new Tick(m)),
  ),
  weighted(
    2,
    fc.tuple(fc.nat(10), fc.option(fc.constantFrom(30, 50, 70))).map(([n, canary]) => new Migrate(n, canary)),
  ),
  weighted(1, fc.constant(new UndoLastMigration())),
  weighted(
    2,
    fc
      .tuple(fc.constantFrom<ContactOp>("pause", "resume", "reply", "unsubscribe", "completeTask"), fc.nat(10))
      .map(([op, n]) => new OnContact(op, n)),
  ),
);
