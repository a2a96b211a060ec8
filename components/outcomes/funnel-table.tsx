import { Badge } from "@/components/ui/badge";
import { formatCount } from "@/components/ui/format";
import { RATE_DEFINITIONS, type RateName } from "@/lib/domain/outcome-metrics";
import type { VersionOutcomeView } from "@/lib/views/outcomes";
import { RateCell } from "./rate-text";

const COUNT_ROWS: { label: string; value: (v: VersionOutcomeView) => number | null }[] = [
  { label: "Enrolled", value: (v) => v.counts.enrolled ?? 0 },
  { label: "Moved in (migrations)", value: (v) => v.counts.migrated_in ?? 0 },
  { label: "Moved out (migrations)", value: (v) => v.counts.migrated_out ?? 0 },
  { label: "In flight now", value: (v) => v.inFlight },
  { label: "Completed", value: (v) => v.counts.completed ?? 0 },
  { label: "Exited", value: (v) => v.counts.exited ?? 0 },
  { label: "Failed", value: (v) => v.counts.failed ?? 0 },
  { label: "Messages sent", value: (v) => v.counts.sent ?? 0 },
  { label: "Delivered", value: (v) => v.counts.delivered ?? 0 },
  { label: "Delivery failed", value: (v) => v.counts.delivery_failed ?? 0 },
  { label: "Opened (unique, human)", value: (v) => v.counts.opened_unique ?? 0 },
  { label: "Machine opens (excluded)", value: (v) => v.counts.opened_machine ?? 0 },
  { label: "Clicked (unique, human)", value: (v) => v.counts.clicked_unique ?? 0 },
  { label: "Replied", value: (v) => v.counts.replied ?? 0 },
  { label: "Unsubscribed", value: (v) => v.counts.unsubscribed ?? 0 },
  { label: "Bounced", value: (v) => v.counts.bounced ?? 0 },
  { label: "Tasks completed", value: (v) => v.counts.task_completed ?? 0 },
];

/** A count, or a dash for one that was not counted (an in-flight figure the caller skipped). */
const countText = (value: number | null) => (value === null ? "—" : formatCount(value));

const RATE_ROWS: RateName[] = [
  "delivery",
  "open",
  "click",
  "reply",
  "unsubscribe",
  "bounce",
  "completion",
  "taskCompletion",
];
const RATE_TITLES: Record<RateName, string> = {
  delivery: "Delivery rate",
  open: "Open rate",
  click: "Click rate",
  reply: "Reply rate",
  unsubscribe: "Unsubscribe rate",
  bounce: "Bounce rate",
  completion: "Completion rate",
  taskCompletion: "Task completion",
};

/** The funnel per version: one column per version, counts then rates (each with its denominator). */
export function FunnelTable({ versions }: { versions: VersionOutcomeView[] }) {
  const reasons = [...new Set(versions.flatMap((v) => v.exitedByReason.map((r) => r.reason)))].sort();
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="funnel-table">
        <caption className="sr-only">Outcomes per version</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">
              Measure
            </th>
            {versions.map((v) => (
              <th key={v.versionId} scope="col" className="px-4 py-3 text-right whitespace-nowrap">
                v{v.number}
                {v.isActive ? (
                  <span className="ml-2 normal-case">
                    <Badge tone="green">Active</Badge>
                  </span>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {COUNT_ROWS.map((row) => (
            <tr key={row.label}>
              <th scope="row" className="px-4 py-2 text-left font-normal text-slate-700">
                {row.label}
              </th>
              {versions.map((v) => (
                <td key={v.versionId} className="px-4 py-2 text-right text-slate-900 tabular-nums">
                  {countText(row.value(v))}
                </td>
              ))}
            </tr>
          ))}
          {reasons.map((reason) => (
            <tr key={`exit-${reason}`}>
              <th scope="row" className="px-4 py-2 pl-8 text-left font-normal text-slate-600">
                Exited: {reason}
              </th>
              {versions.map((v) => (
                <td key={v.versionId} className="px-4 py-2 text-right text-slate-700 tabular-nums">
                  {formatCount(v.exitedByReason.find((r) => r.reason === reason)?.count ?? 0)}
                </td>
              ))}
            </tr>
          ))}
          {RATE_ROWS.map((name) => (
            <tr key={name} className="bg-slate-50/50">
              <th scope="row" className="px-4 py-2 text-left font-normal text-slate-700">
                <span className="block font-medium text-slate-900">{RATE_TITLES[name]}</span>
                <span className="block text-xs text-slate-500">{RATE_DEFINITIONS[name].label}</span>
              </th>
              {versions.map((v) => (
                <td key={v.versionId} className="px-4 py-2 text-right tabular-nums">
                  <RateCell rate={v.rates[name]} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export { RATE_TITLES };
