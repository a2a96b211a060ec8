import Link from "next/link";
import { STEP_META, stepSummary } from "@/components/steps/step-meta";
import { formatDateTime, formatTime } from "@/lib/domain/format-date";
import type { StepView } from "@/lib/domain/step-states";
import { renderTemplate, type TemplateContact } from "@/lib/domain/render-template";
import { PREVIEW_UNSUBSCRIBE_URL } from "@/lib/views/editor";
import type { MessageDelivery, RenderedMessage } from "@/lib/views/enrollments";
import { DeliveryStatus } from "./delivery-status";

function clipLine(text: string, max = 80): string {
  const line = text.split("\n", 1)[0]!.trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const PREVIEW = { unsubscribe_url: PREVIEW_UNSUBSCRIBE_URL };

const STATE: Record<StepView["state"], { label: string; dot: string; text: string }> = {
  done: { label: "Done", dot: "bg-green-600 text-white", text: "text-slate-700" },
  current: {
    label: "Current",
    dot: "bg-indigo-600 text-white ring-4 ring-indigo-100",
    text: "text-slate-900 font-medium",
  },
  upcoming: { label: "Upcoming", dot: "bg-white text-slate-600 ring-1 ring-slate-300", text: "text-slate-800" },
  not_reached: {
    label: "Not reached",
    dot: "bg-slate-100 text-slate-500 ring-1 ring-slate-200",
    text: "text-slate-500",
  },
};

/** The first lines of a message, as sent (a run step) or as it will be sent (a step to come). */
function MessageLines({
  kind,
  subject,
  body,
  href,
}: {
  kind: "sent" | "preview";
  subject: string | null;
  body: string;
  href?: string;
}) {
  const content = (
    <>
      <span className="block text-[11px] font-medium tracking-wide text-slate-500 uppercase">
        {kind === "sent" ? "Sent to this contact" : "Will render for this contact as"}
      </span>
      {subject !== null ? (
        <span className="block truncate text-sm font-medium text-slate-900" data-testid="step-rendered-subject">
          {subject}
        </span>
      ) : null}
      <span className="line-clamp-3 text-xs break-words whitespace-pre-wrap text-slate-700">{body}</span>
    </>
  );
  const className = `mt-1.5 block rounded-md px-3 py-2 ${kind === "sent" ? "bg-slate-50 ring-1 ring-slate-200" : "border border-dashed border-slate-300 bg-white"}`;
  return href ? (
    <Link href={href} className={`${className} hover:bg-slate-100`} data-testid={`step-${kind}`}>
      {content}
    </Link>
  ) : (
    <span className={className} data-testid={`step-${kind}`}>
      {content}
    </span>
  );
}

/**
 * The pinned version's steps in order, each with where the contact stands and when it ran or is
 * expected. A step that sent a message shows what was sent (from the message row, merge fields
 * filled in); an email or SMS still to come shows its template and how it will render for this
 * contact today (renderTemplate, as the runner does; the unsubscribe link is a placeholder).
 */
export function StepList({
  steps,
  deliveries = {},
  rendered = {},
  contact,
  zone,
  contactZone,
}: {
  steps: StepView[];
  deliveries?: Record<string, MessageDelivery>;
  /** The latest message of each step key, as sent. */
  rendered?: Record<string, RenderedMessage>;
  /** The contact with its attributes, for the preview of steps to come. */
  contact?: TemplateContact;
  /** The user's display zone. */
  zone: string;
  /** The contact's zone (its own, else the organisation's): upcoming steps also say the contact's local time. */
  contactZone?: string;
}) {
  if (steps.length === 0) return <p className="px-5 py-4 text-sm text-slate-600">This version has no steps.</p>;
  return (
    <ol className="divide-y divide-slate-100" aria-label="Steps of the pinned version">
      {steps.map((view) => {
        const meta = STEP_META[view.step.type];
        const sent = rendered[view.step.key];
        const state = STATE[view.state];
        const when =
          view.state === "done"
            ? view.executedAt
              ? `${view.step.type === "task" ? "Completed" : "Ran"} ${formatDateTime(view.executedAt, zone)}`
              : "Done"
            : view.expectedAt
              ? `${view.state === "current" && view.step.type === "wait" ? "Until" : "Expected"} ${formatDateTime(view.expectedAt, zone)}`
              : null;
        return (
          <li
            key={view.step.key}
            data-testid="pinned-step"
            data-step-key={view.step.key}
            data-state={view.state}
            className="flex items-start gap-3 px-5 py-3"
          >
            <span
              className={`mt-0.5 inline-flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold tabular-nums ${state.dot}`}
              aria-hidden="true"
            >
              {view.state === "done" ? "✓" : view.index + 1}
            </span>
            <div className="min-w-0 flex-1">
              <p className={`flex min-w-0 items-start gap-2 text-sm ${state.text}`}>
                <span
                  className={`mt-px inline-flex h-5 shrink-0 items-center rounded px-1.5 text-[11px] font-medium ${meta.accent}`}
                >
                  <span aria-hidden="true">{meta.icon}&nbsp;</span>
                  {meta.label}
                </span>
                {/* A run step is named by what this contact got, not by its {{merge}} template. */}
                <span className="line-clamp-2 break-words" data-testid={sent ? "step-sent-title" : undefined}>
                  {sent ? (sent.subject ?? clipLine(sent.body)) : stepSummary(view.step)}
                </span>
              </p>
              {view.note ? <p className="mt-0.5 text-xs text-slate-600">{view.note}</p> : null}
              {sent ? (
                <MessageLines kind="sent" subject={null} body={sent.body} href={`/messages/${sent.id}`} />
              ) : contact &&
                (view.state === "current" || view.state === "upcoming") &&
                (view.step.type === "email" || view.step.type === "sms") ? (
                <MessageLines
                  kind="preview"
                  subject={view.step.type === "email" ? renderTemplate(view.step.subject, contact, PREVIEW) : null}
                  body={renderTemplate(view.step.body, contact, PREVIEW)}
                />
              ) : null}
              {deliveries[view.step.key] ? <DeliveryStatus delivery={deliveries[view.step.key]!} zone={zone} /> : null}
            </div>
            <div className="shrink-0 text-right">
              <p className="text-xs font-medium text-slate-700">
                <span className="sr-only">Step {view.index + 1}: </span>
                {state.label}
              </p>
              {when ? <p className="text-xs text-slate-500">{when}</p> : null}
              {view.state !== "done" && view.expectedAt && contactZone ? (
                <p className="text-xs text-slate-500" data-testid="contact-local-time">
                  {formatTime(view.expectedAt, contactZone, { weekday: true })} for the contact ({contactZone})
                </p>
              ) : null}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
