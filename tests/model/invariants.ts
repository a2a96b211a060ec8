import { contentHash } from "@/lib/domain/canonical-hash";
import { renderTemplate } from "@/lib/domain/render-template";
import { effectiveZone, nextWindowOpening } from "@/lib/domain/send-window";
import { versionContentSchema, type VersionContent } from "@/lib/domain/steps";
import { db } from "@/lib/server/db";
import type { Model, Real } from "./pinning-model";

function fail(message: string): never {
  throw new Error(`Invariant broken: ${message}`);
}

/**
 * What must hold after any sequence of operations. Each enrollment's timeline is replayed in
 * insertion order (uuidv7 ids): a step may only run from the version the enrollment is on at that
 * moment, at the next index of that version, and only an operator migration (or its undo) changes
 * the version or the position.
 */
export async function checkInvariants(model: Model, real: Real): Promise<void> {
  // Published versions never change: same numbers, same content, hash recomputes.
  const versions = await db().sequenceVersion.findMany({
    where: { sequenceId: real.sequenceId },
    orderBy: { number: "asc" },
  });
  if (versions.length !== model.versions.length)
    fail(`expected ${model.versions.length} versions, found ${versions.length}`);
  const contentById = new Map<string, VersionContent>();
  versions.forEach((v, i) => {
    const expected = model.versions[i]!;
    const content = versionContentSchema.parse(v.content);
    if (v.id !== expected.id || v.number !== i + 1) fail(`version ${i + 1} is not the one published`);
    if (JSON.stringify(content) !== JSON.stringify(expected.content)) fail(`v${v.number} content changed`);
    if (contentHash(content) !== v.contentHash) fail(`v${v.number} hash does not recompute`);
    contentById.set(v.id, content);
  });
  const stepsOf = (versionId: string) => contentById.get(versionId)?.steps ?? fail(`unknown version ${versionId}`);
  const settingsOf = (versionId: string) =>
    contentById.get(versionId)?.settings ?? fail(`unknown version ${versionId}`);
  const org = await db().organizationSettings.findUnique({ where: { id: true } });
  // A contact's zone and phone at a model instant (SetContact moves time, so this is unambiguous).
  const contactAt = (contact: number, at: Date) => {
    let current = { zone: null as string | null, hasPhone: true };
    for (const change of model.contactHistory.get(contact) ?? []) if (change.from <= at) current = change;
    return current;
  };

  const rows = await db().enrollment.findMany({ where: { sequenceId: real.sequenceId }, include: { contact: true } });
  if (rows.length !== model.enrollments.length)
    fail(`expected ${model.enrollments.length} enrollments, found ${rows.length}`);
  // One query per table for the whole run, grouped here: the check runs after every model run.
  const allEvents = await db().enrollmentEvent.findMany({
    where: {
      enrollment: { sequenceId: real.sequenceId },
      type: { in: ["step_executed", "step_skipped", "migrated", "migration_undone"] },
    },
    orderBy: { id: "asc" },
  });
  const allMessages = await db().message.findMany({ where: { enrollment: { sequenceId: real.sequenceId } } });
  const byEnrollment = <T extends { enrollmentId: string }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(item.enrollmentId, [...(map.get(item.enrollmentId) ?? []), item]);
    return map;
  };
  const eventsOf = byEnrollment(allEvents);
  const messagesOf = byEnrollment(allMessages);
  for (const row of rows) {
    const expected = model.enrollments.find((e) => e.id === row.id) ?? fail(`unknown enrollment ${row.id}`);
    const events = eventsOf.get(row.id) ?? [];
    let version = expected.versionId;
    let index = 0;
    const executions = new Map<string, { versionId: string; stepKey: string }>();
    for (const event of events) {
      if (event.type === "step_executed" || event.type === "step_skipped") {
        const steps = stepsOf(version);
        if (event.sequenceVersionId !== version) fail(`enrollment ${row.id}: a step ran from a version it was not on`);
        if (event.stepIndex !== index)
          fail(`enrollment ${row.id}: step index ${event.stepIndex} where ${index} was due`);
        if (event.stepKey !== steps[index]?.key)
          fail(`enrollment ${row.id}: step ${index} ran key ${event.stepKey}, version has ${steps[index]?.key}`);
        if (executions.has(event.executionKey ?? ""))
          fail(`enrollment ${row.id}: execution ${event.executionKey} repeated`);
        if (event.type === "step_executed")
          executions.set(event.executionKey ?? "", { versionId: version, stepKey: event.stepKey ?? "" });
        else {
          // Only a message step is ever skipped, and only for a contact without that address.
          const skipped = steps[index];
          if (skipped?.type !== "sms" && skipped?.type !== "email")
            fail(`enrollment ${row.id}: skipped a ${skipped?.type} step`);
          if (skipped.type === "sms" && contactAt(expected.contact, event.at).hasPhone)
            fail(`enrollment ${row.id}: skipped an SMS to a contact with a phone`);
          executions.set(event.executionKey ?? "", { versionId: version, stepKey: "" });
        }
        index += 1;
      } else {
        // migrated / migration_undone: the only events that may change version or position.
        version = event.sequenceVersionId ?? fail("migration event without a version");
        index = event.stepIndex ?? fail("migration event without a step index");
      }
    }
    if (row.sequenceVersionId !== version) fail(`enrollment ${row.id} changed version without a migration`);
    if (row.currentStepIndex !== index)
      fail(`enrollment ${row.id}: at step ${row.currentStepIndex}, its timeline says ${index}`);
    // Completion means every step of the version it is on ran (or a migration landed it past the end).
    if (row.status === "completed" && index !== stepsOf(version).length)
      fail(`enrollment ${row.id} completed after ${index} of ${stepsOf(version).length} steps`);

    // Every message belongs to one execution, with that execution's version and rendered content.
    const messages = messagesOf.get(row.id) ?? [];
    const messageSteps = [...executions.entries()].filter(([, e]) =>
      ["email", "sms"].includes(stepsOf(e.versionId).find((s) => s.key === e.stepKey)?.type ?? ""),
    );
    if (messages.length !== messageSteps.length)
      fail(`enrollment ${row.id}: ${messages.length} messages for ${messageSteps.length} message steps`);
    const contact = {
      email: row.contact.email,
      firstName: row.contact.firstName,
      lastName: row.contact.lastName,
      phone: row.contact.phone,
    };
    for (const message of messages) {
      // Sent inside the pinned version's send window, in the contact's zone at that moment.
      const settings = settingsOf(message.sequenceVersionId);
      if (settings.sendWindow) {
        const zone = effectiveZone(contactAt(expected.contact, message.createdAt).zone, org?.timeZone);
        const rules = { window: settings.sendWindow, holidays: new Set(settings.holidays ?? []) };
        if (nextWindowOpening(message.createdAt, zone, rules).reason !== "open")
          fail(`message ${message.id} went out at ${message.createdAt.toISOString()}, outside the window in ${zone}`);
      }
      const execution =
        executions.get(message.executionKey) ??
        fail(`message for an execution that did not happen: ${message.executionKey}`);
      if (message.sequenceVersionId !== execution.versionId || message.stepKey !== execution.stepKey)
        fail("message does not match its execution's version and step");
      const step = stepsOf(execution.versionId).find((s) => s.key === execution.stepKey);
      if (step?.type === "email" && message.subject !== renderTemplate(step.subject, contact))
        fail("message subject is not the executing version's");
    }
  }

  // Daily caps: counted per UTC day here (the organisation's zone in tests). A batch's messages share
  // one created_at, so this checks that each email had room under its version's cap counting the
  // emails of earlier batches that day, and that no day holds more than the largest cap of its versions.
  if ((org?.timeZone ?? "UTC") === "UTC") {
    const days = new Map<string, { at: number; cap: number | undefined }[]>();
    for (const message of allMessages) {
      if (message.channel !== "email") continue;
      const day = message.createdAt.toISOString().slice(0, 10);
      const list = days.get(day) ?? [];
      list.push({ at: message.createdAt.getTime(), cap: settingsOf(message.sequenceVersionId).dailyCap?.email });
      days.set(day, list);
    }
    for (const [day, list] of days) {
      const caps = list.map((m) => m.cap);
      if (caps.every((c) => c !== undefined) && list.length > Math.max(...(caps as number[])))
        fail(`${list.length} emails on ${day}, over every cap of their versions`);
      for (const m of list) {
        const before = list.filter((o) => o.at < m.at).length;
        if (m.cap !== undefined && before + 1 > m.cap)
          fail(`an email on ${day} went out over its version's cap of ${m.cap}`);
      }
    }
  }
}
