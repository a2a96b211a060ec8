// The funnel per version as grouped horizontal bars (one group per stage, one bar per version),
// each bar labelled with its count and its rate against the version's enrolled contacts.
// Server-rendered SVG (visx), with the same numbers in a table.
import { Group } from "@visx/group";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import type { FunnelStage, VersionFunnel } from "@/lib/views/dashboard";
import { versionColour } from "./palette";

const WIDTH = 640;
const MARGIN = { top: 8, right: 120, bottom: 8, left: 72 };
const BAR = 14;

const percent = (count: number, of: number) => (of > 0 ? `${((100 * count) / of).toFixed(1)}%` : "—");

/** "62.8% of sent" for a stage with a denominator, null for a plain count. */
function rateText(funnel: VersionFunnel, stage: FunnelStage): string | null {
  if (!stage.rateOf) return null;
  const of = funnel.stages.find((s) => s.metric === stage.rateOf);
  return `${percent(stage.count, of?.count ?? 0)} of ${of?.label.toLowerCase() ?? stage.rateOf}`;
}

export function FunnelChart({
  funnels,
  title,
  id = "funnel",
}: {
  funnels: VersionFunnel[];
  title: string;
  id?: string;
}) {
  const shown = funnels.filter((f) => f.stages.some((s) => s.count > 0));
  const stages = shown[0]?.stages.map((s) => s.label) ?? [];
  const groupHeight = shown.length * (BAR + 2) + 10;
  const height = MARGIN.top + MARGIN.bottom + stages.length * groupHeight;
  const max = Math.max(1, ...shown.flatMap((f) => f.stages.map((s) => s.count)));
  const x = scaleLinear<number>({ domain: [0, max], range: [0, WIDTH - MARGIN.left - MARGIN.right] });
  const y = scaleBand<string>({ domain: stages, range: [0, stages.length * groupHeight] });
  const summary = shown.length
    ? `${title}: ${shown
        .map(
          (f) =>
            `v${f.versionNumber} ${f.stages
              .map(
                (s) =>
                  `${s.count.toLocaleString("en-US")} ${s.label.toLowerCase()}${rateText(f, s) ? ` (${rateText(f, s)})` : ""}`,
              )
              .join(", ")}`,
        )
        .join("; ")}.`
    : `${title}: no outcomes recorded yet.`;
  return (
    <figure className="rounded-lg bg-white p-4 ring-1 ring-slate-200" data-testid="funnel-chart">
      <figcaption className="text-sm font-semibold text-slate-900">{title}</figcaption>
      <p id={`${id}-summary`} className="mt-1 text-xs text-slate-600">
        {summary}
      </p>
      {shown.length ? (
        <svg
          viewBox={`0 0 ${WIDTH} ${height}`}
          className="mt-2 h-auto w-full"
          role="img"
          aria-labelledby={`${id}-summary`}
        >
          <Group left={MARGIN.left} top={MARGIN.top}>
            {stages.map((label, si) => (
              <g key={label}>
                <text x={-8} y={(y(label) ?? 0) + groupHeight / 2 - 4} textAnchor="end" fontSize={11} fill="#334155">
                  {label}
                </text>
                {shown.map((f, vi) => {
                  const stage = f.stages[si]!;
                  const top = (y(label) ?? 0) + vi * (BAR + 2);
                  const width = Math.max(1, x(stage.count));
                  return (
                    <g key={f.versionId}>
                      <Bar x={0} y={top} width={width} height={BAR} fill={versionColour(f.versionNumber)} rx={2} />
                      <text x={width + 4} y={top + BAR / 2} dy="0.32em" fontSize={10} fill="#334155">
                        v{f.versionNumber}: {stage.count.toLocaleString("en-US")}
                        {rateText(f, stage) ? ` (${rateText(f, stage)})` : ""}
                      </text>
                    </g>
                  );
                })}
              </g>
            ))}
          </Group>
        </svg>
      ) : null}
      <details className="mt-2 text-xs text-slate-700">
        <summary className="cursor-pointer text-slate-600">Show the numbers</summary>
        <table className="mt-2 w-full text-left">
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">
                Stage
              </th>
              {shown.map((f) => (
                <th key={f.versionId} scope="col" className="py-1 pr-2 font-medium">
                  v{f.versionNumber}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {stages.map((label, si) => (
              <tr key={label}>
                <th scope="row" className="py-0.5 pr-2 font-normal">
                  {label}
                </th>
                {shown.map((f) => (
                  <td key={f.versionId} className="py-0.5 pr-2 tabular-nums">
                    {f.stages[si]!.count.toLocaleString("en-US")}
                    {rateText(f, f.stages[si]!) ? ` (${rateText(f, f.stages[si]!)})` : ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
