import { insertEvents, type NewEvent } from "./events";
import { insertMessages, type NewMessage } from "./messages";
import { saveStates, type StateSave } from "./save-state";
import type { Sql } from "./sql";
import { insertTasks, type NewTask } from "./tasks";

export type RunnerWrites = { events: readonly NewEvent[]; messages: readonly NewMessage[]; tasks: readonly NewTask[]; saves: readonly StateSave[] };

/**
 * Writes a planned runner batch with one set-based statement per table, so a batch of 500
 * enrollments costs a handful of round trips, not thousands. Returns the ids of the messages
 * actually inserted (they need delivery).
 */
export async function writeRunnerBatch(sql: Sql, writes: RunnerWrites, now: Date): Promise<string[]> {
  await insertEvents(sql, writes.events, now);
  const messageIds = await insertMessages(sql, writes.messages, now);
  await insertTasks(sql, writes.tasks, now);
  await saveStates(sql, writes.saves, now);
  return messageIds;
}
