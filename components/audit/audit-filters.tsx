"use client";
import { usePathname, useRouter } from "next/navigation";
import { useId, useTransition } from "react";
import type { AuditFacets, AuditFilterValues } from "@/lib/views/audit";
import { AUDIT_EXPORT_LIMIT } from "@/lib/domain/audit-limits";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";

function query(values: AuditFilterValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  return params.toString();
}

/** The audit log's filters, applied as soon as one is chosen (the URL holds them, so a filtered view can be shared). */
export function AuditFilters({
  values,
  facets,
  zone,
}: {
  values: AuditFilterValues;
  facets: AuditFacets;
  zone: string;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const id = useId();
  const [pending, startTransition] = useTransition();
  const apply = (patch: Partial<AuditFilterValues>) => {
    const next = query({ ...values, ...patch });
    startTransition(() => router.replace(next ? `${pathname}?${next}` : pathname));
  };
  const anyFilter = Object.values(values).some(Boolean);
  const label = "block text-xs font-medium text-slate-700";

  return (
    <form
      role="search"
      aria-label="Filter the audit log"
      aria-busy={pending}
      className="mb-4 grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-6"
      onSubmit={(e) => e.preventDefault()}
    >
      <div>
        <label htmlFor={`${id}-actor`} className={label}>
          Who
        </label>
        <select
          id={`${id}-actor`}
          className={inputClass}
          value={values.actor}
          onChange={(e) => apply({ actor: e.target.value })}
        >
          <option value="">Anyone</option>
          {facets.actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.email})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-action`} className={label}>
          What
        </label>
        <select
          id={`${id}-action`}
          className={inputClass}
          value={values.action}
          onChange={(e) => apply({ action: e.target.value })}
        >
          <option value="">Any action</option>
          {facets.actions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-entity`} className={label}>
          Entity
        </label>
        <select
          id={`${id}-entity`}
          className={inputClass}
          value={values.entity}
          onChange={(e) => apply({ entity: e.target.value })}
        >
          <option value="">Any entity</option>
          {facets.entityTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-from`} className={label}>
          From ({zone})
        </label>
        <input
          id={`${id}-from`}
          type="datetime-local"
          className={inputClass}
          defaultValue={values.from}
          onBlur={(e) => e.target.value !== values.from && apply({ from: e.target.value })}
          onKeyDown={(e) => e.key === "Enter" && apply({ from: e.currentTarget.value })}
        />
      </div>
      <div>
        <label htmlFor={`${id}-to`} className={label}>
          To ({zone})
        </label>
        <input
          id={`${id}-to`}
          type="datetime-local"
          className={inputClass}
          defaultValue={values.to}
          onBlur={(e) => e.target.value !== values.to && apply({ to: e.target.value })}
          onKeyDown={(e) => e.key === "Enter" && apply({ to: e.currentTarget.value })}
        />
      </div>
      <div className="flex flex-col justify-end gap-1">
        <a
          href={`/api/audit/export${query(values) ? `?${query(values)}` : ""}`}
          className={buttonClass("secondary")}
          data-testid="audit-export"
          download
        >
          Export CSV
        </a>
        <span className="text-xs text-slate-500">
          The {AUDIT_EXPORT_LIMIT.toLocaleString("en-US")} newest matching entries at most
        </span>
      </div>
      {anyFilter ? (
        <p className="text-xs text-slate-600 sm:col-span-2 lg:col-span-6">
          {pending ? "Applying…" : "Filtered."}{" "}
          <button
            type="button"
            className="text-indigo-700 underline hover:text-indigo-900"
            onClick={() => apply({ actor: "", action: "", entity: "", from: "", to: "" })}
          >
            Clear filters
          </button>
        </p>
      ) : null}
    </form>
  );
}
