"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { EnrollDialog, type EnrollSource } from "@/components/enrollments/enroll-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatCount, plural } from "@/components/ui/format";
import { useTimeZone } from "@/components/ui/time-zone-provider";
import { formatDateTime, formatTime } from "@/lib/domain/format-date";
import { Toast } from "@/components/ui/toast";
import { unsubscribeContactAction } from "@/lib/actions/enrollments";
import { ContactFormDialog, type EditableContact } from "./contact-form-dialog";

export type ContactTableRow = EditableContact & { unsubscribedAt: Date | null; activeEnrollments: number };

type Props = {
  rows: ContactTableRow[];
  canEdit: boolean;
  search: { query: string; field: "name" | "email"; matching: number };
  /** The zone of contacts without their own. */
  organizationZone: string;
  /** The server's "now", so the local times match between the server render and hydration. */
  now: Date;
};

export function ContactsTable({ rows, canEdit, search, organizationZone, now }: Props) {
  const router = useRouter();
  const zone = useTimeZone();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [enroll, setEnroll] = useState<EnrollSource | null>(null);
  const [editing, setEditing] = useState<ContactTableRow | null>(null);
  const [unsubscribing, setUnsubscribing] = useState<ContactTableRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [toast, setToast] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const dismiss = useCallback(() => setToast(null), []);
  const allOnPage = rows.length > 0 && rows.every((r) => selected.has(r.id));

  function toggle(id: string) {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelected(next);
  }

  function unsubscribe(row: ContactTableRow) {
    setError(null);
    startTransition(async () => {
      const result = await unsubscribeContactAction({ contactId: row.id });
      if (!result.ok) return setError(result.error);
      setUnsubscribing(null);
      setToast(`${row.email} is unsubscribed.`);
      router.refresh();
    });
  }

  return (
    <>
      {canEdit ? (
        <div className="mb-3 flex flex-wrap items-center gap-2" aria-label="Bulk actions" role="group">
          <span className="text-sm text-slate-600" aria-live="polite">
            {selected.size > 0 ? `${plural(selected.size, "contact")} selected` : "Select contacts to enroll them"}
          </span>
          <Button
            size="sm"
            disabled={selected.size === 0}
            onClick={() => setEnroll({ kind: "ids", contactIds: [...selected] })}
          >
            Enroll selected…
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={search.matching === 0}
            onClick={() =>
              setEnroll({ kind: "search", query: search.query, field: search.field, count: search.matching })
            }
          >
            Enroll all {search.matching > 100_000 ? "100,000+" : formatCount(search.matching)} matching…
          </Button>
        </div>
      ) : null}
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              {canEdit ? (
                <th scope="col" className="w-10 px-4 py-3">
                  <input
                    type="checkbox"
                    aria-label="Select all contacts on this page"
                    checked={allOnPage}
                    onChange={() => setSelected(allOnPage ? new Set() : new Set(rows.map((r) => r.id)))}
                    className="h-4 w-4 rounded border-slate-300"
                  />
                </th>
              ) : null}
              <th scope="col" className="px-4 py-3">
                Name
              </th>
              <th scope="col" className="px-4 py-3">
                Email
              </th>
              <th scope="col" className="px-4 py-3">
                Phone
              </th>
              <th scope="col" className="px-4 py-3">
                Time zone
              </th>
              <th scope="col" className="px-4 py-3">
                Status
              </th>
              <th scope="col" className="px-4 py-3 text-right">
                In flight
              </th>
              {canEdit ? (
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((c) => {
              const name = [c.firstName, c.lastName].filter(Boolean).join(" ");
              return (
                <tr
                  key={c.id}
                  data-testid="contact-row"
                  className={selected.has(c.id) ? "bg-indigo-50/50" : "hover:bg-slate-50/60"}
                >
                  {canEdit ? (
                    <td className="px-4 py-2.5">
                      <input
                        type="checkbox"
                        aria-label={`Select ${c.email}`}
                        checked={selected.has(c.id)}
                        onChange={() => toggle(c.id)}
                        className="h-4 w-4 rounded border-slate-300"
                      />
                    </td>
                  ) : null}
                  <td className="px-4 py-2.5 font-medium text-slate-900">
                    {name || <span className="text-slate-500">—</span>}
                  </td>
                  <td className="px-4 py-2.5 text-slate-700">{c.email}</td>
                  <td className="px-4 py-2.5 text-slate-700">{c.phone ?? <span className="text-slate-500">—</span>}</td>
                  <td className="px-4 py-2.5 text-slate-700" data-testid="contact-zone">
                    {c.timeZone ?? <span className="text-slate-500">{organizationZone} (default)</span>}
                    <span className="block text-xs text-slate-500">
                      {formatTime(now, c.timeZone ?? organizationZone, { weekday: true })} local
                    </span>
                  </td>
                  <td className="px-4 py-2.5">
                    {c.unsubscribedAt ? (
                      <span title={`Unsubscribed ${formatDateTime(c.unsubscribedAt, zone)}`}>
                        <Badge tone="amber">Unsubscribed</Badge>
                      </span>
                    ) : (
                      <Badge tone="green">Subscribed</Badge>
                    )}
                  </td>
                  <td className="px-4 py-2.5 text-right text-slate-700 tabular-nums">
                    {c.activeEnrollments > 0 ? (
                      <Link
                        href={`/enrollments?contact=${c.id}`}
                        className="text-indigo-700 hover:underline"
                        aria-label={`${c.activeEnrollments} in-flight enrollments of ${c.email}`}
                      >
                        {formatCount(c.activeEnrollments)}
                      </Link>
                    ) : (
                      "0"
                    )}
                  </td>
                  {canEdit ? (
                    <td className="px-4 py-2.5 text-right whitespace-nowrap">
                      <Button size="sm" variant="ghost" onClick={() => setEditing(c)} aria-label={`Edit ${c.email}`}>
                        Edit
                      </Button>
                      {c.unsubscribedAt ? null : (
                        <Button
                          size="sm"
                          variant="ghost"
                          onClick={() => setUnsubscribing(c)}
                          aria-label={`Unsubscribe ${c.email}`}
                        >
                          Unsubscribe
                        </Button>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {enroll ? (
        <EnrollDialog
          open
          source={enroll}
          onClose={() => {
            setEnroll(null);
            setSelected(new Set());
          }}
        />
      ) : null}
      {editing ? (
        <ContactFormDialog
          open
          contact={editing}
          organizationZone={organizationZone}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmDialog
        open={unsubscribing !== null}
        title={`Unsubscribe ${unsubscribing?.email ?? ""}?`}
        confirmLabel="Unsubscribe"
        tone="danger"
        pending={pending}
        error={error}
        onConfirm={() => unsubscribing && unsubscribe(unsubscribing)}
        onClose={() => {
          setUnsubscribing(null);
          setError(null);
        }}
      >
        They receive nothing more: in-flight enrollments whose version exits on unsubscribe end now, and they cannot be
        enrolled again.
      </ConfirmDialog>
      {toast ? <Toast message={toast} onDismiss={dismiss} /> : null}
    </>
  );
}
