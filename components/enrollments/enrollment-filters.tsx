"use client";
import { usePathname, useRouter } from "next/navigation";
import { useTransition } from "react";
import { Select } from "@/components/ui/field";
import { ENROLLMENT_STATUSES } from "@/lib/domain/enrollment-status";

type Props = {
  sequences: { id: string; name: string }[];
  versions: { id: string; number: number }[];
  /** Each step's key and one-line summary (not the step itself: bodies stay off the client). */
  steps: { key: string; summary: string }[];
  value: { sequence: string; version: string; status: string; step: string; delivery: string };
};

/** Filters live in the URL (shareable, back button works); each change loads the first page. */
export function EnrollmentFilters({ sequences, versions, steps, value }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();

  function apply(next: Partial<Props["value"]>) {
    const merged = { ...value, ...next };
    // Version and step belong to one sequence: picking another sequence clears them.
    if (next.sequence !== undefined && next.sequence !== value.sequence)
      Object.assign(merged, { version: "", step: "" });
    const params = new URLSearchParams();
    for (const [key, v] of Object.entries(merged)) if (v) params.set(key, v);
    startTransition(() => router.push(params.size ? `${pathname}?${params}` : pathname));
  }

  return (
    <form
      role="search"
      aria-label="Filter enrollments"
      aria-busy={pending}
      className="mb-4 grid grid-cols-2 gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 md:grid-cols-3 lg:grid-cols-5"
      onSubmit={(e) => e.preventDefault()}
    >
      <label className="space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Sequence</span>
        <Select value={value.sequence} onChange={(e) => apply({ sequence: e.target.value })}>
          <option value="">All sequences</option>
          {sequences.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </label>
      <label className="space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Version</span>
        <Select
          value={value.version}
          disabled={!value.sequence}
          onChange={(e) => apply({ version: e.target.value, step: "" })}
        >
          <option value="">{value.sequence ? "All versions" : "Pick a sequence first"}</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              v{v.number}
            </option>
          ))}
        </Select>
      </label>
      <label className="space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Status</span>
        <Select value={value.status} onChange={(e) => apply({ status: e.target.value })}>
          <option value="">Any status</option>
          {ENROLLMENT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s[0]!.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </Select>
      </label>
      <label className="space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Current step</span>
        <Select value={value.step} disabled={!value.sequence} onChange={(e) => apply({ step: e.target.value })}>
          <option value="">{value.sequence ? "Any step" : "Pick a sequence first"}</option>
          {steps.map((s) => (
            <option key={s.key} value={s.key}>
              {s.summary} ({s.key})
            </option>
          ))}
        </Select>
      </label>
      <label className="space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Delivery</span>
        <Select value={value.delivery} onChange={(e) => apply({ delivery: e.target.value })}>
          <option value="">Any</option>
          <option value="pending">Still delivering</option>
        </Select>
      </label>
    </form>
  );
}
