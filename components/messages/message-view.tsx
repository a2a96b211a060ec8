import Link from "next/link";
import { STEP_META, stepSummary } from "@/components/steps/step-meta";
import { DateTime } from "@/components/ui/date-time";
import type { MessageDetail } from "@/lib/views/messages";
import { MessageStatusBadge } from "./message-status-badge";

/**
 * The rendered message as the contact received it. The body is shown as text with its line
 * breaks (pre-wrap): HTML in a body is displayed, never interpreted, so nothing in it can run here.
 */
export function MessageView({ message }: { message: MessageDetail }) {
  const name = [message.contact.firstName, message.contact.lastName].filter(Boolean).join(" ");
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <article
        className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 lg:col-span-2"
        aria-label="Message"
      >
        <header className="space-y-1 border-b border-slate-200 px-6 py-4 text-sm">
          <p>
            <span className="inline-block w-16 text-slate-500">To</span>
            <span className="text-slate-900">{message.to}</span>
          </p>
          {message.channel === "email" ? (
            <p>
              <span className="inline-block w-16 text-slate-500">Subject</span>
              <span className="font-semibold break-words text-slate-900" data-testid="message-view-subject">
                {message.subject ?? "(no subject)"}
              </span>
            </p>
          ) : null}
        </header>
        <div
          className="px-6 py-5 text-sm leading-relaxed break-words whitespace-pre-wrap text-slate-800"
          data-testid="message-view-body"
        >
          {message.body}
        </div>
      </article>
      <aside className="self-start rounded-lg bg-white px-5 py-4 text-sm shadow-sm ring-1 ring-slate-200">
        <dl className="space-y-3">
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Status</dt>
            <dd className="mt-1 flex items-center gap-2">
              <MessageStatusBadge status={message.status} />
              <span className="text-xs text-slate-600">
                {message.sentAt ? (
                  <>
                    sent <DateTime value={message.sentAt} />
                  </>
                ) : (
                  <>
                    created <DateTime value={message.createdAt} />
                  </>
                )}
              </span>
            </dd>
            {message.lastError ? <dd className="mt-1 text-xs break-words text-red-700">{message.lastError}</dd> : null}
          </div>
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">Contact</dt>
            <dd className="mt-1 text-slate-900">{name || message.contact.email}</dd>
          </div>
          <div>
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">From</dt>
            <dd className="mt-1 text-slate-900">
              <Link href={`/sequences/${message.sequence.id}`} className="font-medium text-indigo-700 hover:underline">
                {message.sequence.name}
              </Link>{" "}
              <span className="text-slate-600" data-testid="message-view-version">
                v{message.version.number}
              </span>
            </dd>
            <dd className="mt-1 text-slate-700">
              {message.step ? (
                <>
                  Step {message.step.index + 1}:{" "}
                  <span aria-hidden="true">{STEP_META[message.step.step.type].icon} </span>
                  {stepSummary(message.step.step)}
                </>
              ) : (
                `Step ${message.stepKey}`
              )}
            </dd>
          </div>
        </dl>
        <Link
          href={`/enrollments/${message.enrollmentId}`}
          className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline"
        >
          Open the enrollment and its timeline
        </Link>
      </aside>
    </div>
  );
}
