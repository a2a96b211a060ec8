import { buttonClass } from "@/components/ui/button";
import { Select } from "@/components/ui/field";

/** A plain GET form: filters are URL parameters and work without JavaScript. */
export function MailboxFilters({
  sequences,
  value,
}: {
  sequences: { id: string; name: string }[];
  value: { sequence: string; status: string };
}) {
  return (
    <form
      method="get"
      action="/messages"
      role="search"
      aria-label="Filter messages"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <label className="w-72 space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Sequence</span>
        <Select name="sequence" defaultValue={value.sequence}>
          <option value="">All sequences</option>
          {sequences.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
      </label>
      <label className="w-44 space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Status</span>
        <Select name="status" defaultValue={value.status}>
          <option value="">Any status</option>
          <option value="queued">Queued</option>
          <option value="sent">Sent</option>
          <option value="failed">Failed</option>
        </Select>
      </label>
      <button type="submit" className={buttonClass("secondary")}>
        Apply filters
      </button>
    </form>
  );
}
