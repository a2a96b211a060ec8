// The production server under concurrency: for each page, `clients` signed-in clients each
// request it in a loop for `durationMs` (a client sends its next request when the previous
// response has fully arrived), over keep-alive connections of their own. Reports requests per
// second, p95 of the full response time and errors (anything but HTTP 200, or a network error).
import http from "node:http";
import { percentile } from "./stats";

export type LoadResult = { rps: number; p95: number; p50: number; errors: number; requests: number };

function getOnce(agent: http.Agent, url: string, cookie: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { agent, headers: { cookie, "accept-encoding": "identity", accept: "text/html" } },
      (res) => {
        res.on("data", () => {});
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(0));
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(0));
    req.end();
  });
}

export async function loadPage(
  url: string,
  cookie: string,
  options: { clients: number; durationMs: number; warmupMs?: number },
): Promise<LoadResult> {
  const agents = Array.from({ length: options.clients }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  try {
    // Warm-up at the same concurrency (compiled code paths, pools filled), not measured.
    const warmEnd = Date.now() + (options.warmupMs ?? 3000);
    await Promise.all(
      agents.map(async (agent) => {
        while (Date.now() < warmEnd) await getOnce(agent, url, cookie);
      }),
    );
    const times: number[] = [];
    let errors = 0;
    const start = performance.now();
    const end = start + options.durationMs;
    await Promise.all(
      agents.map(async (agent) => {
        while (performance.now() < end) {
          const t0 = performance.now();
          const status = await getOnce(agent, url, cookie);
          times.push(performance.now() - t0);
          if (status !== 200) errors += 1;
        }
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    return {
      rps: times.length / elapsed,
      p95: percentile(times, 95),
      p50: percentile(times, 50),
      errors,
      requests: times.length,
    };
  } finally {
    for (const agent of agents) agent.destroy();
  }
}
