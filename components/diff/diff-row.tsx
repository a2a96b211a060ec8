import { STEP_META } from "@/components/steps/step-meta";
import type { DiffPart, DiffRow, DiffStatus, FieldChange } from "@/lib/domain/version-diff";
import { describeDayRange, formatDayRange } from "@/lib/domain/schedule-labels";
import type { Step } from "@/lib/domain/steps";
import { Badge, type Tone } from "@/components/ui/badge";

export const STATUS_STYLE: Record<DiffStatus, { label: string; tone: Tone; border: string; band: string }> = {
  added: { label: "Added", tone: "green", border: "border-l-green-500", band: "bg-green-50" },
  removed: { label: "Removed", tone: "red", border: "border-l-red-500", band: "bg-red-50" },
  moved: { label: "Moved", tone: "violet", border: "border-l-violet-500", band: "bg-violet-50" },
  modified: { label: "Modified", tone: "amber", border: "border-l-amber-500", band: "bg-amber-50" },
  unchanged: { label: "Unchanged", tone: "slate", border: "border-l-slate-300", band: "bg-slate-50" },
};

const FIELD_LABELS: Record<string, string> = {
  type: "Type",
  subject: "Subject",
  body: "Body",
  amount: "Amount",
  unit: "Unit",
  businessDaysOnly: "Business days",
  title: "Title",
  note: "Note",
};

function displayValue(field: string, value: unknown): string {
  if (field === "businessDaysOnly") return value ? "Yes" : "No";
  if (value === undefined || value === null || value === "") return "—";
  return String(value);
}

// Word-level changes: the old side shows what was taken out, the new side what was put in.
function Parts({ parts, side }: { parts: DiffPart[]; side: "from" | "to" }) {
  return (
    <>
      {parts.map((part, i) => {
        if (part.added)
          return side === "to" ? (
            <ins key={i} className="rounded-sm bg-green-200 px-0.5 text-green-950 no-underline">
              {part.value}
            </ins>
          ) : null;
        if (part.removed)
          return side === "from" ? (
            <del key={i} className="rounded-sm bg-red-200 px-0.5 text-red-950 line-through decoration-red-700/60">
              {part.value}
            </del>
          ) : null;
        return <span key={i}>{part.value}</span>;
      })}
    </>
  );
}

function StepFields({ step, changes, side }: { step: Step; changes: Map<string, FieldChange>; side: "from" | "to" }) {
  // The type is in the row heading; it is listed as a field only when it changed.
  const entries = Object.entries(step).filter(
    ([field]) => field !== "key" && (field !== "type" || changes.has("type")),
  );
  return (
    <dl className="space-y-2 text-sm">
      {entries.map(([field, value]) => {
        const change = changes.get(field);
        // Booleans and enums are atomic: highlight the whole value rather than word parts.
        const atomic = typeof value !== "string" || field === "type" || field === "unit";
        return (
          <div key={field} className="grid grid-cols-[7.5rem_minmax(0,1fr)] gap-2">
            <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">
              {FIELD_LABELS[field] ?? field}
            </dt>
            <dd className="break-words whitespace-pre-wrap text-slate-800" data-field={field}>
              {change && !atomic ? (
                <Parts parts={change.parts} side={side} />
              ) : change ? (
                side === "from" ? (
                  <del className="rounded-sm bg-red-200 px-0.5 text-red-950">{displayValue(field, value)}</del>
                ) : (
                  <ins className="rounded-sm bg-green-200 px-0.5 text-green-950 no-underline">
                    {displayValue(field, value)}
                  </ins>
                )
              ) : (
                displayValue(field, value)
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function Side({
  step,
  index,
  changes,
  side,
  emptyText,
}: {
  step: Step | null;
  index: number | null;
  changes: Map<string, FieldChange>;
  side: "from" | "to";
  emptyText: string;
}) {
  if (!step) {
    return (
      <div className="flex h-full min-h-16 items-center justify-center rounded-md border border-dashed border-slate-300 text-sm text-slate-500">
        {emptyText}
      </div>
    );
  }
  return (
    <div>
      <p className="mb-2 text-xs font-semibold text-slate-500">
        Step {(index ?? 0) + 1} · {STEP_META[step.type].label}
      </p>
      <StepFields step={step} changes={changes} side={side} />
    </div>
  );
}

function scheduleText(row: DiffRow): string {
  const from = row.fromRange;
  const to = row.toRange;
  if (from && to && formatDayRange(from) !== formatDayRange(to))
    return `${formatDayRange(from)} → ${describeDayRange(to)}`;
  const range = to ?? from;
  return range === null ? "" : describeDayRange(range);
}

export function DiffRowView({ row, fromLabel, toLabel }: { row: DiffRow; fromLabel: string; toLabel: string }) {
  const style = STATUS_STYLE[row.status];
  const changes = new Map(row.fields.map((f) => [f.field, f]));
  const shifted =
    row.fromRange !== null && row.toRange !== null && formatDayRange(row.fromRange) !== formatDayRange(row.toRange);
  return (
    <li
      data-testid="diff-row"
      data-status={row.status}
      data-step-key={row.key}
      className={`overflow-hidden rounded-lg border-l-4 bg-white shadow-sm ring-1 ring-slate-200 ${style.border}`}
    >
      <div className={`flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2 text-xs ${style.band}`}>
        <Badge tone={style.tone}>{style.label}</Badge>
        {row.moved && row.modified ? <Badge tone="amber">Modified</Badge> : null}
        {row.moved && row.fromIndex !== null && row.toIndex !== null ? (
          <span className="font-medium text-violet-900" data-testid="moved-note">
            Moved from position {row.fromIndex + 1} to {row.toIndex + 1}
          </span>
        ) : null}
        {row.modified ? (
          <span className="text-amber-900">
            {row.fields.length === 1 ? "1 field changed" : `${row.fields.length} fields changed`}
          </span>
        ) : null}
        <span
          className={`ml-auto font-medium ${shifted ? "text-indigo-800" : "text-slate-600"}`}
          data-testid="schedule-shift"
        >
          {scheduleText(row)}
        </span>
      </div>
      <div className="grid grid-cols-2 divide-x divide-slate-200">
        <div className="p-4">
          <Side
            step={row.fromStep}
            index={row.fromIndex}
            changes={changes}
            side="from"
            emptyText={`Not in ${fromLabel}`}
          />
        </div>
        <div className="p-4">
          <Side step={row.toStep} index={row.toIndex} changes={changes} side="to" emptyText={`Removed in ${toLabel}`} />
        </div>
      </div>
    </li>
  );
}
