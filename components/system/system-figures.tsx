"use client";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { formatAge, formatCount } from "@/components/ui/format";
import type { SystemFigures } from "@/lib/views/system";

const REFRESH_MS = 5_000;

async function fetchFigures(): Promise<SystemFigures> {
  const response = await fetch("/api/system", { cache: "no-store" });
  if (!response.ok) throw new Error(`The figures could not be read (${response.status}).`);
  return (await response.json()) as SystemFigures;
}

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
      {hint ? <dd className="mt-1 text-xs text-slate-500">{hint}</dd> : null}
    </div>
  );
}

export function SystemFiguresPanel({ initial }: { initial: SystemFigures }) {
  const { data, error } = useQuery({
    queryKey: ["system-figures"],
    queryFn: fetchFigures,
    initialData: initial,
    refetchInterval: REFRESH_MS,
    staleTime: 0,
  });
  const f = data;
  const t = f.workerTotals;
  const meanBatchMs = t.batches > 0 ? Math.round((t.batchSeconds / t.batches) * 1000) : null;
  return (
    <div className="space-y-8">
      <p className="text-xs text-slate-500" aria-live="polite">
        {error ? (
          <span className="text-red-700">{error.message} Showing the last figures.</span>
        ) : (
          <>
            Figures as of <DateTime value={f.at} format="time" label="short" /> (database clock)
          </>
        )}
      </p>
      <section aria-labelledby="runner">
        <h2 id="runner" className="mb-3 text-base font-semibold text-slate-900">
          Runner
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Figure label="Due enrollments" value={formatCount(f.dueEnrollments)} />
          <Figure
            label="Runner lag"
            value={f.dueEnrollments > 0 ? formatAge(f.oldestDueSeconds) : "none"}
            hint="Age of the oldest due enrollment"
          />
          <Figure label="Steps executed" value={formatCount(t.steps)} hint="By the workers listed below" />
          <Figure
            label="Mean batch"
            value={meanBatchMs === null ? "–" : `${meanBatchMs} ms`}
            hint={`${formatCount(t.batches)} batches`}
          />
        </dl>
      </section>
      <section aria-labelledby="delivery">
        <h2 id="delivery" className="mb-3 text-base font-semibold text-slate-900">
          Delivery
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Figure
            label="Queued messages"
            value={formatCount(f.queuedMessages)}
            hint={`${formatCount(f.dueMessages)} due now, ${formatCount(f.retryingMessages)} retrying`}
          />
          <Figure label="Messages sent" value={formatCount(t.messagesSent)} />
          <Figure
            label="Messages failed"
            value={formatCount(t.messagesFailed)}
            hint={`${formatCount(t.messagesRetried)} retried attempts`}
          />
          <Figure
            label="Webhook deliveries"
            value={formatCount(t.webhooksDelivered)}
            hint={`${formatCount(f.pendingWebhookDeliveries)} pending, ${formatCount(t.webhooksFailed)} given up`}
          />
        </dl>
      </section>
      <section aria-labelledby="workers">
        <h2 id="workers" className="mb-3 text-base font-semibold text-slate-900">
          Workers <span className="font-normal text-slate-500">({f.workersAlive} running)</span>
        </h2>
        <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          {f.workers.length === 0 ? (
            <p className="p-6 text-sm text-slate-600">
              No worker has reported yet. Start one with <code className="font-mono">npm run worker</code>.
            </p>
          ) : (
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3">
                    Worker
                  </th>
                  <th scope="col" className="px-4 py-3">
                    State
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Started
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Last heartbeat
                  </th>
                  <th scope="col" className="px-4 py-3 text-right">
                    Steps
                  </th>
                  <th scope="col" className="px-4 py-3 text-right">
                    Sent
                  </th>
                  <th scope="col" className="px-4 py-3 text-right">
                    Failed
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {f.workers.map((w) => (
                  <tr key={w.id} data-testid="worker-row">
                    <td className="px-4 py-2.5">
                      <p className="font-medium text-slate-900">
                        {w.host} <span className="font-mono text-xs text-slate-500">pid {w.pid}</span>
                      </p>
                      <p className="text-xs text-slate-500">version {w.version}</p>
                    </td>
                    <td className="px-4 py-2.5">
                      {w.alive ? (
                        <Badge tone="green">running</Badge>
                      ) : w.stoppedAt ? (
                        <Badge tone="slate">stopped</Badge>
                      ) : (
                        <Badge tone="red">silent</Badge>
                      )}
                    </td>
                    <td className="px-4 py-2.5 text-slate-700">
                      <DateTime value={w.startedAt} />
                    </td>
                    <td className="px-4 py-2.5 text-slate-700">
                      {w.silentSeconds < 120 ? `${Math.round(w.silentSeconds)} s` : formatAge(w.silentSeconds)} ago
                    </td>
                    <td className="px-4 py-2.5 text-right tabular-nums">{formatCount(w.steps)}</td>
                    <td className="px-4 py-2.5 text-right tabular-nums">{formatCount(w.messagesSent)}</td>
                    <td className="px-4 py-2.5 text-right tabular-nums">{formatCount(w.messagesFailed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </section>
    </div>
  );
}
