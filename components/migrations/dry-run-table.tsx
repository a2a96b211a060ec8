"use client";
import type { Step } from "@/lib/domain/steps";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/components/ui/format";
import { StepLabel } from "./step-label";
import type { PlanData } from "./types";

/** The dry run: one row per current step of the old version, where those contacts land, how many. */
export function DryRunTable({
  plan,
  fromSteps,
  toSteps,
  onPreview,
}: {
  plan: PlanData;
  fromSteps: Step[];
  toSteps: Step[];
  onPreview: (stepIndex: number) => void;
}) {
  if (plan.rows.length === 0) {
    return (
      <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
        No in-flight enrollment on v{plan.from.number} matches this selection.
      </p>
    );
  }
  return (
    <div className="overflow-hidden rounded-lg ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="dry-run-table">
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2">
              Now at (v{plan.from.number})
            </th>
            <th scope="col" className="px-3 py-2">
              Lands on (v{plan.to.number})
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Enrollments
            </th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Preview</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {plan.rows.map((row) => {
            const fromStep = row.from.step ?? fromSteps[row.from.index];
            return (
              <tr key={row.from.index} data-testid="dry-run-row" data-from={row.from.key ?? "end"}>
                <td className="max-w-xs px-3 py-2">
                  {fromStep ? (
                    <StepLabel step={fromStep} index={row.from.index} />
                  ) : (
                    <span className="text-slate-500">Past the last step (waiting to finish)</span>
                  )}
                  {row.removed ? (
                    <span className="ml-2">
                      <Badge tone="red">removed</Badge>
                    </span>
                  ) : null}
                </td>
                <td className="max-w-xs px-3 py-2">
                  {row.landing.kind === "move" && toSteps[row.landing.toIndex] ? (
                    <StepLabel step={toSteps[row.landing.toIndex]!} index={row.landing.toIndex} />
                  ) : row.landing.kind === "exit" ? (
                    <Badge tone="amber">Exit the sequence</Badge>
                  ) : (
                    <Badge tone="slate">Complete (nothing left)</Badge>
                  )}
                  {row.rerun.length > 0 ? (
                    <span className="mt-1 block text-xs text-amber-800">Will run again: {row.rerun.join(", ")}</span>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-right font-medium text-slate-900 tabular-nums">
                  {formatCount(row.count)}
                </td>
                <td className="px-3 py-2 text-right">
                  <Button variant="ghost" size="sm" onClick={() => onPreview(row.from.index)}>
                    Preview one
                  </Button>
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot className="bg-slate-50 text-sm">
          <tr>
            <td className="px-3 py-2 text-slate-700" colSpan={2}>
              {formatCount(plan.moved)} move · {formatCount(plan.exited)} exit · {formatCount(plan.completed)} complete
              {plan.rerunning > 0 ? (
                <span className="ml-2 text-amber-800">· {formatCount(plan.rerunning)} will repeat steps</span>
              ) : null}
            </td>
            <td className="px-3 py-2 text-right font-semibold text-slate-900 tabular-nums" data-testid="dry-run-total">
              {formatCount(plan.total)}
            </td>
            <td className="px-3 py-2 text-right text-xs text-slate-500">
              of {formatCount(plan.inFlightOnFrom)} in flight
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
