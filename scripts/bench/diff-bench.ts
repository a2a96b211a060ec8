import type { Step } from "../../lib/domain/steps";
import { diffSteps } from "../../lib/domain/version-diff";
import { median } from "./stats";

/** Two 1,000-step versions: 10 % of the steps moved, 10 % modified (deterministic). */
export function thousandStepPair(): { from: Step[]; to: Step[] } {
  const from: Step[] = Array.from({ length: 1000 }, (_, i) =>
    i % 3 === 0
      ? { key: `k${i}`, type: "wait", amount: (i % 5) + 1, unit: "days", businessDaysOnly: false }
      : {
          key: `k${i}`,
          type: "email",
          subject: `Subject number ${i}`,
          body: `Hello {{first_name}}, this is message ${i} with some words to diff.`,
        },
  );
  const to = from.map((s, i) =>
    i % 10 === 5 && s.type === "email"
      ? { ...s, subject: `${s.subject} changed` }
      : i % 10 === 5 && s.type === "wait"
        ? { ...s, amount: s.amount + 1 }
        : s,
  );
  const moved = to.filter((_, i) => i % 10 === 7);
  const rest = to.filter((_, i) => i % 10 !== 7);
  for (const [n, step] of moved.entries()) rest.splice((n * 37) % rest.length, 0, step);
  return { from, to: rest };
}

export function benchDiff(runs = 30): { diff_1000_ms: number; moved: number; modified: number } {
  const { from, to } = thousandStepPair();
  let last = diffSteps(from, to);
  for (let i = 0; i < 5; i++) last = diffSteps(from, to); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    last = diffSteps(from, to);
    times.push(performance.now() - start);
  }
  return { diff_1000_ms: median(times), moved: last.summary.moved, modified: last.summary.modified };
}
