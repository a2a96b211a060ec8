import "server-only";
import type { ScheduledPublishView } from "@/lib/views/scheduled-publish";
import { db } from "../db";

/** The sequence page's schedules: the open one (if any) and the few latest ended ones with their reasons. */
export async function listScheduledPublishes(sequenceId: string, limit = 5): Promise<ScheduledPublishView[]> {
  const rows = await db().scheduledPublish.findMany({
    where: { sequenceId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      status: true,
      publishAt: true,
      timeZone: true,
      note: true,
      reason: true,
      draftRevision: true,
      createdAt: true,
      finishedAt: true,
      createdBy: { select: { name: true } },
      publishedVersion: { select: { number: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    publishAt: r.publishAt,
    timeZone: r.timeZone,
    note: r.note,
    reason: r.reason,
    draftRevision: r.draftRevision,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    createdBy: r.createdBy.name,
    publishedVersion: r.publishedVersion?.number ?? null,
  }));
}
