// The scale-up's paired rounds again, on two databases a `SCALE_KEEP_MINUTES` run kept: to time a
// change to the app against the same 1M and 10M data without seeding them again (90 minutes).
// Uses the .next-bench build as it is: run `next build` first (or a bench with BENCH_BUILD unset)
// so the build holds the change. Prints the growth and writes bench/results/scale-pairs-<time>.json.
// SMALL_URL=... SMALL_SEQUENCE=... LARGE_URL=... LARGE_SEQUENCE=... [PAIR_LABEL=...] \
//   node --conditions=react-server --import tsx scripts/bench/scale-pairs-only.ts
import path from "node:path";
import { writeJson } from "../db/database";
import { ROOT } from "../db/schema-engine";
import { BENCH_BASE } from "./page-bench";
import { measurePairs } from "./scale-pairs";
import { serverEnv } from "./scale-up";
import { round } from "./stats";

const need = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (the kept run printed it)`);
  return value;
};
const [smallUrl, largeUrl] = [need("SMALL_URL"), need("LARGE_URL")];
const pairBase = `http://127.0.0.1:${Number(new URL(BENCH_BASE).port) + 1}`;
const rounds = Number(process.env.SCALE_PAIR_ROUNDS ?? 4);
const runsPerRound = Math.ceil(Number(process.env.SCALE_PAGE_RUNS ?? 200) / rounds);
const result = await measurePairs({
  small: {
    label: "small",
    url: smallUrl,
    sequenceId: need("SMALL_SEQUENCE"),
    base: pairBase,
    env: serverEnv(smallUrl, pairBase),
  },
  large: {
    label: "large",
    url: largeUrl,
    sequenceId: need("LARGE_SEQUENCE"),
    base: BENCH_BASE,
    env: serverEnv(largeUrl),
  },
  rounds,
  runsPerRound,
  log: console.log,
});
const growth = Object.fromEntries(
  Object.keys(result.figures.large!).map((k) => [k, round(result.figures.large![k]! / result.figures.small![k]!, 3)]),
);
console.table(
  Object.fromEntries(
    Object.keys(growth).map((k) => [
      k,
      { small: round(result.figures.small![k]!, 1), large: round(result.figures.large![k]!, 1), growth: growth[k] },
    ]),
  ),
);
const stamp = new Date().toISOString();
const file = path.join(ROOT, `bench/results/scale-pairs-${stamp.slice(0, 16).replace(":", "")}.json`);
writeJson(file, {
  measured_at: stamp,
  label: process.env.PAIR_LABEL ?? null,
  rounds,
  runs_per_round: runsPerRound,
  figures: result.figures,
  p95_per_round: result.rounds,
  statements: result.statements,
  growth,
});
console.log(`Wrote ${path.relative(ROOT, file)}`);
process.exit(0);
