import "server-only";
import type { DueMessages } from "@/lib/views/dashboard";
import { countCache } from "../cache/count-reuse";
import { db } from "../db";

// With `reuse` (the dashboard), a large count is reused for a short while (cache/count-reuse.ts),
// with the window it was counted for.
const cache = countCache<DueMessages>((due) => due.total);

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Messages due in the next 24 hours, approximated as active enrollments whose next run is before
 * now + 24 h (overdue ones included) and whose next step, in their pinned version, is an email or
 * an SMS. Only that one next step is counted: an email followed at once by another counts once.
 * The range is read from the partial index enrollments_due (which INCLUDEs version and step index),
 * grouped by (version, step index) before the few version rows are joined, so each version's
 * content is read once, not per row.
 */
export async function countDueMessages(options: { now?: Date; reuse?: boolean } = {}): Promise<DueMessages> {
  const until = new Date((options.now ?? new Date()).getTime() + DAY_MS);
  if (!options.reuse) return countDue(until);
  const entry = cache.get("due", () => countDue(until));
  return { ...(await entry.value), ageMs: Date.now() - entry.at };
}

async function countDue(until: Date): Promise<DueMessages> {
  const rows = await db().$queryRaw<{ channel: string; n: bigint }[]>`
    SELECT v.content -> 'steps' -> d.current_step_index ->> 'type' AS channel, sum(d.n)::bigint AS n
    FROM (
      SELECT e.sequence_version_id, e.current_step_index, count(*) AS n
      FROM enrollments e
      WHERE e.status = 'active' AND e.next_run_at IS NOT NULL AND e.next_run_at < ${until}
      GROUP BY e.sequence_version_id, e.current_step_index
    ) d JOIN sequence_versions v ON v.id = d.sequence_version_id
    GROUP BY 1`;
  const of = (channel: string) => Number(rows.find((r) => r.channel === channel)?.n ?? 0);
  const email = of("email");
  const sms = of("sms");
  return { total: email + sms, email, sms, until, ageMs: 0 };
}
