import Link from "next/link";
import { formatAge } from "@/components/ui/format";
import { DateTime } from "@/components/ui/date-time";
import type { MessageListRow } from "@/lib/views/messages";
import { MessageStatusBadge } from "./message-status-badge";

/** The outbox. Subjects and bodies are user-authored: they are only ever rendered as React text. */
export function MessageTable({ rows }: { rows: MessageListRow[] }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full table-fixed divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="w-56 px-4 py-3">
              To
            </th>
            <th scope="col" className="px-4 py-3">
              Subject
            </th>
            <th scope="col" className="w-48 px-4 py-3">
              Sequence
            </th>
            <th scope="col" className="w-20 px-4 py-3">
              Version
            </th>
            <th scope="col" className="w-28 px-4 py-3">
              Step
            </th>
            <th scope="col" className="w-24 px-4 py-3">
              Status
            </th>
            <th scope="col" className="w-44 px-4 py-3">
              Time
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((m) => (
            <tr key={m.id} data-testid="message-row" className="hover:bg-slate-50/60">
              <td className="truncate px-4 py-2.5 text-slate-800">{m.to}</td>
              <td className="px-4 py-2.5">
                <Link
                  href={`/messages/${m.id}`}
                  className="block truncate font-medium text-indigo-700 hover:underline"
                  data-testid="message-subject"
                >
                  {m.channel === "sms" ? "SMS" : m.subject || "(no subject)"}
                </Link>
                <span className="block truncate text-xs text-slate-500">{m.body}</span>
              </td>
              <td className="truncate px-4 py-2.5 text-slate-700">{m.sequenceName}</td>
              <td className="px-4 py-2.5 text-slate-800" data-testid="message-version">
                v{m.versionNumber}
              </td>
              <td className="truncate px-4 py-2.5 text-xs text-slate-600">{m.stepKey}</td>
              <td className="px-4 py-2.5">
                <MessageStatusBadge status={m.status} />
              </td>
              <td className="px-4 py-2.5 text-xs whitespace-nowrap text-slate-600">
                <DateTime value={m.sentAt ?? m.createdAt} />
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
