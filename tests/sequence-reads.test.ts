import { afterAll, beforeAll, describe, expect, it } from "vitest";
// First, so its next-auth mock is in place before the actions load.
import { signInAs } from "./support/session";
import { publishImpactAction } from "@/lib/actions/sequence-reads";
import { db } from "@/lib/server/db";
import type { SessionUser } from "@/lib/server/session";
import { enrollContacts } from "@/lib/server/sequences/enroll-contacts";
import { publishVersion } from "@/lib/server/sequences/publish-version";
import { saveDraft } from "@/lib/server/sequences/save-draft";
import { makeUser } from "./support/factories";
import { currentDraft, makeContacts, makeSequenceWithDraft } from "./support/sequences";

let editor: SessionUser;
let viewer: SessionUser;

beforeAll(async () => {
  editor = await makeUser("editor");
  viewer = await makeUser("viewer");
});
afterAll(async () => {
  await db().$disconnect();
});

describe("publish dialog in-flight impact", () => {
  it("counts contacts per pinned version and current step, naming each step from its own version", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v1" });
    const onV1 = await makeContacts(3);
    await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: onV1 });
    // Two of the v1 contacts have advanced to the third step ("tips").
    await db().enrollment.updateMany({
      where: { sequenceId: seq.id, contactId: { in: onV1.slice(0, 2) } },
      data: { currentStepIndex: 2, currentStepKey: "tips" },
    });

    // v2 drops the intro, so step 1 of v2 is a different step than step 1 of v1.
    const { draft, revision } = await currentDraft(seq.id);
    await saveDraft({
      actorId: editor.id,
      sequenceId: seq.id,
      revision,
      draft: { ...draft, steps: draft.steps.slice(1) },
    });
    await publishVersion({ actorId: editor.id, sequenceId: seq.id, note: "v2" });
    const onV2 = await makeContacts(1);
    await enrollContacts({ actorId: editor.id, sequenceId: seq.id, contactIds: onV2 });

    signInAs(viewer);
    const result = await publishImpactAction({ sequenceId: seq.id });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const summary = result.data.map((v) => ({
      version: v.versionNumber,
      total: v.total,
      steps: v.steps.map((s) => [s.stepIndex, s.step?.key ?? null, s.count]),
    }));
    expect(summary).toEqual([
      { version: 2, total: 1, steps: [[0, "wait1", 1]] },
      {
        version: 1,
        total: 3,
        steps: [
          [0, "intro", 1],
          [2, "tips", 2],
        ],
      },
    ]);
  });

  it("is empty when nobody is in flight, and refuses anonymous callers", async () => {
    const seq = await makeSequenceWithDraft(editor.id);
    signInAs(viewer);
    expect(await publishImpactAction({ sequenceId: seq.id })).toEqual({ ok: true, data: [] });
    signInAs(null);
    const anonymous = await publishImpactAction({ sequenceId: seq.id });
    expect(anonymous.ok).toBe(false);
  });
});
