// Model-based test of the pinning guarantee: random operation sequences run against the real
// services, the real runner and PostgreSQL, next to a small reference model of what must hold.
import fc from "fast-check";
import type pg from "pg";
import type { DraftContent, DraftStep } from "@/lib/domain/draft";
import type { VersionContent } from "@/lib/domain/steps";
import { validateDraft } from "@/lib/domain/validate-draft";
import { drainDue } from "@/lib/engine/run-batch";
import { db } from "@/lib/server/db";
import { DomainError } from "@/lib/server/errors";
import { completeTask } from "@/lib/server/enrollments/complete-task";
import { pauseEnrollment } from "@/lib/server/enrollments/pause-enrollment";
import { recordReply } from "@/lib/server/enrollments/record-reply";
import { resumeEnrollment } from "@/lib/server/enrollments/resume-enrollment";
import { unsubscribeContact } from "@/lib/server/enrollments/unsubscribe-contact";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { restoreVersion } from "@/lib/server/sequences/restore-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import { defaultStepMap } from "@/lib/domain/migration-plan";
import { applyMigration, startMigration } from "@/lib/server/migrations/apply-migration";
import { undoMigration } from "@/lib/server/migrations/undo-migration";

export type Model = {
  draft: DraftContent;
  revision: number;
  versions: { id: string; number: number; content: VersionContent }[];
  activeVersionId: string | null;
  /** contact index -> every enrollment made, with the version it was pinned to when made. */
  enrollments: { id: string; contact: number; versionId: string }[];
  paused: Map<string, number>; // enrollment id -> executed steps when paused
  /** Operator migrations applied (the only way an enrollment may change version). */
  migrations: string[];
  now: Date;
  nextKey: number;
};

export type Real = { sequenceId: string; contactIds: string[]; actorId: string; pool: pg.Pool };

async function expectDomainErrorOr<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) return null; // refused transitions are part of the model's world
    throw error;
  }
}

export async function executedCount(enrollmentId: string): Promise<number> {
  return db().enrollmentEvent.count({ where: { enrollmentId, type: "step_executed" } });
}

type Edit = { kind: "remove"; at: number } | { kind: "swap"; at: number } | { kind: "subject"; at: number; text: string } | { kind: "add"; type: "email" | "sms" | "wait" | "task"; at: number; amount: number };

function applyEdit(model: Model, edit: Edit): DraftContent {
  const steps = [...model.draft.steps];
  const i = steps.length ? edit.at % steps.length : 0;
  switch (edit.kind) {
    case "remove":
      if (steps.length > 1) steps.splice(i, 1);
      break;
    case "swap":
      if (steps.length > 1) {
        const j = (i + 1) % steps.length;
        [steps[i], steps[j]] = [steps[j]!, steps[i]!];
      }
      break;
    case "subject": {
      const step = steps[i];
      if (step?.type === "email") steps[i] = { ...step, subject: edit.text };
      break;
    }
    case "add": {
      const key = `m${model.nextKey++}`;
      const step: DraftStep =
        edit.type === "email"
          ? { key, type: "email", subject: `Hello {{first_name}} ${key}`, body: `Body ${key}` }
          : edit.type === "sms"
            ? { key, type: "sms", body: `Text ${key} for {{first_name}}` }
            : edit.type === "wait"
              ? { key, type: "wait", amount: edit.amount, unit: "hours", businessDaysOnly: false }
              : { key, type: "task", title: `Call {{first_name}} ${key}`, note: "" };
      steps.splice(i, 0, step);
      break;
    }
  }
  return { ...model.draft, steps };
}

export class EditDraft implements fc.AsyncCommand<Model, Real> {
  constructor(readonly edit: Edit) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const draft = applyEdit(model, this.edit);
    const saved = await saveDraft({ actorId: real.actorId, sequenceId: real.sequenceId, revision: model.revision, draft });
    model.draft = draft;
    model.revision = saved.revision;
  }
  toString = () => `EditDraft(${JSON.stringify(this.edit)})`;
}

export class Publish implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    const validation = validateDraft(model.draft);
    const result = await expectDomainErrorOr(() => publishVersion({ actorId: real.actorId, sequenceId: real.sequenceId, note: "model" }));
    if (!validation.ok) {
      if (result !== null) throw new Error("published an invalid draft");
      return;
    }
    if (!result) throw new Error("a valid draft was refused");
    if (result.created) {
      if (result.number !== model.versions.length + 1) throw new Error(`expected v${model.versions.length + 1}, got v${result.number}`);
      model.versions.push({ id: result.versionId, number: result.number, content: validation.content });
    } else if (result.versionId !== model.activeVersionId) {
      throw new Error("identical content returned a version that is not the active one");
    }
    model.activeVersionId = result.versionId;
  }
  toString = () => "Publish";
}

class Restore implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.versions.length > 0;
  async run(model: Model, real: Real) {
    const version = model.versions[this.pick % model.versions.length]!;
    const result = await restoreVersion({ actorId: real.actorId, sequenceId: real.sequenceId, versionId: version.id });
    model.draft = version.content;
    model.revision = result.revision;
  }
  toString = () => `Restore(${this.pick})`;
}

export class Enroll implements fc.AsyncCommand<Model, Real> {
  constructor(readonly contact: number) {}
  check = (model: Readonly<Model>) => model.activeVersionId !== null;
  async run(model: Model, real: Real) {
    const contactId = real.contactIds[this.contact % real.contactIds.length]!;
    const result = await enrollContacts({ actorId: real.actorId, sequenceId: real.sequenceId, contactIds: [contactId], now: model.now });
    if (result.versionId !== model.activeVersionId) throw new Error("enrollment pinned to a version that is not the active one");
    if (result.enrolled === 1) {
      // The live one: a contact may have finished enrollments in this sequence from earlier.
      const row = await db().enrollment.findFirstOrThrow({ where: { contactId, sequenceId: real.sequenceId, status: { in: ["active", "paused"] } } });
      model.enrollments.push({ id: row.id, contact: this.contact % real.contactIds.length, versionId: result.versionId });
    }
  }
  toString = () => `Enroll(${this.contact})`;
}

export class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly minutes: number) {}
  check = () => true;
  async run(model: Model) {
    model.now = new Date(model.now.getTime() + this.minutes * 60_000);
  }
  toString = () => `Advance(${this.minutes}m)`;
}

export class RunWorker implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    await drainDue({ pool: real.pool, now: model.now });
    for (const [id, executed] of model.paused) {
      if ((await executedCount(id)) !== executed) throw new Error(`paused enrollment ${id} executed a step`);
    }
  }
  toString = () => "RunWorker";
}

/** Moves every in-flight enrollment of an older version to the active one with the default step map. */
export class Migrate implements fc.AsyncCommand<Model, Real> {
  constructor(readonly pick: number) {}
  check = (model: Readonly<Model>) => model.activeVersionId !== null && model.versions.length > 1;
  async run(model: Model, real: Real) {
    const older = model.versions.filter((v) => v.id !== model.activeVersionId);
    const from = older[this.pick % older.length]!;
    const to = model.versions.find((v) => v.id === model.activeVersionId)!;
    const started = await expectDomainErrorOr(() =>
      startMigration({ actorId: real.actorId, sequenceId: real.sequenceId, fromVersionId: from.id, toVersionId: to.id, stepMap: defaultStepMap(from.content.steps, to.content.steps), selection: { kind: "all" } }),
    );
    if (!started) return; // nobody in flight on that version
    const progress = await applyMigration({ actorId: real.actorId, migrationId: started.migrationId, now: model.now });
    if (!progress.done) throw new Error("an unbounded apply did not finish");
    model.migrations.push(started.migrationId);
    // Moved enrollments continue on B; a paused one stays paused (and must still not advance).
    for (const [id] of model.paused) model.paused.set(id, await executedCount(id));
  }
  toString = () => `Migrate(${this.pick})`;
}

export class UndoLastMigration implements fc.AsyncCommand<Model, Real> {
  check = (model: Readonly<Model>) => model.migrations.length > 0;
  async run(model: Model, real: Real) {
    const migrationId = model.migrations.pop()!;
    await expectDomainErrorOr(() => undoMigration({ actorId: real.actorId, migrationId, now: model.now }));
    for (const [id] of model.paused) model.paused.set(id, await executedCount(id));
  }
  toString = () => "UndoLastMigration";
}

type ContactOp = "pause" | "resume" | "reply" | "unsubscribe" | "completeTask";

class OnContact implements fc.AsyncCommand<Model, Real> {
  constructor(readonly op: ContactOp, readonly contact: number) {}
  check = (model: Readonly<Model>) => model.enrollments.length > 0;
  async run(model: Model, real: Real) {
    const enrollment = model.enrollments[this.contact % model.enrollments.length]!;
    const contactId = real.contactIds[enrollment.contact]!;
    const base = { actorId: real.actorId, now: model.now };
    if (this.op === "pause") {
      if (await expectDomainErrorOr(() => pauseEnrollment({ ...base, enrollmentId: enrollment.id }))) model.paused.set(enrollment.id, await executedCount(enrollment.id));
    } else if (this.op === "resume") {
      if (await expectDomainErrorOr(() => resumeEnrollment({ ...base, enrollmentId: enrollment.id }))) model.paused.delete(enrollment.id);
    } else if (this.op === "reply") {
      await expectDomainErrorOr(() => recordReply({ ...base, contactId }));
      model.paused.delete(enrollment.id); // a paused enrollment exits on reply; either way it no longer advances
    } else if (this.op === "unsubscribe") {
      await expectDomainErrorOr(() => unsubscribeContact({ ...base, contactId }));
      for (const e of model.enrollments) if (e.contact === enrollment.contact) model.paused.delete(e.id);
    } else {
      const task = await db().task.findFirst({ where: { enrollmentId: enrollment.id, completedAt: null } });
      if (task) await expectDomainErrorOr(() => completeTask({ ...base, taskId: task.id }));
    }
  }
  toString = () => `${this.op}(${this.contact})`;
}

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("remove" as const), at: fc.nat(20) }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat(20) }),
  fc.record({ kind: fc.constant("subject" as const), at: fc.nat(20), text: fc.constantFrom("New subject", "Hi {{first_name}}", "Hallo 👋 Ünïcode", "'; DROP TABLE contacts; --") }),
  fc.record({ kind: fc.constant("add" as const), type: fc.constantFrom("email" as const, "sms" as const, "wait" as const, "task" as const), at: fc.nat(20), amount: fc.integer({ min: 1, max: 48 }) }),
);

// Repeated entries weight the mix towards what exercises pinning: publishing while contacts are
// in flight, enrolling, and letting time pass and the runner work.
const enroll = fc.nat(5).map((n) => new Enroll(n));
const advance = fc.integer({ min: 10, max: 3 * 24 * 60 }).map((m) => new Advance(m));
export const commands = [
  edit.map((e) => new EditDraft(e)),
  edit.map((e) => new EditDraft(e)),
  fc.constant(new Publish()),
  fc.constant(new Publish()),
  fc.nat(10).map((n) => new Restore(n)),
  enroll,
  enroll,
  advance,
  advance,
  fc.constant(new RunWorker()),
  fc.constant(new RunWorker()),
  fc.nat(10).map((n) => new Migrate(n)),
  fc.constant(new UndoLastMigration()),
  fc.tuple(fc.constantFrom<ContactOp>("pause", "resume", "reply", "unsubscribe", "completeTask"), fc.nat(10)).map(([op, n]) => new OnContact(op, n)),
];
