import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import { EndpointControls } from "@/components/webhooks/endpoint-controls";
import { RedeliverButton } from "@/components/webhooks/redeliver-button";
import { uuidParam } from "@/lib/server/route-params";
import { currentUser } from "@/lib/server/session";
import { findWebhookEndpoint } from "@/lib/server/webhooks/find-webhook-endpoint";
import { listWebhookDeliveries } from "@/lib/server/webhooks/list-webhook-deliveries";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const me = await currentUser();
  if (me?.role !== "admin") notFound();
  const id = uuidParam((await params).id);
  const endpoint = await findWebhookEndpoint(id);
  if (!endpoint) notFound();
  const deliveries = await listWebhookDeliveries(id);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings/webhooks" className="text-indigo-700 hover:underline">
          ← Webhooks
        </Link>
      </p>
      <PageHeader title={endpoint.url} description={endpoint.description || undefined} />
      <div className="grid gap-8 lg:grid-cols-3">
        <section aria-labelledby="deliveries" className="self-start lg:col-span-2">
          <div className="mb-3 flex items-center justify-between">
            <h2 id="deliveries" className="text-base font-semibold text-slate-900">
              Delivery log
            </h2>
            <Link href={`/settings/webhooks/${id}`} className="text-sm text-indigo-700 hover:underline">
              Refresh
            </Link>
          </div>
          {deliveries.length === 0 ? (
            <EmptyState title="Nothing delivered yet">Events this endpoint subscribes to will appear here.</EmptyState>
          ) : (
            <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
              <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="delivery-log">
                <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="px-3 py-3">
                      Event
                    </th>
                    <th scope="col" className="px-3 py-3">
                      Status
                    </th>
                    <th scope="col" className="px-3 py-3">
                      Attempts
                    </th>
                    <th scope="col" className="px-3 py-3">
                      Response
                    </th>
                    <th scope="col" className="px-3 py-3">
                      Last attempt
                    </th>
                    <th scope="col" className="px-3 py-3">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {deliveries.map((d) => (
                    <tr key={d.id} data-testid="delivery-row">
                      <td className="px-3 py-2">
                        <code className="font-mono text-xs text-slate-900">{d.eventType}</code>
                        <span className="block font-mono text-[11px] text-slate-500">{d.eventId}</span>
                      </td>
                      <td className="px-3 py-2">
                        <DeliveryStatusBadge status={d.status} />
                        {d.status === "pending" && d.attempts > 0 ? (
                          <span className="block text-xs text-slate-500">
                            next <DateTime value={d.nextAttemptAt} />
                          </span>
                        ) : null}
                      </td>
                      <td className="px-3 py-2 text-slate-700">{d.attempts}</td>
                      <td className="max-w-[14rem] px-3 py-2 text-slate-700">
                        {d.lastResponseCode ?? "—"}
                        {d.lastError ? (
                          <span className="block truncate text-xs text-red-700">{d.lastError}</span>
                        ) : null}
                      </td>
                      <td className="px-3 py-2 text-slate-700">
                        <DateTime value={d.lastAttemptAt} />
                      </td>
                      <td className="px-3 py-2 text-right">
                        {d.status === "pending" ? null : (
                          <RedeliverButton deliveryId={d.id} label={`${d.eventType} ${d.eventId}`} />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section
          aria-labelledby="endpoint-settings"
          className="space-y-4 self-start rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
        >
          <h2 id="endpoint-settings" className="text-base font-semibold text-slate-900">
            Endpoint
          </h2>
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="text-slate-500">Status</dt>
              <dd data-testid="endpoint-status">
                {endpoint.enabled ? <Badge tone="green">enabled</Badge> : <Badge tone="red">disabled</Badge>}
                {endpoint.disabledReason ? (
                  <p className="mt-1 text-xs text-red-700" data-testid="disabled-reason">
                    {endpoint.disabledReason}
                  </p>
                ) : null}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Signing secret</dt>
              <dd className="font-mono text-xs text-slate-900">
                {endpoint.secretHint}
                {endpoint.rotatingUntil ? (
                  <span className="block font-sans text-slate-500">
                    previous secret also signs until <DateTime value={endpoint.rotatingUntil} />
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Event types</dt>
              <dd className="flex flex-wrap gap-1">
                {endpoint.eventTypes.map((t) => (
                  <code key={t} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">
                    {t}
                  </code>
                ))}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Last success</dt>
              <dd className="text-slate-900">
                <DateTime value={endpoint.lastSuccessAt} />
              </dd>
            </div>
          </dl>
          <EndpointControls
            endpointId={endpoint.id}
            url={endpoint.url}
            enabled={endpoint.enabled}
            description={endpoint.description}
            eventTypes={endpoint.eventTypes}
          />
        </section>
      </div>
    </>
  );
}
