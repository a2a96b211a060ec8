import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listContacts } from "@/lib/server/contacts/list-contacts";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage() {
  const contacts = await listContacts({ limit: 50 });
  return (
    <>
      <PageHeader title="Contacts" description="People you can enroll in sequences." />
      {contacts.length === 0 ? (
        <EmptyState title="No contacts yet">Contacts you add or import will appear here.</EmptyState>
      ) : (
        <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3">Name</th>
                <th scope="col" className="px-4 py-3">Email</th>
                <th scope="col" className="px-4 py-3">Phone</th>
                <th scope="col" className="px-4 py-3">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {contacts.map((c) => (
                <tr key={c.id}>
                  <td className="px-4 py-2.5 font-medium text-slate-900">{[c.firstName, c.lastName].filter(Boolean).join(" ") || "—"}</td>
                  <td className="px-4 py-2.5 text-slate-700">{c.email}</td>
                  <td className="px-4 py-2.5 text-slate-700">{c.phone ?? "—"}</td>
                  <td className="px-4 py-2.5 text-slate-700">{c.unsubscribedAt ? "Unsubscribed" : "Subscribed"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
