import "server-only";
import type { RecentFailures } from "@/lib/views/dashboard";
import { db } from "../db";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Failures of the last 24 hours: messages that failed for good and were created in that window
 * (a message has no failure time of its own; retries end within hours) and enrollments that
 * ended as failed in it. Both read small partial indexes (messages_failed_recent, enrollments_failed_recent).
 */
export async function countRecentFailures(options: { now?: Date } = {}): Promise<RecentFailures> {
  const since = new Date((options.now ?? new Date()).getTime() - DAY_MS);
  const [row] = await db().$queryRaw<{ messages: bigint; enrollments: bigint }[]>`
    SELECT (SELECT count(*) FROM messages WHERE status = 'failed' AND created_at >= ${since}) AS messages,
           (SELECT count(*) FROM enrollments WHERE status = 'failed' AND finished_at >= ${since}) AS enrollments`;
  return { since, messages: Number(row?.messages ?? 0), enrollments: Number(row?.enrollments ?? 0) };
}
