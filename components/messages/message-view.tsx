import Link from "next/link";
import { STEP_META, stepSummary } from "@/components/steps/step-meta";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import type { MessageDetail } from "@/lib/views/messages";
import { DeliveryAttempts } from "./delivery-attempts";
import { MessageStatusBadge } from "./message-status-badge";

const label = "text-xs font-medium tracking-wide text-slate-500 uppercase";

/**
 * The rendered message as the contact received it. The body is shown as text with its line
 * breaks (pre-wrap): HTML in a body is displayed, never interpreted, so nothing in it can run here.
 */
export function MessageView({ message }: { message: MessageDetail }) {
  const name = [message.contact.firstName, message.contact.lastName].filter(Boolean).join(" ");
  const versionHref = `/sequences/${message.sequence.id}/versions/${message.version.number}`;
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <article className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200" aria-label="Message">
          <header className="border-b border-slate-200 px-6 py-4">
            <h2 className="sr-only">Headers</h2>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm" data-testid="message-headers">
              {message.headers.map((h) => (
                <div key={h.name} className="contents">
                  <dt className="text-slate-500">{h.name}</dt>
                  <dd
                    className={`break-all text-slate-900 ${h.name === "Subject" ? "font-semibold" : ""}`}
                    data-testid={h.name === "Subject" ? "message-view-subject" : undefined}
                  >
                    {h.value || (h.name === "Subject" ? "(no subject)" : "")}
                  </dd>
                </div>
              ))}
            </dl>
            <p className="mt-2 text-xs text-slate-600">
              {message.channel === "email"
                ? message.transport === "smtp"
                  ? "Sent through SMTP with these headers; the mail server adds Date and Message-ID."
                  : "Recorded in the outbox (no SMTP server configured): these are the headers SMTP would send."
                : "SMS: recorded in the outbox; SMS carries no headers."}
            </p>
          </header>
          <h2 className="sr-only">Body</h2>
          <div
            className="px-6 py-5 text-sm leading-relaxed break-words whitespace-pre-wrap text-slate-800"
            data-testid="message-view-body"
          >
            {message.body}
          </div>
        </article>
        <DeliveryAttempts message={message} />
      </div>
      <aside className="self-start rounded-lg bg-white px-5 py-4 text-sm shadow-sm ring-1 ring-slate-200">
        <h2 className="sr-only">Details</h2>
        <dl className="space-y-3">
          <div>
            <dt className={label}>Status</dt>
            <dd className="mt-1 flex flex-wrap items-center gap-2">
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
            {message.lastError && message.status !== "sent" ? (
              <dd className="mt-1 text-xs break-words text-red-700">{message.lastError}</dd>
            ) : null}
          </div>
          <div>
            <dt className={label}>Contact</dt>
            <dd className="mt-1 text-slate-900">{name || message.contact.email}</dd>
            {name ? <dd className="text-xs text-slate-600">{message.contact.email}</dd> : null}
          </div>
          <div>
            <dt className={label}>Sequence and version</dt>
            <dd className="mt-1 flex flex-wrap items-center gap-2 text-slate-900">
              <Link href={`/sequences/${message.sequence.id}`} className="font-medium text-indigo-700 hover:underline">
                {message.sequence.name}
              </Link>
              <Link href={versionHref} className="hover:underline" aria-label={`Version ${message.version.number}`}>
                <span data-testid="message-view-version">
                  <Badge tone="indigo">v{message.version.number}</Badge>
                </span>
              </Link>
            </dd>
          </div>
          <div>
            <dt className={label}>Step</dt>
            <dd className="mt-1 text-slate-700" data-testid="message-view-step">
              {message.step ? (
                <>
                  Step {message.step.index + 1} ·{" "}
                  <span aria-hidden="true">{STEP_META[message.step.step.type].icon} </span>
                  {STEP_META[message.step.step.type].label}: {stepSummary(message.step.step)}
                </>
              ) : (
                "This step is not in its version"
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
