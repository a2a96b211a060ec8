export default function Loading() {
  return (
    <div role="status" aria-label="Loading" className="animate-pulse space-y-4">
      <div className="h-8 w-64 rounded bg-slate-200" />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div className="h-28 rounded-lg bg-white ring-1 ring-slate-200" />
        <div className="h-28 rounded-lg bg-white ring-1 ring-slate-200" />
        <div className="h-28 rounded-lg bg-white ring-1 ring-slate-200" />
        <div className="h-28 rounded-lg bg-white ring-1 ring-slate-200" />
      </div>
      <div className="h-64 rounded-lg bg-white ring-1 ring-slate-200" />
    </div>
  );
}
