import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { EndpointForm } from "@/components/webhooks/endpoint-form";
import { currentUser } from "@/lib/server/session";
import { listWebhookEndpoints } from "@/lib/server/webhooks/list-webhook-endpoints";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const me = await currentUser();
  if (me?.role !== "admin") notFound();
  const endpoints = await listWebhookEndpoints();
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Signed HTTP callbacks (Standard Webhooks) when versions are published, contacts enroll, messages go out and tasks change."
      />
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="self-start lg:col-span-2">
          {endpoints.length === 0 ? (
            <EmptyState title="No endpoints yet">
              Add one to have Sequencer tell another system what happens.
            </EmptyState>
          ) : (
            <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="px-4 py-3">
                      Endpoint
                    </th>
                    <th scope="col" className="px-4 py-3">
                      Status
                    </th>
                    <th scope="col" className="px-4 py-3">
                      Events
                    </th>
                    <th scope="col" className="px-4 py-3">
                      Queue
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {endpoints.map((e) => (
                    <tr key={e.id}>
                      <td className="max-w-xs px-4 py-2.5">
                        <Link
                          href={`/settings/webhooks/${e.id}`}
                          className="block truncate font-medium text-indigo-700 hover:underline"
                        >
                          {e.url}
                        </Link>
                        {e.description ? <span className="text-xs text-slate-500">{e.description}</span> : null}
                      </td>
                      <td className="px-4 py-2.5">
                        {e.enabled ? <Badge tone="green">enabled</Badge> : <Badge tone="red">disabled</Badge>}
                        {e.disabledReason ? (
                          <p className="mt-1 max-w-xs text-xs text-red-700">{e.disabledReason}</p>
                        ) : null}
                      </td>
                      <td className="px-4 py-2.5 text-slate-700">{e.eventTypes.length}</td>
                      <td className="px-4 py-2.5 text-slate-700">
                        {e.pending} pending{e.failed ? `, ${e.failed} failed` : ""}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <section
          aria-labelledby="add-endpoint"
          className="self-start rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
        >
          <h2 id="add-endpoint" className="mb-4 text-base font-semibold text-slate-900">
            Add an endpoint
          </h2>
          <EndpointForm />
        </section>
      </div>
    </>
  );
}
