"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { undoMigrationAction } from "@/lib/actions/migrations";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { formatCount, plural } from "@/components/ui/format";
import { DateTime } from "@/components/ui/date-time";
import { unwrap, type UndoData } from "./types";

export type HistoryRow = {
  id: string;
  fromVersion: number;
  toVersion: number;
  status: "applying" | "applied" | "undone";
  selectionText: string;
  counts: { total: number; moved: number; exited: number; completed: number; undone: number; kept: number };
  createdBy: string | null;
  createdAt: Date;
  appliedAt: Date | null;
  undoneBy: string | null;
  undoneAt: Date | null;
};

const STATUS = { applying: ["amber", "Applying"], applied: ["green", "Applied"], undone: ["slate", "Undone"] } as const;

export function MigrationHistory({
  sequenceId,
  rows,
  canUndo,
}: {
  sequenceId: string;
  rows: HistoryRow[];
  canUndo: boolean;
}) {
  const [result, setResult] = useState<{ row: HistoryRow; data: UndoData } | null>(null);
  return (
    <div className="space-y-4">
      {result ? <UndoResultBanner row={result.row} data={result.data} onDismiss={() => setResult(null)} /> : null}
      <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="migration-history">
          <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3">
                Move
              </th>
              <th scope="col" className="px-4 py-3">
                Who, when
              </th>
              <th scope="col" className="px-4 py-3">
                Which
              </th>
              <th scope="col" className="px-4 py-3 text-right">
                Moved / exited / completed
              </th>
              <th scope="col" className="px-4 py-3">
                Status
              </th>
              <th scope="col" className="px-4 py-3">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id} data-testid="migration-row" data-status={row.status} className="align-top">
                <td className="px-4 py-3 font-semibold whitespace-nowrap text-slate-900">
                  v{row.fromVersion} → v{row.toVersion}
                </td>
                <td className="px-4 py-3 text-slate-700">
                  <span className="block">{row.createdBy ?? "Unknown"}</span>
                  <span className="text-xs whitespace-nowrap text-slate-500">
                    <DateTime value={row.appliedAt ?? row.createdAt} />
                  </span>
                </td>
                <td className="px-4 py-3 text-slate-700">{row.selectionText}</td>
                <td className="px-4 py-3 text-right whitespace-nowrap text-slate-800 tabular-nums">
                  {formatCount(row.counts.moved)} / {formatCount(row.counts.exited)} /{" "}
                  {formatCount(row.counts.completed)}
                </td>
                <td className="px-4 py-3">
                  <Badge tone={STATUS[row.status][0]}>{STATUS[row.status][1]}</Badge>
                  {row.status === "undone" ? (
                    <span className="mt-1 block text-xs text-slate-600">
                      {formatCount(row.counts.undone)} restored, {formatCount(row.counts.kept)} kept ·{" "}
                      {row.undoneBy ?? "Unknown"}, <DateTime value={row.undoneAt} />
                    </span>
                  ) : null}
                </td>
                <td className="px-4 py-3 text-right">
                  {canUndo && row.status === "applied" ? (
                    <UndoButton sequenceId={sequenceId} row={row} onDone={(data) => setResult({ row, data })} />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function UndoButton({
  sequenceId,
  row,
  onDone,
}: {
  sequenceId: string;
  row: HistoryRow;
  onDone: (data: UndoData) => void;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const undo = useMutation({
    mutationFn: () => unwrap(undoMigrationAction({ sequenceId, migrationId: row.id })),
    onSuccess: (data) => {
      setOpen(false);
      onDone(data);
      router.refresh();
    },
  });
  const moved = row.counts.moved + row.counts.exited + row.counts.completed;
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => setOpen(true)}
        aria-label={`Undo the move from v${row.fromVersion} to v${row.toVersion}`}
      >
        Undo
      </Button>
      <ConfirmDialog
        open={open}
        title={`Undo the move from v${row.fromVersion} to v${row.toVersion}?`}
        confirmLabel="Undo the move"
        tone="danger"
        pending={undo.isPending}
        error={undo.isError ? undo.error.message : null}
        onConfirm={() => undo.mutate()}
        onClose={() => {
          undo.reset();
          setOpen(false);
        }}
      >
        Each of the {plural(moved, "enrollment")} goes back to v{row.fromVersion}, to the step, schedule and status it
        had, unless it has run a step or changed since the move: those stay where they are and are listed afterwards.
      </ConfirmDialog>
    </>
  );
}

const REASON: Record<keyof UndoData["keptByReason"], string> = {
  executed_step: "ran a step on the new version",
  moved_again: "were moved again later",
  changed: "changed since (paused, resumed, task done, exited)",
  re_enrolled: "were re-enrolled",
};

function UndoResultBanner({ row, data, onDismiss }: { row: HistoryRow; data: UndoData; onDismiss: () => void }) {
  const reasons = (Object.keys(REASON) as (keyof typeof REASON)[]).filter((r) => data.keptByReason[r] > 0);
  return (
    <div
      role="status"
      className="rounded-lg bg-green-50 p-4 text-sm text-green-900 ring-1 ring-green-600/30"
      data-testid="undo-result"
    >
      <div className="flex items-start justify-between gap-4">
        <p className="font-semibold">
          Restored {plural(data.restored, "enrollment")} to v{row.fromVersion}.
          {data.kept > 0 ? ` ${plural(data.kept, "enrollment")} stayed on v${row.toVersion}.` : ""}
        </p>
        <button type="button" onClick={onDismiss} className="text-green-800 hover:text-green-950" aria-label="Dismiss">
          ✕
        </button>
      </div>
      {reasons.length > 0 ? (
        <ul className="mt-2 list-disc pl-5">
          {reasons.map((r) => (
            <li key={r}>
              {formatCount(data.keptByReason[r])} {REASON[r]}
            </li>
          ))}
        </ul>
      ) : null}
      {data.keptSample.length > 0 ? (
        <details className="mt-2">
          <summary className="cursor-pointer">
            Enrollments kept ({data.keptSample.length < data.kept ? `first ${data.keptSample.length}` : "all"})
          </summary>
          <ul className="mt-1 max-h-48 overflow-auto font-mono text-xs">
            {data.keptSample.map((k) => (
              <li key={k.enrollmentId}>
                {k.enrollmentId} · {REASON[k.reason]}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
