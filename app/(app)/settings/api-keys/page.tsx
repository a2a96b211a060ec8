import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CreateKeyForm } from "@/components/api-keys/create-key-form";
import { RevokeKeyButton } from "@/components/api-keys/revoke-key-button";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTime } from "@/components/ui/date-time";
import { PageHeader } from "@/components/ui/page-header";
import { listApiKeys } from "@/lib/server/api-keys/list-api-keys";
import { currentUser } from "@/lib/server/session";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const me = await currentUser();
  if (me?.role !== "admin") notFound();
  const keys = await listApiKeys();
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let other systems use the REST API under /api/v1. Each has scopes; the secret is shown once and stored only as a hash."
      />
      <p className="-mt-4 mb-6 text-sm">
        <Link href="/api-docs" className="font-medium text-indigo-700 hover:underline">
          API reference
        </Link>
        <span className="text-slate-500"> · </span>
        <a href="/api/v1/openapi.json" className="font-medium text-indigo-700 hover:underline">
          OpenAPI document
        </a>
      </p>
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="self-start overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 lg:col-span-2">
          {keys.length === 0 ? (
            <EmptyState title="No API keys yet">Create one to enroll contacts from another system.</EmptyState>
          ) : (
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                <tr>
                  <th scope="col" className="px-4 py-3">
                    Name
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Scopes
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Created
                  </th>
                  <th scope="col" className="px-4 py-3">
                    Last used
                  </th>
                  <th scope="col" className="px-4 py-3">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {keys.map((k) => (
                  <tr key={k.id} data-testid="api-key-row">
                    <td className="px-4 py-2.5">
                      <p className="font-medium text-slate-900">{k.name}</p>
                      <p className="font-mono text-xs text-slate-500">{k.prefix}…</p>
                    </td>
                    <td className="px-4 py-2.5">
                      <div className="flex flex-wrap gap-1">
                        {k.scopes.map((s) => (
                          <Badge key={s} tone="indigo">
                            {s}
                          </Badge>
                        ))}
                      </div>
                    </td>
                    <td className="px-4 py-2.5 text-slate-700">
                      <DateTime value={k.createdAt} />
                      <span className="block text-xs text-slate-500">by {k.createdBy ?? "unknown"}</span>
                    </td>
                    <td className="px-4 py-2.5 text-slate-700">
                      {k.lastUsedAt ? <DateTime value={k.lastUsedAt} /> : "Never"}
                    </td>
                    <td className="px-4 py-2.5 text-right">
                      {k.revokedAt ? (
                        <Badge tone="red">revoked</Badge>
                      ) : (
                        <RevokeKeyButton keyId={k.id} name={k.name} prefix={k.prefix} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <section
          aria-labelledby="create-key"
          className="self-start rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200"
        >
          <h2 id="create-key" className="mb-4 text-base font-semibold text-slate-900">
            Create a key
          </h2>
          <CreateKeyForm />
        </section>
      </div>
    </>
  );
}
