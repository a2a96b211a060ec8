import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// Metrics held in this process's memory (prom-client): HTTP request durations of the route
// handlers and server actions this process served, and Node's own process metrics. Figures about
// the work (due enrollments, queues, what workers did) come from the database at scrape time
// (lib/server/system/read-system-figures.ts), since any app server may be the one scraped.

type ProcessMetrics = { registry: Registry; httpDuration: Histogram<"route" | "method" | "status">; errors: Counter };
const holder = globalThis as unknown as { sequencerMetrics?: ProcessMetrics };

export function processMetrics(): ProcessMetrics {
  if (holder.sequencerMetrics) return holder.sequencerMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "sequencer_" });
  const httpDuration = new Histogram({
    name: "sequencer_http_request_duration_seconds",
    help: "Duration of route handlers (/api/*) and server actions, by route template, method and status",
    labelNames: ["route", "method", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({
    name: "sequencer_http_errors_total",
    help: "Requests answered with an unexpected (logged) error",
    registers: [registry],
  });
  holder.sequencerMetrics = { registry, httpDuration, errors };
  return holder.sequencerMetrics;
}

export function observeRequest(route: string, method: string, status: number | string, seconds: number): void {
  const { httpDuration, errors } = processMetrics();
  httpDuration.observe({ route, method, status: String(status) }, seconds);
  if (String(status) === "500" || status === "internal") errors.inc();
}
