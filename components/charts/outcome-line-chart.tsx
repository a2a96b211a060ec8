// Sends or replies per day, one line per version, a dashed marker where each version was
// published. Rendered on the server as plain SVG (visx shapes and scales, no client JS), with
// the numbers as a table for people who do not read charts.
import { Group } from "@visx/group";
import { scaleLinear, scalePoint } from "@visx/scale";
import { Line, LinePath } from "@visx/shape";
import type { OutcomeSeries } from "@/lib/views/dashboard";
import { versionColour } from "./palette";

const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { top: 24, right: 16, bottom: 28, left: 40 };
const DAY_MS = 24 * 60 * 60 * 1000;

export type OutcomeMetricKey = "sent" | "replied";

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

// A counter day is a UTC calendar date (outcome_counts.day), not an instant: it is labelled as the
// date it is, not converted into the viewer's zone (which would shift it by a day west of UTC).
const shortDay = (day: string) =>
  // eslint-disable-next-line no-restricted-syntax
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });

/** Per version, the value of `metric` on every day from its publish day (or the window's start) to the end. */
export function linesOf(series: OutcomeSeries, metric: OutcomeMetricKey) {
  const days = daysBetween(series.from, series.to);
  return series.publishes
    .map((p) => {
      const values = new Map(
        series.points.filter((pt) => pt.versionId === p.versionId).map((pt) => [pt.day, pt[metric]]),
      );
      const start = p.day > series.from ? p.day : series.from;
      const points = days.filter((d) => d >= start).map((day) => ({ day, value: values.get(day) ?? 0 }));
      const total = points.reduce((sum, pt) => sum + pt.value, 0);
      return { versionId: p.versionId, versionNumber: p.versionNumber, points, total };
    })
    .filter((line) => line.points.length > 0 && (line.total > 0 || line.versionNumber === series.publishes.length));
}

export function OutcomeLineChart({
  series,
  metric,
  title,
  id = `chart-${metric}`,
}: {
  series: OutcomeSeries;
  metric: OutcomeMetricKey;
  title: string;
  id?: string;
}) {
  const days = daysBetween(series.from, series.to);
  const lines = linesOf(series, metric);
  const max = Math.max(1, ...lines.flatMap((l) => l.points.map((p) => p.value)));
  const x = scalePoint<string>({ domain: days, range: [0, WIDTH - MARGIN.left - MARGIN.right] });
  const y = scaleLinear<number>({ domain: [0, max], range: [HEIGHT - MARGIN.top - MARGIN.bottom, 0], nice: true });
  const markers = series.publishes.filter((p) => p.day >= series.from && p.day <= series.to);
  const summary = lines.length
    ? `${title} from ${shortDay(series.from)} to ${shortDay(series.to)}: ${lines
        .map((l) => `v${l.versionNumber} ${l.total.toLocaleString("en-US")}`)
        .join(
          ", ",
        )}.${markers.length ? ` Published: ${markers.map((m) => `v${m.versionNumber} on ${shortDay(m.day)}`).join(", ")}.` : ""}`
    : `${title}: nothing recorded in the last ${days.length} days.`;
  const ticks = y.ticks(4);
  const labelEvery = Math.max(1, Math.ceil(days.length / 6));
  return (
    <figure className="rounded-lg bg-white p-4 ring-1 ring-slate-200" data-testid={`${metric}-chart`}>
      <figcaption className="text-sm font-semibold text-slate-900">{title}</figcaption>
      <p id={`${id}-summary`} className="mt-1 text-xs text-slate-600">
        {summary}
      </p>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="mt-2 h-auto w-full"
        role="img"
        aria-labelledby={`${id}-summary`}
      >
        <Group left={MARGIN.left} top={MARGIN.top}>
          {ticks.map((t) => (
            <g key={t}>
              <Line from={{ x: 0, y: y(t) }} to={{ x: x.range()[1]!, y: y(t) }} stroke="#e2e8f0" />
              <text x={-6} y={y(t)} dy="0.32em" textAnchor="end" fontSize={10} fill="#475569">
                {t}
              </text>
            </g>
          ))}
          {days.map((d, i) =>
            i % labelEvery === 0 || i === days.length - 1 ? (
              <text
                key={d}
                x={x(d)}
                y={y(0) + 16}
                textAnchor={i === 0 ? "start" : i === days.length - 1 ? "end" : "middle"}
                fontSize={10}
                fill="#475569"
              >
                {shortDay(d)}
              </text>
            ) : null,
          )}
          {markers.map((m) => (
            <g key={m.versionId} data-testid="publish-marker">
              <Line
                from={{ x: x(m.day) ?? 0, y: -8 }}
                to={{ x: x(m.day) ?? 0, y: y(0) }}
                stroke={versionColour(m.versionNumber)}
                strokeDasharray="4 3"
              />
              <text
                x={(x(m.day) ?? 0) + ((x(m.day) ?? 0) > x.range()[1]! / 2 ? -3 : 3)}
                y={-10}
                textAnchor={(x(m.day) ?? 0) > x.range()[1]! / 2 ? "end" : "start"}
                fontSize={10}
                fill={versionColour(m.versionNumber)}
              >
                v{m.versionNumber} published
              </text>
            </g>
          ))}
          {lines.map((l) => (
            <LinePath
              key={l.versionId}
              data={l.points}
              x={(p) => x(p.day) ?? 0}
              y={(p) => y(p.value)}
              stroke={versionColour(l.versionNumber)}
              strokeWidth={2}
            />
          ))}
        </Group>
      </svg>
      <div className="mt-2 flex flex-wrap gap-3 text-xs text-slate-700">
        {lines.map((l) => (
          <span key={l.versionId} className="inline-flex items-center gap-1">
            <span
              aria-hidden
              className="inline-block h-0.5 w-4"
              style={{ background: versionColour(l.versionNumber) }}
            />
            v{l.versionNumber}
          </span>
        ))}
      </div>
      <details className="mt-2 text-xs text-slate-700">
        <summary className="cursor-pointer text-slate-600">Show the numbers</summary>
        <table className="mt-2 w-full text-left">
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">
                Day (UTC)
              </th>
              {lines.map((l) => (
                <th key={l.versionId} scope="col" className="py-1 pr-2 font-medium">
                  v{l.versionNumber}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d}>
                <th scope="row" className="py-0.5 pr-2 font-normal">
                  {d}
                </th>
                {lines.map((l) => (
                  <td key={l.versionId} className="py-0.5 pr-2 tabular-nums">
                    {l.points.find((p) => p.day === d)?.value ?? "—"}
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
