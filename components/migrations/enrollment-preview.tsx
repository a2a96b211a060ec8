"use client";
import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import type { StepMap } from "@/lib/domain/migration-step-map";
import { listPreviewCandidatesAction, previewEnrollmentAction } from "@/lib/actions/migrations";
import { Badge } from "@/components/ui/badge";
import { Select } from "@/components/ui/field";
import { DateTime } from "@/components/ui/date-time";
import { useTimeZone } from "@/components/ui/time-zone-provider";
import { formatDateTime } from "@/lib/domain/format-date";
import { StepLabel } from "./step-label";
import { unwrap, type PreviewData } from "./types";

type Props = {
  sequenceId: string;
  fromVersionId: string;
  toVersionId: string;
  fromNumber: number;
  toNumber: number;
  stepMap: StepMap;
  stepIndex: number;
};

/** One enrollment's remaining steps and expected dates if it stays, next to what it gets if it moves. */
export function EnrollmentPreview(props: Props) {
  const { sequenceId, fromVersionId, toVersionId, stepMap, stepIndex } = props;
  const [picked, setPicked] = useState<string | null>(null);
  const candidates = useQuery({
    queryKey: ["migration-candidates", sequenceId, fromVersionId, stepIndex],
    queryFn: () => unwrap(listPreviewCandidatesAction({ sequenceId, fromVersionId, stepIndex })),
  });
  const enrollmentId = picked ?? candidates.data?.[0]?.id ?? null;
  const preview = useQuery({
    queryKey: ["migration-preview", enrollmentId, fromVersionId, toVersionId, stepMap],
    queryFn: () =>
      unwrap(previewEnrollmentAction({ sequenceId, fromVersionId, toVersionId, stepMap, enrollmentId: enrollmentId! })),
    enabled: enrollmentId !== null,
  });

  return (
    <section aria-labelledby="preview-heading" className="space-y-3" data-testid="enrollment-preview">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h3 id="preview-heading" className="text-sm font-semibold text-slate-900">
          Preview one enrollment
        </h3>
        {candidates.data && candidates.data.length > 0 ? (
          <label className="flex items-center gap-2 text-sm text-slate-700">
            Contact
            <Select className="w-72" value={enrollmentId ?? ""} onChange={(e) => setPicked(e.target.value)}>
              {candidates.data.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.email}
                  {c.status === "paused" ? " (paused)" : ""}
                </option>
              ))}
            </Select>
          </label>
        ) : null}
      </div>
      {candidates.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {candidates.error.message}
        </p>
      ) : null}
      {candidates.data?.length === 0 ? (
        <p className="text-sm text-slate-600">No enrollment is at this step any more.</p>
      ) : null}
      {preview.isError ? (
        <p role="alert" className="text-sm text-red-700">
          {preview.error.message}
        </p>
      ) : null}
      {preview.isPending && enrollmentId ? <p className="text-sm text-slate-500">Loading the timelines…</p> : null}
      {preview.data ? <Timelines data={preview.data} fromNumber={props.fromNumber} toNumber={props.toNumber} /> : null}
    </section>
  );
}

function Timelines({ data, fromNumber, toNumber }: { data: PreviewData; fromNumber: number; toNumber: number }) {
  const zone = useTimeZone();
  return (
    <>
      <p className="text-xs text-slate-600">
        {data.enrollment.name || data.enrollment.email} · {data.enrollment.status}
        {data.waitingOnTask
          ? " · waiting on a manual task: dates assume it is done now"
          : ` · next step due ${formatDateTime(data.enrollment.nextRunAt, zone)}`}
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        <Column title={`If it stays on v${fromNumber}`} testId="preview-stay">
          {data.stay.map((row) => (
            <TimelineItem key={row.key} row={row} />
          ))}
          {data.stay.length === 0 ? <li className="px-3 py-2 text-slate-500">Nothing left: it completes.</li> : null}
        </Column>
        <Column title={`If it moves to v${toNumber}`} testId="preview-move">
          {data.landing.kind === "exit" ? (
            <li className="px-3 py-2">
              <Badge tone="amber">Exits the sequence at once</Badge>
            </li>
          ) : null}
          {data.landing.kind === "complete" ? (
            <li className="px-3 py-2">
              <Badge tone="slate">Completes at once: nothing left on v{toNumber}</Badge>
            </li>
          ) : null}
          {data.move.map((row) => (
            <TimelineItem key={row.key} row={row} />
          ))}
        </Column>
      </div>
    </>
  );
}

function Column({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <div className="overflow-hidden rounded-md ring-1 ring-slate-200" data-testid={testId}>
      <h4 className="bg-slate-50 px-3 py-2 text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</h4>
      <ol className="divide-y divide-slate-100 bg-white text-sm">{children}</ol>
    </div>
  );
}

function TimelineItem({ row }: { row: PreviewData["stay"][number] }) {
  return (
    <li className="flex items-center justify-between gap-3 px-3 py-2">
      <span className="min-w-0">
        <StepLabel step={row.step} index={row.index} />
        {row.change === "added" ? (
          <span className="ml-2">
            <Badge tone="green">new</Badge>
          </span>
        ) : null}
        {row.change === "modified" ? (
          <span className="ml-2">
            <Badge tone="sky">changed</Badge>
          </span>
        ) : null}
        {row.rerun ? (
          <span className="ml-2">
            <Badge tone="amber">again</Badge>
          </span>
        ) : null}
      </span>
      <DateTime value={row.at} className="shrink-0 text-xs whitespace-nowrap text-slate-600" />
    </li>
  );
}
