import "server-only";
import { db } from "../db";

/**
 * A sequence's published version numbers and notes, newest first: what the compare page's pickers
 * need, without listVersions' per-version enrollment counts (a scan of every enrollment).
 */
export async function listVersionLabels(sequenceId: string): Promise<{ number: number; note: string }[]> {
  return db().sequenceVersion.findMany({
    where: { sequenceId },
    select: { number: true, note: true },
    orderBy: { number: "desc" },
  });
}
