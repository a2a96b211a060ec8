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
import { defaultStepMap, type MigrationSelection } from "@/lib/domain/migration-plan";
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
  /** The runner executed steps while contacts were in flight on two or more versions. */
  overlap: boolean;
  /** Migrations applied and undone in this run (depth statistics). */
  applied: number;
  undone: number;
  /** Per contact index: its time zone (null = the organisation's) and phone, from model time `from` on. */
  contactHistory: Map<number, { from: Date; zone: string | null; hasPhone: boolean }[]>;
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

export type WindowEdit = {
  kind: "window";
  window: { weekdays: number[]; start: string; end: string } | null;
  holidays: string[];
  emailCap: number | null;
};

export type Edit =
  | WindowEdit
  | { kind: "missing"; at: number; action: "skip" | "exit" }
  | { kind: "remove"; at: number }
  | { kind: "swap"; at: number }
  | { kind: "subject"; at: number; text: string }
  | { kind: "add"; type: "email" | "sms" | "wait" | "task"; at: number; amount: number };

function applyEdit(model: Model, edit: Edit): DraftContent {
  const steps = [...model.draft.steps];
  const i = steps.length && "at" in edit ? edit.at % steps.length : 0;
  switch (edit.kind) {
    case "window": {
      // Optional settings are left out, not set to undefined: the draft is stored as JSON.
      const rest = { ...model.draft.settings };
      delete rest.sendWindow;
      delete rest.holidays;
      delete rest.dailyCap;
      const settings = {
        ...rest,
        ...(edit.window ? { sendWindow: edit.window } : {}),
        ...(edit.holidays.length > 0 ? { holidays: edit.holidays } : {}),
        ...(edit.emailCap !== null ? { dailyCap: { email: edit.emailCap } } : {}),
      };
      return { ...model.draft, steps, settings };
    }
    case "missing": {
      const step = steps[i];
      if (step?.type === "email" || step?.type === "sms") steps[i] = { ...step, ifMissingChannel: edit.action };
      break;
    }
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
          ? { key, type: "email", subject: `Hello {{first_name}} ${key}`, body: `Body ${key} {{unsubscribe_url}}` }
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
    const saved = await saveDraft({
      actorId: real.actorId,
      sequenceId: real.sequenceId,
      revision: model.revision,
      draft,
    });
    model.draft = draft;
    model.revision = saved.revision;
  }
  toString = () => `EditDraft(${JSON.stringify(this.edit)})`;
}

export class Publish implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    const validation = validateDraft(model.draft);
    const result = await expectDomainErrorOr(() =>
      publishVersion({ actorId: real.actorId, sequenceId: real.sequenceId, note: "model" }),
    );
    if (!validation.ok) {
      if (result !== null) throw new Error("published an invalid draft");
      return;
    }
    if (!result) throw new Error("a valid draft was refused");
    if (result.created) {
      if (result.number !== model.versions.length + 1)
        throw new Error(`expected v${model.versions.length + 1}, got v${result.number}`);
      model.versions.push({ id: result.versionId, number: result.number, content: validation.content });
    } else if (result.versionId !== model.activeVersionId) {
      throw new Error("identical content returned a version that is not the active one");
    }
    model.activeVersionId = result.versionId;
  }
  toString = () => "Publish";
}

/** A marketer's edit followed by a publish: the move that puts a new version next to contacts in flight. */
export class Republish implements fc.AsyncCommand<Model, Real> {
  constructor(readonly edit: Edit) {}
  check = () => true;
  async run(model: Model, real: Real) {
    await new EditDraft(this.edit).run(model, real);
    await new Publish().run(model, real);
  }
  toString = () => `Republish(${JSON.stringify(this.edit)})`;
}

export class Restore implements fc.AsyncCommand<Model, Real> {
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

/** Enrolls several contacts at once, as the UI and the API do. */
export class Enroll implements fc.AsyncCommand<Model, Real> {
  constructor(readonly contacts: readonly number[]) {}
  check = (model: Readonly<Model>) => model.activeVersionId !== null;
  async run(model: Model, real: Real) {
    const picked = [...new Set(this.contacts.map((n) => n % real.contactIds.length))];
    const contactIds = picked.map((n) => real.contactIds[n]!);
    const result = await enrollContacts({
      actorId: real.actorId,
      sequenceId: real.sequenceId,
      contactIds,
      now: model.now,
    });
    if (result.versionId !== model.activeVersionId)
      throw new Error("enrollment pinned to a version that is not the active one");
    // The new live ones: a contact may be in flight already, or have finished enrollments from earlier.
    const known = new Set(model.enrollments.map((e) => e.id));
    const live = await db().enrollment.findMany({
      where: { contactId: { in: contactIds }, sequenceId: real.sequenceId, status: { in: ["active", "paused"] } },
    });
    const added = live.filter((row) => !known.has(row.id));
    if (added.length !== result.enrolled)
      throw new Error(`enrolled ${result.enrolled}, found ${added.length} new enrollments`);
    for (const row of added) {
      if (row.sequenceVersionId !== result.versionId)
        throw new Error("a new enrollment is not pinned to the version enroll reported");
      model.enrollments.push({
        id: row.id,
        contact: real.contactIds.indexOf(row.contactId),
        versionId: result.versionId,
      });
    }
  }
  toString = () => `Enroll(${this.contacts.join(",")})`;
}

/**
 * Sets a contact's time zone and phone (contacts are not enrollment state, so plain Prisma). It
 * takes a minute of model time, so every runner pass is unambiguously before or after it.
 */
export class SetContact implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly contact: number,
    readonly zone: string | null,
    readonly hasPhone: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const index = this.contact % real.contactIds.length;
    model.now = new Date(model.now.getTime() + 60_000);
    await db().contact.update({
      where: { id: real.contactIds[index]! },
      data: { timeZone: this.zone, phone: this.hasPhone ? "+15550000000" : null },
    });
    const history = model.contactHistory.get(index) ?? [];
    history.push({ from: model.now, zone: this.zone, hasPhone: this.hasPhone });
    model.contactHistory.set(index, history);
  }
  toString = () => `SetContact(${this.contact}, ${this.zone}, ${this.hasPhone ? "phone" : "no phone"})`;
}

export class Advance implements fc.AsyncCommand<Model, Real> {
  constructor(readonly minutes: number) {}
  check = () => true;
  async run(model: Model) {
    model.now = new Date(model.now.getTime() + this.minutes * 60_000);
  }
  toString = () => `Advance(${this.minutes}m)`;
}

/** The runner, scoped to this run's sequence so earlier runs' leftovers never interfere. */
export async function runWorker(model: Model, real: Real): Promise<void> {
  const live = await db().enrollment.findMany({
    where: { sequenceId: real.sequenceId, status: { in: ["active", "paused"] } },
    distinct: ["sequenceVersionId"],
    select: { sequenceVersionId: true },
  });
  const result = await drainDue({ pool: real.pool, now: model.now, scope: { sequenceIds: [real.sequenceId] } });
  if (live.length >= 2 && result.steps > 0) model.overlap = true;
  for (const [id, executed] of model.paused) {
    if ((await executedCount(id)) !== executed) throw new Error(`paused enrollment ${id} executed a step`);
  }
}

export class RunWorker implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  run = runWorker;
  toString = () => "RunWorker";
}

/** Time passes and the worker catches up: what a running system does most of the time. */
export class Tick implements fc.AsyncCommand<Model, Real> {
  constructor(readonly minutes: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    model.now = new Date(model.now.getTime() + this.minutes * 60_000);
    await runWorker(model, real);
  }
  toString = () => `Tick(${this.minutes}m)`;
}

/** Moves an older version's in-flight enrollments (all, or a canary sample) to the active one with the default step map. */
export class Migrate implements fc.AsyncCommand<Model, Real> {
  /** `canary`: percent of the version's in-flight contacts to move (a deterministic sample), or all. */
  constructor(
    readonly pick: number,
    readonly canary: number | null = null,
  ) {}
  check = (model: Readonly<Model>) => model.activeVersionId !== null && model.versions.length > 1;
  async run(model: Model, real: Real) {
    // Pick among the older versions that still have contacts in flight, when there are any: a
    // migration of nobody exercises nothing.
    const older = model.versions.filter((v) => v.id !== model.activeVersionId);
    const live = await db().enrollment.findMany({
      where: {
        sequenceId: real.sequenceId,
        status: { in: ["active", "paused"] },
        sequenceVersionId: { in: older.map((v) => v.id) },
      },
      distinct: ["sequenceVersionId"],
      select: { sequenceVersionId: true },
    });
    const candidates = live.length > 0 ? older.filter((v) => live.some((l) => l.sequenceVersionId === v.id)) : older;
    const from = candidates[this.pick % candidates.length]!;
    const to = model.versions.find((v) => v.id === model.activeVersionId)!;
    const selection: MigrationSelection =
      this.canary === null ? { kind: "all" } : { kind: "canary", percent: this.canary, seed: "model" };
    const started = await expectDomainErrorOr(() =>
      startMigration({
        actorId: real.actorId,
        sequenceId: real.sequenceId,
        fromVersionId: from.id,
        toVersionId: to.id,
        stepMap: defaultStepMap(from.content.steps, to.content.steps),
        selection,
      }),
    );
    if (!started) return; // nobody in flight on that version
    const progress = await applyMigration({ actorId: real.actorId, migrationId: started.migrationId, now: model.now });
    if (!progress.done) throw new Error("an unbounded apply did not finish");
    model.migrations.push(started.migrationId);
    model.applied += 1;
    // Moved enrollments continue on B; a paused one stays paused (and must still not advance).
    for (const [id] of model.paused) model.paused.set(id, await executedCount(id));
  }
  toString = () => `Migrate(${this.pick}${this.canary === null ? "" : `, ${this.canary}%`})`;
}

export class UndoLastMigration implements fc.AsyncCommand<Model, Real> {
  check = (model: Readonly<Model>) => model.migrations.length > 0;
  async run(model: Model, real: Real) {
    const migrationId = model.migrations.pop()!;
    if (await expectDomainErrorOr(() => undoMigration({ actorId: real.actorId, migrationId, now: model.now })))
      model.undone += 1;
    for (const [id] of model.paused) model.paused.set(id, await executedCount(id));
  }
  toString = () => "UndoLastMigration";
}

export type ContactOp = "pause" | "resume" | "reply" | "unsubscribe" | "completeTask";

export class OnContact implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly op: ContactOp,
    readonly contact: number,
  ) {}
  check = (model: Readonly<Model>) => model.enrollments.length > 0;
  async run(model: Model, real: Real) {
    const enrollment = model.enrollments[this.contact % model.enrollments.length]!;
    const contactId = real.contactIds[enrollment.contact]!;
    const base = { actorId: real.actorId, now: model.now };
    if (this.op === "pause") {
      if (await expectDomainErrorOr(() => pauseEnrollment({ ...base, enrollmentId: enrollment.id })))
        model.paused.set(enrollment.id, await executedCount(enrollment.id));
    } else if (this.op === "resume") {
      if (await expectDomainErrorOr(() => resumeEnrollment({ ...base, enrollmentId: enrollment.id })))
        model.paused.delete(enrollment.id);
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
