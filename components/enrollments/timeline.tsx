"use client";
import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { STEP_META, stepSummary } from "@/components/steps/step-meta";
import { Badge } from "@/components/ui/badge";
import { DateTime } from "@/components/ui/date-time";
import { plural } from "@/components/ui/format";
import { formatDateTime } from "@/lib/domain/format-date";
import type { TimelineEntry } from "@/lib/views/enrollments";
import { EVENT_LABELS, exitReasonText } from "./event-labels";
import { eventTypeCounts, groupTimeline, type TimelineGroup } from "./timeline-groups";

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

function TimelineRow({ entry, zone }: { entry: TimelineEntry; zone: string }) {
  const result = outcome(entry, zone);
  return (
    <li
      data-testid="timeline-row"
      data-type={entry.type}
      className="grid grid-cols-[11.5rem_1fr] gap-4 px-5 py-3 text-sm"
    >
      <DateTime value={entry.at} zone={zone} className="pt-0.5 text-xs whitespace-nowrap text-slate-500 tabular-nums" />
      <div className="min-w-0 space-y-1">
        <p className="flex flex-wrap items-center gap-2">
          <Badge tone={TONE[entry.type] ?? "slate"}>{EVENT_LABELS[entry.type] ?? entry.type}</Badge>
          {entry.versionNumber !== null ? (
            <span className="text-xs font-medium text-slate-600">v{entry.versionNumber}</span>
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
            <span className="line-clamp-2 text-xs whitespace-pre-wrap text-slate-600">{entry.message.body}</span>
          </Link>
        ) : null}
      </div>
    </li>
  );
}

function GroupHeading({ group, id }: { group: TimelineGroup; id: string }) {
  if (group.kind === "enrollment")
    return (
      <h3 id={id} className="text-sm font-semibold text-slate-900">
        Enrollment
        <span className="ml-2 text-xs font-normal text-slate-500">enrolled, paused, moved, ended</span>
      </h3>
    );
  const meta = group.step ? STEP_META[group.step.type] : null;
  return (
    <h3 id={id} className="flex min-w-0 flex-wrap items-center gap-2 text-sm font-semibold text-slate-900">
      <span>{group.stepIndex !== null ? `Step ${group.stepIndex + 1}` : "Step"}</span>
      {meta ? (
        <span className={`inline-flex h-5 items-center rounded px-1.5 text-[11px] font-medium ${meta.accent}`}>
          <span aria-hidden="true">{meta.icon}&nbsp;</span>
          {meta.label}
        </span>
      ) : null}
      <span className="min-w-0 truncate font-normal text-slate-700">
        {group.step ? stepSummary(group.step) : `step ${group.stepKey}`}
      </span>
      {group.versionNumber !== null ? (
        <span className="text-xs font-medium text-slate-600">on v{group.versionNumber}</span>
      ) : null}
    </h3>
  );
}

/**
 * The enrollment's events filed under the step (and version) that produced them, with the
 * enrollment-level events (enrolled, paused, moved, ended) in their own group; a filter by event
 * type applies as soon as a box is ticked.
 */
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
  const idPrefix = useId();
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const groups = useMemo(() => groupTimeline(entries), [entries]);
  const types = useMemo(() => eventTypeCounts(entries), [entries]);
  if (entries.length === 0) return <p className="px-5 py-4 text-sm text-slate-600">Nothing has happened yet.</p>;

  function toggle(type: string, show: boolean) {
    setHidden((previous) => {
      const next = new Set(previous);
      if (show) next.delete(type);
      else next.add(type);
      return next;
    });
  }
  const shownCount = entries.filter((e) => !hidden.has(e.type)).length;

  return (
    <>
      <fieldset className="border-b border-slate-200 px-5 py-3" data-testid="timeline-filter">
        <legend className="sr-only">Show event types</legend>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-slate-700">
          <span aria-hidden="true" className="font-medium text-slate-500">
            Show
          </span>
          {types.map(({ type, count }) => (
            <label key={type} className="inline-flex items-center gap-1.5">
              <input
                type="checkbox"
                checked={!hidden.has(type)}
                onChange={(e) => toggle(type, e.target.checked)}
                className="h-3.5 w-3.5 rounded border-slate-300"
              />
              {EVENT_LABELS[type] ?? type} ({count})
            </label>
          ))}
          {hidden.size > 0 ? (
            <button
              type="button"
              onClick={() => setHidden(new Set())}
              className="font-medium text-indigo-700 hover:underline"
            >
              Show all
            </button>
          ) : null}
        </div>
        <p className="sr-only" role="status">
          Showing {shownCount} of {entries.length} events
        </p>
      </fieldset>
      {shownCount === 0 ? <p className="px-5 py-4 text-sm text-slate-600">No events of the chosen types.</p> : null}
      {groups.map((group) => {
        const visible = group.entries.filter((e) => !hidden.has(e.type));
        if (visible.length === 0) return null;
        const headingId = `${idPrefix}-${group.key}`;
        return (
          <section
            key={group.key}
            aria-labelledby={headingId}
            data-testid="timeline-group"
            data-group={group.kind}
            data-step-key={group.stepKey ?? undefined}
            className="border-b border-slate-200 last:border-b-0"
          >
            <div className="flex items-start justify-between gap-3 bg-slate-50 px-5 py-2">
              <GroupHeading group={group} id={headingId} />
              <span className="shrink-0 text-xs text-slate-600 tabular-nums" data-testid="timeline-group-count">
                {visible.length === group.entries.length
                  ? plural(visible.length, "event")
                  : `${visible.length} of ${plural(group.entries.length, "event")}`}
              </span>
            </div>
            <ol className="divide-y divide-slate-100" aria-label="Events, newest first">
              {visible.map((entry) => (
                <TimelineRow key={entry.id} entry={entry} zone={zone} />
              ))}
            </ol>
          </section>
        );
      })}
      {truncated ? <p className="px-5 py-3 text-xs text-slate-500">Showing the latest 500 events.</p> : null}
    </>
  );
}
