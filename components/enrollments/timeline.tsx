import Link from "next/link";
import { STEP_META, stepSummary } from "@/components/steps/step-meta";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/domain/format-date";
import type { TimelineEntry } from "@/lib/views/enrollments";
import { EVENT_LABELS, exitReasonText } from "./event-labels";

const TONE: Record<string, "green" | "red" | "amber" | "sky" | "violet" | "slate" | "indigo"> = {
  message_sent: "green",
  message_failed: "red",
  failed: "red",
  exited: "amber",
  paused: "amber",
  completed: "sky",
  migrated: "violet",
  migration_undone: "violet",
  step_executed: "indigo",
};

const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : null);

/** What happened, in words: the outcome column of a timeline row. Everything is plain React text. */
function outcome(entry: TimelineEntry, zone: string): string | null {
  const d = entry.detail;
  switch (entry.type) {
    case "waited": {
      if (!text(d.until)) return null;
      const why =
        d.reason === "daily_cap"
          ? " (daily limit reached)"
          : d.reason === "holiday"
            ? " (holiday)"
            : d.reason === "send_window"
              ? " (outside the send window)"
              : "";
      return `Waiting until ${formatDateTime(String(d.until), zone)}${why}`;
    }
    case "step_skipped":
      return d.reason === "missing_channel"
        ? `No ${d.channel === "email" ? "email address" : "phone number"}: skipped`
        : text(d.reason);
    case "task_created":
    case "task_completed":
      return text(d.title)
        ? `“${text(d.title)}”${d.unblocked === true ? ", enrollment resumed" : ""}${text(d.note) ? `. Note: ${text(d.note)}` : ""}`
        : null;
    case "exited":
    case "failed":
      return exitReasonText(text(d.reason));
    case "migrated":
      return `v${text(d.fromVersion) ?? "?"} → v${text(d.toVersion) ?? "?"}${text(d.fromStepKey) ? ` (step ${text(d.fromStepKey)} → ${text(d.toStepKey) ?? "end"})` : ""}`;
    case "migration_undone":
      return `Back to v${text(d.toVersion) ?? "?"}`;
    case "message_failed":
      return text(d.error);
    case "message_sent":
      return entry.message?.subject ? `Delivered: “${entry.message.subject}”` : "Delivered";
    case "unsubscribed":
      return d.exitOnUnsubscribe === false ? "This version keeps unsubscribed contacts enrolled" : null;
    default:
      return null;
  }
}

export function Timeline({
  entries,
  truncated,
  zone,
}: {
  entries: TimelineEntry[];
  truncated: boolean;
  /** The user's display zone (the page reads it on the server). */
  zone: string;
}) {
  if (entries.length === 0) return <p className="px-5 py-4 text-sm text-slate-600">Nothing has happened yet.</p>;
  return (
    <>
      <ol className="divide-y divide-slate-100" aria-label="Timeline, newest first">
        {entries.map((entry) => {
          const result = outcome(entry, zone);
          return (
            <li
              key={entry.id}
              data-testid="timeline-row"
              data-type={entry.type}
              className="grid grid-cols-[11.5rem_1fr] gap-4 px-5 py-3 text-sm"
            >
              <time
                dateTime={entry.at.toISOString()}
                className="pt-0.5 text-xs whitespace-nowrap text-slate-500 tabular-nums"
              >
                {formatDateTime(entry.at, zone)}
              </time>
              <div className="min-w-0 space-y-1">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone={TONE[entry.type] ?? "slate"}>{EVENT_LABELS[entry.type] ?? entry.type}</Badge>
                  {entry.versionNumber !== null ? (
                    <span className="text-xs font-medium text-slate-600">v{entry.versionNumber}</span>
                  ) : null}
                  {entry.step ? (
                    <span className="min-w-0 truncate text-slate-700">
                      <span aria-hidden="true">{STEP_META[entry.step.type].icon} </span>
                      {stepSummary(entry.step)}
                    </span>
                  ) : entry.stepKey ? (
                    <span className="text-xs text-slate-500">step {entry.stepKey}</span>
                  ) : null}
                </p>
                {result ? <p className="text-slate-600">{result}</p> : null}
                {/* The preview sits on the step that produced the message; the later "sent" row only confirms delivery. */}
                {entry.message && entry.type === "step_executed" ? (
                  <Link
                    href={`/messages/${entry.message.id}`}
                    className="block rounded-md bg-slate-50 px-3 py-2 ring-1 ring-slate-200 hover:bg-slate-100"
                    data-testid="timeline-message"
                  >
                    {entry.message.subject !== null ? (
                      <span className="block truncate font-medium text-slate-900">{entry.message.subject}</span>
                    ) : null}
                    <span className="line-clamp-2 whitespace-pre-wrap text-xs text-slate-600">
                      {entry.message.body}
                    </span>
                  </Link>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      {truncated ? <p className="px-5 py-3 text-xs text-slate-500">Showing the latest 500 events.</p> : null}
    </>
  );
}
