import { STEP_META, stepSummary } from "@/components/steps/step-meta";
import { formatCount } from "@/components/ui/format";
import type { VersionOutcomeView } from "@/lib/views/outcomes";
import { RateCell } from "./rate-text";

/** One version's steps with what each produced; rates are per delivered message of that step. */
export function StepOutcomeTable({ version }: { version: VersionOutcomeView }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table
        className="min-w-full divide-y divide-slate-200 text-sm"
        data-testid="step-outcomes"
        data-version={version.number}
      >
        <caption className="sr-only">Outcomes per step of v{version.number}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold tracking-wide text-slate-600 uppercase">
          <tr>
            <th scope="col" className="px-4 py-3">
              Step
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Sent
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Delivered
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Failed
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Open rate
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Click rate
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Reply rate
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Unsub.
            </th>
            <th scope="col" className="px-4 py-3 text-right">
              Tasks done
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {version.steps.map((s) => {
            const isMessage = s.step.type === "email" || s.step.type === "sms";
            const c = (m: string) => formatCount(s.counts[m] ?? 0);
            return (
              <tr key={s.key} className="align-top">
                <th scope="row" className="px-4 py-2 text-left font-normal">
                  <span className="block font-medium text-slate-900">
                    {s.index + 1}. {STEP_META[s.step.type].label}
                  </span>
                  <span className="block max-w-xs truncate text-xs text-slate-500">
                    {stepSummary(s.step)} ({s.key})
                  </span>
                </th>
                <td className="px-4 py-2 text-right tabular-nums">{isMessage ? c("sent") : "—"}</td>
                <td className="px-4 py-2 text-right tabular-nums">{isMessage ? c("delivered") : "—"}</td>
                <td className="px-4 py-2 text-right tabular-nums">{isMessage ? c("delivery_failed") : "—"}</td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {s.step.type === "email" ? <RateCell rate={s.rates.open} /> : "—"}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {s.step.type === "email" ? <RateCell rate={s.rates.click} /> : "—"}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {isMessage ? <RateCell rate={s.rates.reply} /> : "—"}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{isMessage ? c("unsubscribed") : "—"}</td>
                <td className="px-4 py-2 text-right tabular-nums">
                  {s.step.type === "task" ? `${c("task_completed")} / ${c("task_created")}` : "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
