import { formatCount } from "@/components/ui/format";
import type { Rate } from "@/lib/views/outcomes";

export function formatRate(rate: Rate): string {
  return rate.value === null ? "—" : `${(rate.value * 100).toFixed(1)} %`;
}

/** "4.1 %" with its numerator and denominator underneath ("41 / 1,000"). */
export function RateCell({ rate }: { rate: Rate }) {
  return (
    <span className="block whitespace-nowrap">
      <span className="font-medium text-slate-900">{formatRate(rate)}</span>
      <span className="block text-xs text-slate-500">
        {formatCount(rate.numerator)} / {formatCount(rate.denominator)}
      </span>
    </span>
  );
}
