import type { DraftContent } from "../../lib/domain/draft";
import { createSequence } from "../../lib/server/sequences/create-sequence";
import { publishVersion } from "../../lib/server/sequences/publish-version";
import { saveDraft } from "../../lib/server/sequences/save-draft";
import { percentile, timed } from "./stats";

function draftOf(size: number, variant: number): DraftContent {
  return {
    steps: Array.from({ length: size }, (_, i) =>
      i % 2
        ? { key: `w${i}`, type: "wait", amount: 1 + (i % 4), unit: "days", businessDaysOnly: false }
        : {
            key: `e${i}`,
            type: "email",
            subject: `Step ${i} v${variant}`,
            body: `${`Hi {{first_name}}, body of step ${i}.`.repeat(5)} {{unsubscribe_url}}`,
          },
    ),
    settings: { exitOnReply: true, exitOnUnsubscribe: true },
  };
}

/** Publishing a 200-step draft through the service (validation, hash, row lock, insert, audit). */
export async function benchPublish(
  actorId: string,
  runs = 40,
): Promise<{ publish_p95_ms: number; publish_median_ms: number }> {
  const { id } = await createSequence({ actorId, name: "Bench publish", description: "" });
  let revision = 0;
  const times: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    ({ revision } = await saveDraft({ actorId, sequenceId: id, revision, draft: draftOf(200, i) }));
    const { ms } = await timed(() => publishVersion({ actorId, sequenceId: id, note: `run ${i}` }));
    if (i >= 5) times.push(ms);
  }
  return { publish_p95_ms: percentile(times, 95), publish_median_ms: percentile(times, 50) };
}
