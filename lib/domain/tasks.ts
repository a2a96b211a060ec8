// Manual tasks for daily use: priorities, limits, the default due date, the tasks page's filters
// (parsed from URL parameters) and the wall-clock conversion the due-date field needs.

export const TASK_PRIORITIES = ["high", "normal", "low"] as const;
export type TaskPriority = (typeof TASK_PRIORITIES)[number];

export const PRIORITY_LABELS: Record<TaskPriority, string> = { high: "High", normal: "Normal", low: "Low" };

export const TASK_LIMITS = { completionNote: 2000 } as const;

/** A task step has no due offset of its own: a new task is due one day after it is created. */
export const TASK_DEFAULT_DUE_MS = 24 * 60 * 60 * 1000;

export function defaultDueAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + TASK_DEFAULT_DUE_MS);
}

export function isOverdue(task: { dueAt: Date; completedAt: Date | null }, now: Date): boolean {
  return task.completedAt === null && task.dueAt.getTime() < now.getTime();
}

/** "me" = the signed-in user, "none" = unassigned, a user id, or null = anyone. */
export type AssigneeFilter = "me" | "none" | { userId: string } | null;

export type TaskFilters = {
  assignee: AssigneeFilter;
  overdue: boolean;
  sequenceId: string | null;
  priority: TaskPriority | null;
  status: "open" | "completed";
};

export const NO_TASK_FILTERS: TaskFilters = {
  assignee: null,
  overdue: false,
  sequenceId: null,
  priority: null,
  status: "open",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Params = Record<string, string | string[] | undefined>;

function first(params: Params, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The tasks page's filters from its URL (`assignee=me|none|<user id>`, `due=overdue`,
 * `sequence=<id>`, `priority=high|normal|low`, `status=open|completed`). Anything unknown is
 * ignored rather than refused: a hand-edited URL still shows a list.
 */
export function parseTaskFilters(params: Params): TaskFilters {
  const assignee = first(params, "assignee");
  const sequence = first(params, "sequence");
  const priority = first(params, "priority");
  const status = first(params, "status");
  return {
    assignee:
      assignee === "me" || assignee === "none"
        ? assignee
        : assignee && UUID.test(assignee)
          ? { userId: assignee.toLowerCase() }
          : null,
    overdue: first(params, "due") === "overdue",
    sequenceId: sequence && UUID.test(sequence) ? sequence.toLowerCase() : null,
    priority: TASK_PRIORITIES.find((p) => p === priority) ?? null,
    status: status === "completed" ? "completed" : "open",
  };
}

/** The URL parameters of a set of filters (defaults left out), in a stable order. */
export function taskFilterParams(filters: TaskFilters): Record<string, string> {
  const out: Record<string, string> = {};
  if (filters.assignee === "me" || filters.assignee === "none") out.assignee = filters.assignee;
  else if (filters.assignee) out.assignee = filters.assignee.userId;
  if (filters.overdue) out.due = "overdue";
  if (filters.sequenceId) out.sequence = filters.sequenceId;
  if (filters.priority) out.priority = filters.priority;
  if (filters.status === "completed") out.status = "completed";
  return out;
}

/** Words for the empty state of a filtered list ("No open tasks assigned to you are overdue"). */
export function emptyTasksTitle(filters: TaskFilters): string {
  const what = filters.status === "completed" ? "completed" : "open";
  const parts = [
    `No ${filters.priority ? `${PRIORITY_LABELS[filters.priority].toLowerCase()}-priority ` : ""}${what} tasks`,
  ];
  if (filters.assignee === "me") parts.push("assigned to you");
  else if (filters.assignee === "none") parts.push("without an assignee");
  else if (filters.assignee) parts.push("for that assignee");
  if (filters.sequenceId) parts.push("in this sequence");
  let title = parts.join(" ");
  if (filters.overdue) title += filters.status === "completed" ? " were overdue" : " are overdue";
  return title;
}

function zoneOffsetMs(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time ("2026-03-08T02:30", what a datetime-local field gives) names in
 * `zone`. A time skipped by a DST jump moves forward by the jump; a repeated one takes the first.
 * Null for anything that is not such a time.
 */
export function wallTimeToInstant(local: string, zone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // Two passes: the offset at the first guess may differ from the offset at the answer near a jump.
  const before = zoneOffsetMs(wall - zoneOffsetMs(wall, zone), zone);
  const candidates = [wall - zoneOffsetMs(wall, zone), wall - before].sort((a, b) => a - b);
  const exact = candidates.find((c) => c + zoneOffsetMs(c, zone) === wall);
  return new Date(exact ?? Math.max(...candidates));
}

/** The wall-clock time of an instant in `zone`, as a datetime-local field wants it. */
export function instantToWallTime(at: Date, zone: string): string {
  const shifted = new Date(at.getTime() + zoneOffsetMs(at.getTime(), zone));
  return shifted.toISOString().slice(0, 16);
}
