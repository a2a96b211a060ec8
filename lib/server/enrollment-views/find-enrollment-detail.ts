import "server-only";
import { z } from "zod";
import type { EnrollmentStatus } from "@/lib/domain/enrollment-status";
import { stepStates, type StepHold } from "@/lib/domain/step-states";
import type { EnrollmentDetail, MessageDelivery, RenderedMessage, TimelineEntry } from "@/lib/views/enrollments";
import { db } from "../db";
import { prismaSql } from "@/lib/store/sql";
import { sharedVersionCache } from "@/lib/store/versions";

const TIMELINE_LIMIT = 500;
/** The page shows the first lines of a body; the message page has all of it (an email may be 100 KB). */
const BODY_SHOWN = 1_000;
const firstPart = (body: string) => (body.length > BODY_SHOWN ? `${body.slice(0, BODY_SHOWN)}…` : body);

/**
 * Everything the detail page shows about one enrollment, read from its pinned version: the
 * contact, the version badge (how far behind the active version), the steps with done / current /
 * upcoming and expected dates, the timeline (newest first) with message previews, its open task.
 */
export async function findEnrollmentDetail(id: string, now: Date = new Date()): Promise<EnrollmentDetail | null> {
  if (!z.uuid().safeParse(id).success) return null;
  const enrollment = await db().enrollment.findUnique({
    where: { id },
    include: {
      contact: {
        select: {
          id: true,
          email: true,
          firstName: true,
          lastName: true,
          phone: true,
          unsubscribedAt: true,
          timeZone: true,
          attributes: true,
        },
      },
      sequence: {
        select: { id: true, name: true, status: true, activeVersion: { select: { id: true, number: true } } },
      },
      sequenceVersion: { select: { id: true, number: true, publishedAt: true, note: true } },
    },
  });
  if (!enrollment) return null;

  const [events, messages, versions, openTask] = await Promise.all([
    db().enrollmentEvent.findMany({
      where: { enrollmentId: id },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: TIMELINE_LIMIT,
    }),
    db().message.findMany({
      where: { enrollmentId: id },
      orderBy: { id: "desc" },
      take: TIMELINE_LIMIT,
      select: {
        id: true,
        executionKey: true,
        subject: true,
        body: true,
        channel: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        sentAt: true,
        sequenceVersionId: true,
        stepKey: true,
      },
    }),
    db().sequenceVersion.findMany({ where: { sequenceId: enrollment.sequenceId }, select: { id: true, number: true } }),
    db().task.findFirst({
      where: { enrollmentId: id, completedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, title: true, note: true, createdAt: true },
    }),
  ]);

  // Migrations can move an enrollment between versions, so each event is labelled with its own
  // version. Contents come from the process's cache of immutable versions: parsed once, not per view.
  const contents = await sharedVersionCache.contents(
    prismaSql(db()),
    versions.map((v) => v.id),
  );
  const pinned = { ...enrollment.sequenceVersion, content: contents.get(enrollment.sequenceVersionId)! };
  const versionById = new Map(versions.map((v) => [v.id, { number: v.number, steps: contents.get(v.id)!.steps }]));
  const messageByExecution = new Map(messages.map((m) => [m.executionKey, m]));
  const messageById = new Map(messages.map((m) => [m.id, m]));
  const timeline: TimelineEntry[] = events.map((event) => {
    const version = event.sequenceVersionId ? versionById.get(event.sequenceVersionId) : undefined;
    const detail = (
      event.detail && typeof event.detail === "object" && !Array.isArray(event.detail) ? event.detail : {}
    ) as Record<string, unknown>;
    const linked =
      (event.executionKey ? messageByExecution.get(event.executionKey) : undefined) ??
      (typeof detail.messageId === "string" ? messageById.get(detail.messageId) : undefined);
    return {
      id: event.id,
      type: event.type,
      at: event.at,
      stepKey: event.stepKey,
      stepIndex: event.stepIndex,
      versionNumber: version?.number ?? null,
      step: version?.steps.find((s) => s.key === event.stepKey) ?? null,
      detail,
      message: linked
        ? {
            id: linked.id,
            subject: linked.subject,
            body: firstPart(linked.body),
            channel: linked.channel,
            status: linked.status,
          }
        : null,
    };
  });

  // The latest execution of each step index in the pinned version (a migration can re-run a key).
  // A task step is done when someone completes it, not when the runner created it.
  const executedAt = new Map<number, Date>();
  const completedAt = new Map<number, Date>();
  for (const event of events) {
    if (event.sequenceVersionId !== pinned.id || event.stepIndex === null) continue;
    const seen = event.type === "step_executed" ? executedAt : event.type === "task_completed" ? completedAt : null;
    if (seen && !seen.has(event.stepIndex)) seen.set(event.stepIndex, event.at);
  }
  pinned.content.steps.forEach((step, index) => {
    if (step.type !== "task") return;
    const completed = completedAt.get(index);
    if (completed) executedAt.set(index, completed);
    else executedAt.delete(index);
  });
  // Holds (send window, holiday, daily cap) and skips of the pinned version, latest first.
  const holds = new Map<number, StepHold>();
  const skipped = new Map<number, "email" | "sms">();
  for (const event of events) {
    if (event.sequenceVersionId !== pinned.id || event.stepIndex === null) continue;
    const d = (event.detail ?? {}) as Record<string, unknown>;
    if (event.type === "waited" && typeof d.reason === "string" && typeof d.until === "string") {
      if (!holds.has(event.stepIndex))
        holds.set(event.stepIndex, {
          reason: d.reason,
          until: new Date(d.until),
          timeZone: typeof d.timeZone === "string" ? d.timeZone : null,
        });
    } else if (event.type === "step_skipped" && !skipped.has(event.stepIndex)) {
      skipped.set(event.stepIndex, d.channel === "email" ? "email" : "sms");
    }
  }
  const steps = stepStates({
    steps: pinned.content.steps,
    status: enrollment.status as EnrollmentStatus,
    currentStepIndex: enrollment.currentStepIndex,
    nextRunAt: enrollment.nextRunAt,
    now,
    executedAt,
    holds,
    skipped,
  });

  // Newest first, so the first message seen for a step key of the pinned version is its latest.
  const deliveries: Record<string, MessageDelivery> = {};
  const rendered: Record<string, RenderedMessage> = {};
  for (const m of messages) {
    if (m.sequenceVersionId !== pinned.id || deliveries[m.stepKey]) continue;
    rendered[m.stepKey] = { id: m.id, channel: m.channel, subject: m.subject, body: firstPart(m.body) };
    deliveries[m.stepKey] = {
      id: m.id,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      createdAt: m.createdAt,
      sentAt: m.sentAt,
      queuedSeconds:
        m.status === "queued" ? Math.max(0, Math.floor((now.getTime() - m.createdAt.getTime()) / 1000)) : null,
    };
  }

  const active = enrollment.sequence.activeVersion;
  return {
    id: enrollment.id,
    status: enrollment.status as EnrollmentStatus,
    exitReason: enrollment.exitReason,
    enrolledAt: enrollment.enrolledAt,
    finishedAt: enrollment.finishedAt,
    nextRunAt: enrollment.nextRunAt,
    currentStepIndex: enrollment.currentStepIndex,
    contact: { ...enrollment.contact, attributes: attributesOf(enrollment.contact.attributes) },
    sequence: { id: enrollment.sequence.id, name: enrollment.sequence.name, status: enrollment.sequence.status },
    pinned: {
      id: pinned.id,
      number: pinned.number,
      publishedAt: pinned.publishedAt,
      note: pinned.note,
      settings: pinned.content.settings,
    },
    active: active ? { id: active.id, number: active.number } : null,
    versionsBehind: active ? Math.max(0, active.number - pinned.number) : 0,
    steps,
    timeline,
    timelineTruncated: events.length === TIMELINE_LIMIT,
    openTask,
    deliveries,
    rendered,
    pendingMessages: messages.filter((m) => m.status === "queued").length,
  };
}

function attributesOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
