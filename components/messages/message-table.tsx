import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { formatAge } from "@/components/ui/format";
import type { MessageListRow } from "@/lib/views/messages";
import { MessageStatusBadge } from "./message-status-badge";
import { stepName } from "./step-name";

function linkText(m: MessageListRow): string {
  if (m.channel === "email") return m.subject?.trim() || "(no subject)";
  const text = m.body.trim().replace(/\s+/g, " ");
  return text.length > 60 ? `${text.slice(0, 59)}…` : text || "(empty SMS)";
}

/** The outbox. Subjects and bodies are user-authored: they are only ever rendered as React text. */
export function MessageTable({ rows }: { rows: MessageListRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full table-fixed divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Messages, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="w-52 px-4 py-3">
              Contact
            </th>
            <th scope="col" className="w-64 px-4 py-3">
              Message
            </th>
            <th scope="col" className="w-36 px-4 py-3">
              Sequence
            </th>
            <th scope="col" className="w-20 px-4 py-3">
              Version
            </th>
            <th scope="col" className="w-48 px-4 py-3">
              Step
            </th>
            <th scope="col" className="w-20 px-4 py-3">
              Channel
            </th>
            <th scope="col" className="w-24 px-4 py-3">
              Status
            </th>
            <th scope="col" className="w-40 px-4 py-3">
              Sent at
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((m) => (
            <tr key={m.id} data-testid="message-row" className="align-top hover:bg-slate-50/60">
              <td className="px-4 py-2.5">
                <Link
                  href={`/enrollments/${m.enrollmentId}`}
                  className="block truncate font-medium text-slate-900 hover:underline"
                  title="Open this contact's enrollment"
                  data-testid="message-contact"
                >
                  {m.contact.name ?? m.contact.email}
                </Link>
                <span className="block truncate text-xs text-slate-600">{m.contact.name ? m.contact.email : m.to}</span>
              </td>
              <td className="px-4 py-2.5">
                <Link
                  href={`/messages/${m.id}`}
                  className="block truncate font-medium text-indigo-700 hover:underline"
                  data-testid="message-subject"
                >
                  {linkText(m)}
                </Link>
                {m.channel === "email" ? <span className="block truncate text-xs text-slate-600">{m.body}</span> : null}
              </td>
              <td className="truncate px-4 py-2.5 text-slate-700">{m.sequenceName}</td>
              <td className="px-4 py-2.5" data-testid="message-version">
                <Badge tone="indigo">v{m.versionNumber}</Badge>
              </td>
              <td className="px-4 py-2.5 text-xs text-slate-700" data-testid="message-step">
                <span className="line-clamp-2">{stepName(m.step)}</span>
              </td>
              <td className="px-4 py-2.5 text-xs text-slate-700" data-testid="message-channel">
                {m.channel === "sms" ? "SMS" : "Email"}
              </td>
              <td className="px-4 py-2.5">
                <MessageStatusBadge status={m.status} />
              </td>
              <td className="px-4 py-2.5 text-xs whitespace-nowrap text-slate-600">
                {m.sentAt ? (
                  <DateTime value={m.sentAt} />
                ) : (
                  <span className="text-slate-500">
                    {m.status === "failed" ? "not sent" : "not sent yet"}
                    <span className="block">
                      created <DateTime value={m.createdAt} />
                    </span>
                  </span>
                )}
                {m.status === "queued" && m.queuedSeconds !== null ? (
                  <span className="block text-amber-800" data-testid="message-queued-for">
                    queued {formatAge(m.queuedSeconds)}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
