import { formatCount } from "@/components/ui/format";
import { MACHINE_RULE, RATE_DEFINITIONS } from "@/lib/domain/outcome-metrics";
import { compareProportions, MIN_TRIALS, type Proportion } from "@/lib/domain/statistics";
import type { Rate, StepOutcomeView, VersionOutcomeView } from "@/lib/views/outcomes";
import { formatRate } from "./rate-text";

const TESTED = [
  { name: "reply", title: "reply rate" },
  { name: "open", title: "open rate" },
  { name: "click", title: "click rate" },
] as const;

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const points = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}`;
const pText = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(p < 0.01 ? 3 : 2)}`);
const asProportion = (rate: Rate): Proportion => ({ successes: rate.numerator, trials: rate.denominator });

/** The plain-words verdict for one rate: newer version (a) against older (b). */
export function verdictText(title: string, a: VersionOutcomeView, b: VersionOutcomeView, rateA: Rate, rateB: Rate) {
  const result = compareProportions(asProportion(rateA), asProportion(rateB));
  const va = `v${a.number}`;
  const vb = `v${b.number}`;
  if (result.kind === "not_enough_data")
    return {
      tone: "neutral" as const,
      text: `${va}'s ${title} is ${formatRate(rateA)} vs ${formatRate(rateB)} for ${vb}: not enough data yet (${result.reason}; at least ${MIN_TRIALS} delivered per version).`,
    };
  const detail = `(${pText(result.pValue)}, two-proportion z-test; 95 % interval of the difference ${points(result.interval.low)} to ${points(result.interval.high)} points)`;
  const head = `${va}'s ${title} is ${pct(result.rateA)} vs ${pct(result.rateB)} for ${vb} ${detail}`;
  if (result.better === "a") return { tone: "better" as const, text: `${head}: ${va} is better.` };
  if (result.better === "b") return { tone: "worse" as const, text: `${head}: ${va} is worse.` };
  return { tone: "neutral" as const, text: `${head}: no significant difference yet.` };
}

const TONE_CLASS = {
  better: "border-green-200 bg-green-50 text-green-900",
  worse: "border-amber-200 bg-amber-50 text-amber-900",
  neutral: "border-slate-200 bg-white text-slate-800",
};

function stepRows(a: VersionOutcomeView, b: VersionOutcomeView) {
  const keys: string[] = [];
  for (const s of [...a.steps, ...b.steps]) if (!keys.includes(s.key)) keys.push(s.key);
  return keys.map((key) => ({
    key,
    a: a.steps.find((s) => s.key === key) ?? null,
    b: b.steps.find((s) => s.key === key) ?? null,
  }));
}

function Cell({ step, render }: { step: StepOutcomeView | null; render: (s: StepOutcomeView) => string }) {
  return <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">{step ? render(step) : "—"}</td>;
}

/**
 * The two versions' outcomes side by side (older `b` first, newer `a` second), per step matched
 * by step key, and a verdict per tested rate. A server component: no client JS.
 */
export function CompareOutcomes({ a, b }: { a: VersionOutcomeView; b: VersionOutcomeView }) {
  const rows = stepRows(a, b);
  const pair = (render: (s: StepOutcomeView) => string, row: (typeof rows)[number]) => (
    <>
      <Cell step={row.b} render={render} />
      <Cell step={row.a} render={render} />
    </>
  );
  const isMessage = (s: StepOutcomeView) => s.step.type === "email" || s.step.type === "sms";
  const rateOf = (name: "reply" | "open" | "click") => (s: StepOutcomeView) =>
    isMessage(s) && (name === "reply" || s.step.type === "email")
      ? `${formatRate(s.rates[name])} (${formatCount(s.rates[name].numerator)}/${formatCount(s.rates[name].denominator)})`
      : "—";
  return (
    <section aria-labelledby="compare-outcomes-title" className="mb-8" data-testid="compare-outcomes">
      <h2 id="compare-outcomes-title" className="mb-2 text-lg font-semibold text-slate-900">
        Outcomes: v{b.number} vs v{a.number}
      </h2>
      <ul className="mb-3 space-y-2">
        {TESTED.map(({ name, title }) => {
          const verdict = verdictText(title, a, b, a.rates[name], b.rates[name]);
          return (
            <li
              key={name}
              className={`rounded-md border px-3 py-2 text-sm ${TONE_CLASS[verdict.tone]}`}
              data-testid={`verdict-${name}`}
            >
              {verdict.text}
            </li>
          );
        })}
      </ul>
      <p className="mb-3 text-xs text-slate-600">
        Rates per delivered message: reply rate = {RATE_DEFINITIONS.reply.label.toLowerCase()}, open rate ={" "}
        {RATE_DEFINITIONS.open.label.toLowerCase()}, click rate = {RATE_DEFINITIONS.click.label.toLowerCase()}. Better
        or worse means p &lt; 0.05 in a pooled two-proportion z-test. {MACHINE_RULE}
      </p>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="compare-steps">
          <caption className="sr-only">
            Outcomes per step of v{b.number} and v{a.number}, matched by step key
          </caption>
          <thead className="bg-slate-50 text-xs font-semibold tracking-wide text-slate-600 uppercase">
            <tr>
              <th scope="col" rowSpan={2} className="px-3 py-2 text-left">
                Step key
              </th>
              <th scope="colgroup" colSpan={2} className="px-3 py-2 text-center">
                Delivered
              </th>
              <th scope="colgroup" colSpan={2} className="px-3 py-2 text-center">
                Reply rate
              </th>
              <th scope="colgroup" colSpan={2} className="px-3 py-2 text-center">
                Open rate
              </th>
              <th scope="colgroup" colSpan={2} className="px-3 py-2 text-center">
                Click rate
              </th>
            </tr>
            <tr>
              {[0, 1, 2, 3].flatMap((i) => [
                <th key={`b${i}`} scope="col" className="px-3 py-1 text-right normal-case">
                  v{b.number}
                </th>,
                <th key={`a${i}`} scope="col" className="px-3 py-1 text-right normal-case">
                  v{a.number}
                </th>,
              ])}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-normal text-slate-800">
                  {row.key}
                </th>
                {pair((s) => (isMessage(s) ? formatCount(s.counts.delivered ?? 0) : "—"), row)}
                {pair(rateOf("reply"), row)}
                {pair(rateOf("open"), row)}
                {pair(rateOf("click"), row)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
