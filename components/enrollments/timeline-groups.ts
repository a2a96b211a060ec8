import type { Step } from "@/lib/domain/steps";
import type { TimelineEntry } from "@/lib/views/enrollments";

// Events about the enrollment as a whole, whatever step it stood on when they happened: they form
// their own group instead of being filed under a step.
const ENROLLMENT_LEVEL = new Set([
  "enrolled",
  "paused",
  "resumed",
  "migrated",
  "migration_undone",
  "exited",
  "completed",
  "failed",
  "unsubscribed",
  "replied",
]);

export type TimelineGroup = {
  /** "enrollment", or "<version number>:<step key>". */
  key: string;
  kind: "enrollment" | "step";
  /** The step as its version defines it (null for the enrollment group or an unknown step). */
  step: Step | null;
  stepKey: string | null;
  stepIndex: number | null;
  versionNumber: number | null;
  /** Newest first, like the page's timeline. */
  entries: TimelineEntry[];
  /** When the group last saw an event: step groups are ordered by it, newest first. */
  latest: Date;
};

/**
 * Files the timeline (newest first) under its steps: one group per step and version it ran on
 * (a migration can run the same key on two versions), plus one group for the enrollment-level
 * events, which comes first. Step groups are ordered by their latest event, newest first.
 */
export function groupTimeline(entries: readonly TimelineEntry[]): TimelineGroup[] {
  const groups = new Map<string, TimelineGroup>();
  for (const entry of entries) {
    const level = ENROLLMENT_LEVEL.has(entry.type) || entry.stepKey === null;
    const key = level ? "enrollment" : `${entry.versionNumber ?? "?"}:${entry.stepKey}`;
    let group = groups.get(key);
    if (!group) {
      group = level
        ? {
            key,
            kind: "enrollment",
            step: null,
            stepKey: null,
            stepIndex: null,
            versionNumber: null,
            entries: [],
            latest: entry.at,
          }
        : {
            key,
            kind: "step",
            step: entry.step,
            stepKey: entry.stepKey,
            stepIndex: entry.stepIndex,
            versionNumber: entry.versionNumber,
            entries: [],
            latest: entry.at,
          };
      groups.set(key, group);
    }
    group.entries.push(entry);
    if (entry.at > group.latest) group.latest = entry.at;
    if (group.stepIndex === null && entry.stepIndex !== null && group.kind === "step")
      group.stepIndex = entry.stepIndex;
  }
  return [...groups.values()].sort((a, b) =>
    a.kind !== b.kind ? (a.kind === "enrollment" ? -1 : 1) : b.latest.getTime() - a.latest.getTime(),
  );
}

/** The event types present, in order of first appearance, with how many of each. */
export function eventTypeCounts(entries: readonly TimelineEntry[]): { type: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const entry of entries) counts.set(entry.type, (counts.get(entry.type) ?? 0) + 1);
  return [...counts].map(([type, count]) => ({ type, count }));
}
