import { RATE_DEFINITIONS, type RateName } from "@/lib/domain/outcome-metrics";
import type { Rate } from "@/lib/views/outcomes";

/** Every rate of RATE_DEFINITIONS from a bag of counts (missing metrics are 0; no denominator: null). */
export function ratesOf(counts: Record<string, number>): Record<RateName, Rate> {
  const out = {} as Record<RateName, Rate>;
  for (const [name, def] of Object.entries(RATE_DEFINITIONS) as [RateName, (typeof RATE_DEFINITIONS)[RateName]][]) {
    const numerator = counts[def.numerator] ?? 0;
    const denominator = counts[def.denominator] ?? 0;
    out[name] = { numerator, denominator, value: denominator > 0 ? numerator / denominator : null };
  }
  return out;
}
