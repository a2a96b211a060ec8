// Comparing two proportions (reply rate, open rate, click rate of two versions).
//
// - Two-proportion z-test with the pooled standard error (two-sided): the same statistic as
//   Pearson's chi-square on the 2x2 table without continuity correction (R's
//   `prop.test(x, n, correct = FALSE)`: X-squared = z^2, same p-value).
// - Newcombe's hybrid score interval for the difference p1 - p2 (Newcombe 1998, method 10),
//   built from the two Wilson score intervals: it stays inside [-1, 1] and behaves at small
//   counts, where the Wald interval does not.
// - A minimum-sample rule: the normal approximation needs enough trials and enough expected
//   successes and failures in each group; below that the answer is "not enough data yet".
// Pure: no I/O, no dates.

export type Proportion = { successes: number; trials: number };

/** Standard normal CDF (Abramowitz and Stegun 7.1.26 via erf; absolute error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** z for a two-sided confidence level (0.95 -> 1.959964), by bisection on normalCdf. */
export function zFor(confidence: number): number {
  const target = 1 - (1 - confidence) / 2;
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 100; i += 1) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Wilson score interval for one proportion. */
export function wilsonInterval(p: Proportion, confidence = 0.95): { low: number; high: number } {
  const { successes: x, trials: n } = p;
  if (n <= 0) return { low: 0, high: 1 };
  const z = zFor(confidence);
  const phat = x / n;
  const z2 = z * z;
  const centre = (phat + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((phat * (1 - phat)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Newcombe's hybrid score interval (method 10) for p1 - p2. */
export function newcombeInterval(a: Proportion, b: Proportion, confidence = 0.95): { low: number; high: number } {
  const p1 = a.successes / a.trials;
  const p2 = b.successes / b.trials;
  const w1 = wilsonInterval(a, confidence);
  const w2 = wilsonInterval(b, confidence);
  const d = p1 - p2;
  return {
    low: d - Math.sqrt((p1 - w1.low) ** 2 + (w2.high - p2) ** 2),
    high: d + Math.sqrt((w1.high - p1) ** 2 + (p2 - w2.low) ** 2),
  };
}

export type ZTest = { z: number; pValue: number };

/** Pooled two-proportion z-test, two-sided. */
export function twoProportionZTest(a: Proportion, b: Proportion): ZTest {
  const p1 = a.successes / a.trials;
  const p2 = b.successes / b.trials;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  if (!(se > 0)) return { z: 0, pValue: 1 };
  const z = (p1 - p2) / se;
  return { z, pValue: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

/** At least this many trials (e.g. delivered messages) per group before any verdict. */
export const MIN_TRIALS = 100;
/** ... and at least this many expected successes and failures per group under the pooled rate. */
export const MIN_EXPECTED = 5;
export const SIGNIFICANCE = 0.05;

export type Comparison =
  | { kind: "not_enough_data"; reason: string; minTrials: number }
  | {
      kind: "result";
      rateA: number;
      rateB: number;
      difference: number;
      interval: { low: number; high: number };
      z: number;
      pValue: number;
      /** "a" or "b" when the difference is significant at SIGNIFICANCE, else "none". */
      better: "a" | "b" | "none";
    };

/** Compares A and B (e.g. v2 against v1): the test, the interval, and which is better, if any. */
export function compareProportions(a: Proportion, b: Proportion): Comparison {
  if (a.trials < MIN_TRIALS || b.trials < MIN_TRIALS)
    return {
      kind: "not_enough_data",
      reason: `need at least ${MIN_TRIALS} per version (have ${a.trials} and ${b.trials})`,
      minTrials: MIN_TRIALS,
    };
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  const smallest = Math.min(a.trials, b.trials) * Math.min(pooled, 1 - pooled);
  if (smallest < MIN_EXPECTED)
    return {
      kind: "not_enough_data",
      reason: `need at least ${MIN_EXPECTED} expected outcomes each way per version (have ${smallest.toFixed(1)})`,
      minTrials: MIN_TRIALS,
    };
  const test = twoProportionZTest(a, b);
  const rateA = a.successes / a.trials;
  const rateB = b.successes / b.trials;
  return {
    kind: "result",
    rateA,
    rateB,
    difference: rateA - rateB,
    interval: newcombeInterval(a, b),
    z: test.z,
    pValue: test.pValue,
    better: test.pValue < SIGNIFICANCE ? (rateA > rateB ? "a" : "b") : "none",
  };
}
