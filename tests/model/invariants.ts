import { contentHash } from "@/lib/domain/canonical-hash";
import { renderTemplate } from "@/lib/domain/render-template";
import { versionContentSchema } from "@/lib/domain/steps";
import { db } from "@/lib/server/db";
import type { Model, Real } from "./pinning-model";

function fail(message: string): never {
  throw new Error(`Invariant broken: ${message}`);
}

/** What must hold after any sequence of operations (no migrations in the mix). */
export async function checkInvariants(model: Model, real: Real): Promise<void> {
  // Published versions never change: same numbers, same content, hash recomputes.
  const versions = await db().sequenceVersion.findMany({ where: { sequenceId: real.sequenceId }, orderBy: { number: "asc" } });
  if (versions.length !== model.versions.length) fail(`expected ${model.versions.length} versions, found ${versions.length}`);
  const contentById = new Map<string, ReturnType<typeof versionContentSchema.parse>>();
  versions.forEach((v, i) => {
    const expected = model.versions[i]!;
    const content = versionContentSchema.parse(v.content);
    if (v.id !== expected.id || v.number !== i + 1) fail(`version ${i + 1} is not the one published`);
    if (JSON.stringify(content) !== JSON.stringify(expected.content)) fail(`v${v.number} content changed`);
    if (contentHash(content) !== v.contentHash) fail(`v${v.number} hash does not recompute`);
    contentById.set(v.id, content);
  });

  const rows = await db().enrollment.findMany({ where: { sequenceId: real.sequenceId }, include: { contact: true } });
  if (rows.length !== model.enrollments.length) fail(`expected ${model.enrollments.length} enrollments, found ${rows.length}`);
  for (const row of rows) {
    const expected = model.enrollments.find((e) => e.id === row.id) ?? fail(`unknown enrollment ${row.id}`);
    // Enrollments without a migration never change version.
    if (row.sequenceVersionId !== expected.versionId) fail(`enrollment ${row.id} moved from its pinned version`);
    const steps = contentById.get(row.sequenceVersionId)?.steps ?? fail("pinned version missing");
    const executed = await db().enrollmentEvent.findMany({ where: { enrollmentId: row.id, type: "step_executed" }, orderBy: [{ stepIndex: "asc" }] });
    executed.forEach((event, i) => {
      // In the pinned version's order, none skipped, none repeated, every one from that version.
      if (event.stepIndex !== i) fail(`enrollment ${row.id}: step index ${event.stepIndex} where ${i} was due`);
      if (event.sequenceVersionId !== row.sequenceVersionId) fail(`enrollment ${row.id}: a step ran from another version`);
      if (event.stepKey !== steps[i]?.key) fail(`enrollment ${row.id}: step ${i} ran key ${event.stepKey}, version has ${steps[i]?.key}`);
      if (i > 0 && event.at < executed[i - 1]!.at) fail(`enrollment ${row.id}: steps ran out of order in time`);
    });
    if (row.currentStepIndex !== executed.length) fail(`enrollment ${row.id}: at step ${row.currentStepIndex} after ${executed.length} executions`);
    const messages = await db().message.findMany({ where: { enrollmentId: row.id } });
    const sent = steps.slice(0, executed.length).filter((s) => s.type === "email" || s.type === "sms");
    if (messages.length !== sent.length) fail(`enrollment ${row.id}: ${messages.length} messages for ${sent.length} message steps`);
    for (const message of messages) {
      const step = sent.find((s) => s.key === message.stepKey) ?? fail(`message for a step that did not run: ${message.stepKey}`);
      if (message.sequenceVersionId !== row.sequenceVersionId) fail("message from another version");
      const contact = { email: row.contact.email, firstName: row.contact.firstName, lastName: row.contact.lastName, phone: row.contact.phone };
      if (step.type === "email" && message.subject !== renderTemplate(step.subject, contact)) fail(`message subject is not the pinned version's`);
    }
  }
}
