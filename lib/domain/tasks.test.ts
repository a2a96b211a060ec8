import { describe, expect, it } from "vitest";
import {
  defaultDueAt,
  emptyTasksTitle,
  instantToWallTime,
  isOverdue,
  NO_TASK_FILTERS,
  parseTaskFilters,
  taskFilterParams,
  wallTimeToInstant,
} from "./tasks";

const ID = "0196a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

describe("parseTaskFilters", () => {
  const cases: [string, Record<string, string | string[] | undefined>, Partial<typeof NO_TASK_FILTERS>][] = [
    ["nothing: open tasks of anyone", {}, {}],
    ["the dashboard's link", { assignee: "me", due: "overdue" }, { assignee: "me", overdue: true }],
    ["unassigned", { assignee: "none" }, { assignee: "none" }],
    ["a user id", { assignee: ID.toUpperCase() }, { assignee: { userId: ID } }],
    ["a sequence and a priority", { sequence: ID, priority: "high" }, { sequenceId: ID, priority: "high" }],
    ["completed", { status: "completed" }, { status: "completed" }],
    ["repeated parameters take the first", { priority: ["low", "high"] }, { priority: "low" }],
    [
      "unknown values are ignored",
      { assignee: "'; DROP TABLE tasks", due: "soon", sequence: "x", priority: "urgent", status: "all" },
      {},
    ],
  ];
  it.each(cases)("%s", (_name, params, expected) => {
    expect(parseTaskFilters(params)).toEqual({ ...NO_TASK_FILTERS, ...expected });
  });

  it("round-trips through URL parameters, defaults left out", () => {
    for (const [, params] of cases) {
      const filters = parseTaskFilters(params);
      expect(parseTaskFilters(taskFilterParams(filters))).toEqual(filters);
    }
    expect(taskFilterParams(NO_TASK_FILTERS)).toEqual({});
    expect(taskFilterParams(parseTaskFilters({ assignee: "me", due: "overdue" }))).toEqual({
      assignee: "me",
      due: "overdue",
    });
  });
});

describe("emptyTasksTitle", () => {
  it.each([
    [{}, "No open tasks"],
    [{ assignee: "me", due: "overdue" }, "No open tasks assigned to you are overdue"],
    [{ assignee: "none", priority: "high" }, "No high-priority open tasks without an assignee"],
    [{ status: "completed", sequence: ID }, "No completed tasks in this sequence"],
    [{ status: "completed", due: "overdue" }, "No completed tasks were overdue"],
  ])("%j -> %s", (params, title) => {
    expect(emptyTasksTitle(parseTaskFilters(params))).toBe(title);
  });
});

describe("due dates", () => {
  it("defaults to one day after creation and is overdue only while open and past due", () => {
    const created = new Date("2026-03-01T10:00:00Z");
    const due = defaultDueAt(created);
    expect(due.toISOString()).toBe("2026-03-02T10:00:00.000Z");
    expect(isOverdue({ dueAt: due, completedAt: null }, new Date("2026-03-02T09:59:59Z"))).toBe(false);
    expect(isOverdue({ dueAt: due, completedAt: null }, new Date("2026-03-02T10:00:01Z"))).toBe(true);
    expect(isOverdue({ dueAt: due, completedAt: created }, new Date("2026-04-01T00:00:00Z"))).toBe(false);
  });

  // America/New_York springs forward 2026-03-08 02:00 -> 03:00 and falls back 2026-11-01 02:00 -> 01:00.
  it.each([
    ["2026-06-15T09:30", "America/New_York", "2026-06-15T13:30:00.000Z"],
    ["2026-01-15T09:30", "America/New_York", "2026-01-15T14:30:00.000Z"],
    ["2026-01-15T09:30", "UTC", "2026-01-15T09:30:00.000Z"],
    ["2026-01-15T09:30", "Asia/Kolkata", "2026-01-15T04:00:00.000Z"],
    ["2026-03-08T02:30", "America/New_York", "2026-03-08T07:30:00.000Z"], // skipped: 03:30 EDT
    ["2026-11-01T01:30", "America/New_York", "2026-11-01T05:30:00.000Z"], // repeated: the first (EDT)
    ["2026-06-15T09:30:45", "Europe/Berlin", "2026-06-15T07:30:00.000Z"], // seconds ignored
  ])("wall time %s in %s is %s", (local, zone, iso) => {
    expect(wallTimeToInstant(local, zone)?.toISOString()).toBe(iso);
  });

  it.each(["", "2026-02-30T10:00", "2026-01-15 09:30", "2026-01-15T24:00", "tomorrow"])("refuses %j", (local) => {
    expect(wallTimeToInstant(local, "UTC")).toBeNull();
  });

  it("shows an instant as the wall time of the zone, the inverse of the conversion", () => {
    expect(instantToWallTime(new Date("2026-06-15T13:30:00Z"), "America/New_York")).toBe("2026-06-15T09:30");
    expect(instantToWallTime(new Date("2026-01-15T04:00:00Z"), "Asia/Kolkata")).toBe("2026-01-15T09:30");
    const at = new Date("2026-11-01T05:30:00Z");
    expect(wallTimeToInstant(instantToWallTime(at, "America/New_York"), "America/New_York")).toEqual(at);
  });
});
