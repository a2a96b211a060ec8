/** Reused counts say how old they are: "Counted 12 s ago (large counts are refreshed every 30 s)". */
export function CountAge({ ageMs, reuseSeconds, testId }: { ageMs: number; reuseSeconds: number; testId?: string }) {
  if (ageMs < 1000) return null;
  return (
    <p className="text-xs text-slate-500" data-testid={testId}>
      Counted {Math.round(ageMs / 1000)} s ago (large counts are refreshed every {reuseSeconds} s)
    </p>
  );
}
