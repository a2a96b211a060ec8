import { MACHINE_RULE } from "@/lib/domain/outcome-metrics";

export function MachineRule() {
  return (
    <p
      className="mb-4 rounded-md border border-slate-200 bg-white px-3 py-2 text-xs text-slate-600"
      data-testid="machine-rule"
    >
      {MACHINE_RULE} Open and click rates count each message once (its first human open or click); the raw counts
      include every repeat.
    </p>
  );
}
