import { FunnelChart } from "@/components/charts/funnel-chart";
import { OutcomeLineChart } from "@/components/charts/outcome-line-chart";
import type { OutcomeSeries, VersionFunnel } from "@/lib/views/dashboard";

/**
 * The charts of one sequence with a picker (a plain GET form: no client JS). The outcome numbers
 * come from the outcome counters, so they stay fast however long the timeline grows.
 */
export function SequenceCharts({
  sequences,
  selectedId,
  series,
  funnels,
}: {
  sequences: { id: string; name: string }[];
  selectedId: string;
  series: OutcomeSeries;
  funnels: VersionFunnel[];
}) {
  const name = sequences.find((s) => s.id === selectedId)?.name ?? "";
  return (
    <section aria-labelledby="outcomes-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="outcomes-heading" className="text-lg font-semibold text-slate-900">
            Outcomes of {name}
          </h2>
          <p className="text-sm text-slate-600">Last 30 days, per version, in UTC days.</p>
        </div>
        <form method="get" action="/" className="flex items-end gap-2">
          <label className="text-sm text-slate-700">
            <span className="block text-xs font-medium text-slate-600">Sequence</span>
            <select
              name="sequence"
              defaultValue={selectedId}
              className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            >
              {sequences.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700"
          >
            Show
          </button>
        </form>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <OutcomeLineChart series={series} metric="sent" title="Messages sent per day" />
        <OutcomeLineChart series={series} metric="replied" title="Replies per day" />
      </div>
      <FunnelChart funnels={funnels} title="Funnel per version (all time)" />
    </section>
  );
}
