import "server-only";
import type { EventType } from "@/lib/generated/prisma/client";
import { lockEnrollment as lockRow, type LockedEnrollment } from "@/lib/store/claim";
import { insertEvents } from "@/lib/store/events";
import type { Sql } from "@/lib/store/sql";
import { DomainError } from "../errors";

export type { LockedEnrollment };

/** Locks one enrollment (the runner skips it until we commit) or says it no longer exists. */
export async function lockEnrollment(sql: Sql, enrollmentId: string): Promise<LockedEnrollment> {
  const row = await lockRow(sql, enrollmentId);
  if (!row) throw new DomainError("That enrollment no longer exists.", "not_found");
  return row;
}

/** A timeline row at the enrollment's current position (the store writes it). */
export function addEvent(
  sql: Sql,
  row: LockedEnrollment,
  type: EventType,
  now: Date,
  detail: Record<string, unknown> = {},
): Promise<void> {
  return insertEvents(
    sql,
    [
      {
        enrollmentId: row.id,
        versionId: row.sequence_version_id,
        stepKey: row.current_step_key,
        stepIndex: row.current_step_index,
        type,
        detail,
      },
    ],
    now,
  );
}
