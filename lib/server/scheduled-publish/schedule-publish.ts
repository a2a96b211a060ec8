import "server-only";
import { contentHash } from "@/lib/domain/canonical-hash";
import { localTimeToUtc } from "@/lib/domain/local-time";
import { scheduleTimeRefusal } from "@/lib/domain/scheduled-publish";
import { publishDecision, validateDraft } from "@/lib/domain/validate-draft";
import { formatDateTime } from "@/lib/domain/format-date";
import { writeAudit } from "../audit";
import { db } from "../db";
import { DomainError } from "../errors";
import { getDisplayTimeZone } from "../organization/display-time-zone";
import { checkGuardrails } from "../sequences/check-guardrails";
import { loadLintContext } from "../sequences/load-lint-context";
import { lockSequence } from "../sequences/sequence-rows";
import { queueScheduledPublishJob } from "./schedule-jobs";

export type ScheduleResult = { scheduleId: string; publishAt: Date; timeZone: string };

/**
 * Schedules the publish of the draft as it is at `revision`, bound to its content hash, at a
 * wall-clock time the user chose in their display zone. Refuses a past time, a draft that changed
 * since the user looked, an invalid draft or one a guardrail blocks now, a draft identical to the
 * active version, and a second open schedule of the same sequence.
 */
export async function schedulePublish(options: {
  actorId: string;
  sequenceId: string;
  revision: number;
  /** "YYYY-MM-DDTHH:mm" in the actor's display zone. */
  localTime: string;
  note: string;
  now?: Date;
}): Promise<ScheduleResult> {
  const timeZone = await getDisplayTimeZone(options.actorId);
  const local = localTimeToUtc(options.localTime, timeZone);
  if (!local.ok) throw new DomainError(local.error, "invalid");
  const refusal = scheduleTimeRefusal(local.at, options.now ?? new Date());
  if (refusal) throw new DomainError(refusal, "invalid");
  const publishAt = local.at;

  return db().$transaction(async (tx) => {
    const sequence = await lockSequence(tx, options.sequenceId);
    if (sequence.status === "archived")
      throw new DomainError("This sequence is archived and cannot be published.", "conflict");
    if (sequence.draft_revision !== options.revision)
      throw new DomainError(
        "The draft changed after you opened this dialog. Review the new changes and schedule again.",
        "conflict",
      );
    const validation = validateDraft(sequence.draft);
    if (!validation.ok)
      throw new DomainError(
        `The draft has ${validation.errors.length} problem(s) to fix before it can be published.`,
        "invalid",
      );
    const hash = contentHash(validation.content);
    if (sequence.active_version_id) {
      const active = await tx.sequenceVersion.findUniqueOrThrow({
        where: { id: sequence.active_version_id },
        select: { number: true, contentHash: true },
      });
      if (publishDecision({ draftHash: hash, activeHash: active.contentHash }) === "unchanged")
        throw new DomainError(`Nothing to schedule: the draft is identical to v${active.number}.`, "invalid");
    }
    // Errors block now rather than at the chosen time; warnings are recorded as acknowledged by the scheduler.
    checkGuardrails({
      content: validation.content,
      context: await loadLintContext(tx, { sequenceId: sequence.id, steps: validation.content.steps }),
    });
    const open = await tx.scheduledPublish.findFirst({
      where: { sequenceId: sequence.id, status: "scheduled" },
      select: { publishAt: true },
    });
    if (open)
      throw new DomainError(
        `A publish is already scheduled for ${formatDateTime(open.publishAt, timeZone)}. Cancel it first.`,
        "conflict",
      );
    const row = await tx.scheduledPublish.create({
      data: {
        sequenceId: sequence.id,
        draftRevision: sequence.draft_revision,
        contentHash: hash,
        publishAt,
        timeZone,
        note: options.note,
        createdById: options.actorId,
      },
      select: { id: true },
    });
    await queueScheduledPublishJob(tx, row.id, publishAt);
    await writeAudit(tx, {
      actorId: options.actorId,
      action: "sequence.schedule_publish",
      entityType: "sequence",
      entityId: sequence.id,
      summary: `Scheduled a publish of "${sequence.name}" for ${formatDateTime(publishAt, timeZone, "iana")}`,
      detail: {
        scheduleId: row.id,
        publishAt: publishAt.toISOString(),
        timeZone,
        draftRevision: sequence.draft_revision,
        contentHash: hash,
        note: options.note,
      },
    });
    return { scheduleId: row.id, publishAt, timeZone };
  });
}
