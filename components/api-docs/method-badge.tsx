const TONES: Record<string, string> = {
  GET: "bg-sky-50 text-sky-800 ring-sky-600/30",
  POST: "bg-green-50 text-green-800 ring-green-600/30",
  PUT: "bg-amber-50 text-amber-800 ring-amber-600/30",
  PATCH: "bg-violet-50 text-violet-800 ring-violet-600/30",
  DELETE: "bg-red-50 text-red-800 ring-red-600/30",
};

export function MethodBadge({ method }: { method: string }) {
  return (
    <span
      className={`inline-flex w-14 shrink-0 justify-center rounded-md px-1.5 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset ${TONES[method] ?? "bg-slate-100 text-slate-700 ring-slate-300"}`}
    >
      {method}
    </span>
  );
}
