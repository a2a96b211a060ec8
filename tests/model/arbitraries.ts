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
  SetContact,
  Tick,
  UndoLastMigration,
  type ContactOp,
  type Edit,
} from "./pinning-model";

/** Contacts each run creates; Enroll picks among them. */
export const CONTACTS = 12;

const hour = (h: number) => `${String(h).padStart(2, "0")}:00`;
/** A send window (some weekdays, whole hours), holidays in the model's first month, an email cap. */
const windowEdit = fc
  .record({
    window: fc.option(
      fc
        .tuple(
          fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
          fc.integer({ min: 0, max: 22 }),
          fc.integer({ min: 1, max: 12 }),
        )
        .map(([weekdays, start, length]) => ({
          weekdays,
          start: hour(start),
          end: hour(Math.min(23, start + length)),
        })),
      { nil: null },
    ),
    holidays: fc.uniqueArray(fc.integer({ min: 1, max: 28 }), { maxLength: 4 }),
    emailCap: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
  })
  .map(({ window, holidays, emailCap }) => ({
    kind: "window" as const,
    window,
    holidays: holidays.map((d) => `2900-01-${String(d).padStart(2, "0")}`),
    emailCap,
  }));

/** Zones for SetContact: the three the issue names, one more, and none (the organisation's). */
export const ZONES = ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "Australia/Lord_Howe", null] as const;

// The original four edits keep most of the weight, so versions still differ in their steps.
const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 1, arbitrary: windowEdit },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("missing" as const),
      at: fc.nat(20),
      action: fc.constantFrom("skip" as const, "exit" as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove" as const), at: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("swap" as const), at: fc.nat(20) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("subject" as const),
      at: fc.nat(20),
      text: fc.constantFrom("New subject", "Hi {{first_name}}", "Hallo 👋 Ünïcode", "'; DROP TABLE contacts; --"),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("add" as const),
      type: fc.constantFrom("email" as const, "sms" as const, "wait" as const, "task" as const),
      at: fc.nat(20),
      amount: fc.integer({ min: 1, max: 48 }),
    }),
  },
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
    1,
    fc
      .tuple(fc.nat(CONTACTS - 1), fc.constantFrom(...ZONES), fc.boolean())
      .map(([contact, zone, hasPhone]) => new SetContact(contact, zone, hasPhone)),
  ),
  weighted(
    2,
    fc
      .tuple(fc.constantFrom<ContactOp>("pause", "resume", "reply", "unsubscribe", "completeTask"), fc.nat(10))
      .map(([op, n]) => new OnContact(op, n)),
  ),
);
