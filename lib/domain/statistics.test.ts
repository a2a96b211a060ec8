import { describe, expect, it } from "vitest";
import {
  compareProportions,
  newcombeInterval,
  normalCdf,
  twoProportionZTest,
  wilsonInterval,
  zFor,
} from "./statistics";

// Known answers:
// - Newcombe RG. "Interval estimation for the difference between independent proportions:
//   comparison of eleven methods." Statistics in Medicine 1998;17:873-890, worked example
//   56/70 vs 48/80: difference 0.2000, method 10 (hybrid score) 95% CI 0.0524 to 0.3339.
// - Newcombe RG. "Two-sided confidence intervals for the single proportion: comparison of seven
//   methods." Statistics in Medicine 1998;17:857-872, example 81/263: Wilson score interval
//   0.2553 to 0.3662.
// - The z-test is Pearson's chi-square without continuity correction (R's
//   prop.test(correct = FALSE)); the reference values below were computed with SciPy 1.17
//   `scipy.stats.chi2_contingency(table, correction=False)`:
//     [[56,14],[48,32]] -> chi2 7.023411, p 0.0080451
//     [[41,959],[29,971]] -> chi2 2.131754, p 0.1442756
//     [[9,1],[3,7]] -> chi2 7.5, p 0.0061699

describe("statistics", () => {
  it("normal CDF and quantile", () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(zFor(0.95)).toBeCloseTo(1.959964, 5);
  });

  it("Wilson interval: Newcombe 1998 example 81/263", () => {
    const w = wilsonInterval({ successes: 81, trials: 263 });
    expect(w.low).toBeCloseTo(0.2553, 4);
    expect(w.high).toBeCloseTo(0.3662, 4);
  });

  it("Newcombe hybrid score interval: 56/70 vs 48/80 gives 0.0524 to 0.3339", () => {
    const ci = newcombeInterval({ successes: 56, trials: 70 }, { successes: 48, trials: 80 });
    expect(ci.low).toBeCloseTo(0.0524, 4);
    expect(ci.high).toBeCloseTo(0.3339, 4);
  });

  it.each([
    [56, 70, 48, 80, 7.023411, 0.0080451],
    [41, 1000, 29, 1000, 2.131754, 0.1442756],
    [9, 10, 3, 10, 7.5, 0.0061699],
  ])("z-test %i/%i vs %i/%i matches chi-square without correction", (x1, n1, x2, n2, chi2, p) => {
    const t = twoProportionZTest({ successes: x1, trials: n1 }, { successes: x2, trials: n2 });
    expect(t.z * t.z).toBeCloseTo(chi2, 4);
    expect(t.pValue).toBeCloseTo(p, 5);
  });

  it("says not enough data below the minimum sample", () => {
    expect(compareProportions({ successes: 9, trials: 10 }, { successes: 3, trials: 10 })).toMatchObject({
      kind: "not_enough_data",
    });
    // enough trials but too few expected replies
    expect(compareProportions({ successes: 1, trials: 200 }, { successes: 0, trials: 200 })).toMatchObject({
      kind: "not_enough_data",
    });
  });

  it("names the better version only when significant", () => {
    const sig = compareProportions({ successes: 80, trials: 1000 }, { successes: 45, trials: 1000 });
    expect(sig).toMatchObject({ kind: "result", better: "a" });
    const ns = compareProportions({ successes: 41, trials: 1000 }, { successes: 29, trials: 1000 });
    expect(ns).toMatchObject({ kind: "result", better: "none" });
    if (ns.kind === "result") expect(ns.pValue).toBeCloseTo(0.1442756, 5);
  });
});
