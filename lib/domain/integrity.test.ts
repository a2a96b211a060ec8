import { describe, expect, it } from "vitest";
import { contentHash } from "./canonical-hash";
import { checkTimeline, versionHashMatches, type TimelineEvent } from "./integrity";
import { versionContentSchema } from "./steps";

const migrations = new Map([
  ["m1", { fromVersionId: "A", toVersionId: "B" }],
  ["m2", { fromVersionId: "B", toVersionId: "C" }],
]);
const label = (id: string) => `v${id}`;
let n = 0;
const ev = (type: string, versionId: string | null, detail: unknown = {}): TimelineEvent => ({
  id: `e${++n}`,
  type,
  versionId,
  detail,
});

function check(events: TimelineEvent[], currentVersionId: string) {
  return checkTimeline({ enrollmentId: "x", currentVersionId, events, migrations, label });
}

describe("checkTimeline", () => {
  it.each([
    ["a pinned enrollment", [ev("enrolled", "A"), ev("step_executed", "A"), ev("waited", "A")], "A"],
    [
      "a recorded migration",
      [ev("enrolled", "A"), ev("migrated", "B", { migrationId: "m1" }), ev("step_executed", "B")],
      "B",
    ],
    [
      "an exit by migration stays on the source",
      [ev("enrolled", "A"), ev("migrated", "A", { migrationId: "m1", outcome: "exited" }), ev("exited", "A")],
      "A",
    ],
    [
      "a migration and its undo",
      [
        ev("enrolled", "A"),
        ev("migrated", "B", { migrationId: "m1" }),
        ev("migration_undone", "A", { migrationId: "m1" }),
      ],
      "A",
    ],
    [
      "two migrations in a row",
      [ev("enrolled", "A"), ev("migrated", "B", { migrationId: "m1" }), ev("migrated", "C", { migrationId: "m2" })],
      "C",
    ],
    [
      "a message queued on A and sent after the move to B",
      [
        ev("enrolled", "A"),
        ev("migrated", "B", { migrationId: "m1" }),
        ev("message_sent", "A"),
        ev("link_clicked", "A"),
      ],
      "B",
    ],
    ["events without a version", [ev("enrolled", "A"), ev("unsubscribed", null)], "A"],
  ])("passes: %s", (_name, events, current) => {
    expect(check(events, current).offenses).toEqual([]);
  });

  it.each([
    [
      "an event on another version",
      [ev("enrolled", "A"), ev("step_executed", "B")],
      "A",
      /step_executed event is on vB while the enrollment was on vA/,
    ],
    [
      "a version change without a migration",
      [ev("enrolled", "A"), ev("step_executed", "A")],
      "B",
      /changed version without a recorded migration/,
    ],
    [
      "a migrated event naming no migration",
      [ev("enrolled", "A"), ev("migrated", "B", { migrationId: "nope" })],
      "B",
      /names no recorded migration/,
    ],
    [
      "a migration from another version",
      [ev("enrolled", "C"), ev("migrated", "B", { migrationId: "m1" })],
      "B",
      /moves vC to vB, but its migration goes from vA to vB/,
    ],
    ["a message on a version never held", [ev("enrolled", "A"), ev("message_sent", "C")], "A", /never been on/],
  ])("fails: %s", (_name, events, current, problem) => {
    const { offenses } = check(events, current);
    expect(offenses).toHaveLength(1);
    expect(offenses[0]!.problem).toMatch(problem);
  });

  it("counts events checked and version changes", () => {
    const result = check([ev("enrolled", "A"), ev("migrated", "B", { migrationId: "m1" }), ev("completed", "B")], "B");
    expect(result).toMatchObject({ checkedEvents: 3, versionChanges: 1 });
  });
});

describe("versionHashMatches", () => {
  const content = {
    steps: [{ key: "a", type: "email", subject: "Hi", body: "Hello {{unsubscribe_url}}" }],
    settings: { exitOnReply: true, exitOnUnsubscribe: true },
  };
  it("matches the hash publishing stored, and not after a change", () => {
    const hash = contentHash(versionContentSchema.parse(content));
    expect(versionHashMatches(content, hash)).toBe(true);
    expect(versionHashMatches({ ...content, steps: [{ ...content.steps[0], subject: "Tampered" }] }, hash)).toBe(false);
    expect(versionHashMatches({ steps: "garbage" }, hash)).toBe(false);
  });
});
