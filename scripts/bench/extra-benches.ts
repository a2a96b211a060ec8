// The runner and page benchmarks, run by scripts/bench/run.ts after the service-level ones.
// Env: BENCH_RUNNER_COUNT (due steps per round, default 20000), BENCH_RUNNER_ROUNDS (default 3,
// the median is reported), BENCH_LARGE=0 (skip the large seed and the page benchmarks),
// BENCH_SCALE (0-1, shrinks the large seed for a quick run), BENCH_BUILD=0 (reuse .next-bench, for the pages and tracking),
// BENCH_TRACKING=0 (skip the tracking throughput bench over HTTP).
import { benchPages } from "./page-bench";
import { benchRunner } from "./runner-bench";
import { benchTracking } from "./tracking-bench";
import { benchWebhooks } from "./webhook-bench";

const log = (s: string) => console.log(s);

export async function extraBenches(options: { url: string; actorId: string }): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  if (process.env.BENCH_RUNNER !== "0") {
    Object.assign(
      results,
      await benchRunner(options.url, options.actorId, {
        count: Number(process.env.BENCH_RUNNER_COUNT ?? 20_000),
        rounds: Number(process.env.BENCH_RUNNER_ROUNDS ?? 3),
        log,
      }),
    );
  }
  if (process.env.BENCH_WEBHOOKS !== "0") {
    const count = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 5000);
    Object.assign(results, await benchWebhooks({ runtimeUrl: process.env.DATABASE_URL!, count, log }));
  }
  if (process.env.BENCH_LARGE !== "0") {
    Object.assign(
      results,
      await benchPages(options.url, {
        scale: Number(process.env.BENCH_SCALE ?? 1),
        build: process.env.BENCH_BUILD !== "0",
        log,
      }),
    );
  }
  // After the pages, so the tracking server runs the build this run made (a build left by an
  // earlier run may predate the code being measured); without the page benches it builds its own.
  if (process.env.BENCH_TRACKING !== "0") {
    const build = process.env.BENCH_LARGE === "0" && process.env.BENCH_BUILD !== "0";
    Object.assign(results, await benchTracking(options.url, options.actorId, { log, build }));
  }
  return results;
}
