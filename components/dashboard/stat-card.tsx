import Link from "next/link";
import type { ReactNode } from "react";

/** One headline figure with what it counts in words and, where useful, links to the rows behind it. */
export function StatCard({
  label,
  value,
  testId,
  children,
}: {
  label: string;
  value: string;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <section aria-label={label} className="rounded-lg bg-white p-4 ring-1 ring-slate-200" data-testid={testId}>
      <h2 className="text-sm font-medium text-slate-600">{label}</h2>
      <p
        className="mt-1 text-3xl font-semibold tracking-tight text-slate-900 tabular-nums"
        data-testid={`${testId}-value`}
      >
        {value}
      </p>
      {children ? <div className="mt-2 space-y-1 text-xs text-slate-600">{children}</div> : null}
    </section>
  );
}

export function CardLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="font-medium text-indigo-700 hover:underline">
      {children}
    </Link>
  );
}
