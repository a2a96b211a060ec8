import { transition } from "@/lib/domain/enrollment-machine";
import { lockEnrollments, stateOf } from "./claim";
import { insertEvents } from "./events";
import { saveStates, type StateSave } from "./save-state";
import type { Sql } from "./sql";

/**
 * Fails enrollments whose delivery failed for good, through `transition({type:"deliveryFailed"})`
 * with a `failed` timeline row each. One reason per enrollment (the first is the one recorded);
 * an enrollment that already exited (unsubscribe, unenroll) keeps its outcome.
 */
export async function failEnrollmentsForDelivery(
  sql: Sql,
  reasons: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  if (reasons.size === 0) return;
  const rows = await lockEnrollments(sql, [...reasons.keys()]);
  const saves: StateSave[] = [];
  for (const row of rows) {
    const reason = reasons.get(row.id)!;
    const result = transition(stateOf(row), { type: "deliveryFailed", reason });
    if (result.ok)
      saves.push({
        id: row.id,
        versionId: row.sequence_version_id,
        pass: row.pass,
        stepKey: row.current_step_key,
        state: result.state,
      });
  }
  await saveStates(sql, saves, now);
  await insertEvents(
    sql,
    saves.map((s) => ({
      enrollmentId: s.id,
      versionId: s.versionId,
      stepKey: s.stepKey,
      stepIndex: null,
      type: "failed",
      detail: { reason: s.state.exitReason },
    })),
    now,
  );
}
