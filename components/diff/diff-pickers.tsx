import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Select } from "@/components/ui/field";

type Option = { value: string; label: string };

/** A plain GET form: the URL is the state, so any comparison can be bookmarked or shared. */
export function DiffPickers({
  action,
  from,
  to,
  versions,
}: {
  action: string;
  from: string;
  to: string;
  versions: { number: number; note: string }[];
}) {
  const options: Option[] = versions.map((v) => ({
    value: String(v.number),
    label: `v${v.number} · ${v.note.length > 40 ? `${v.note.slice(0, 39)}…` : v.note}`,
  }));
  return (
    <form
      action={action}
      method="get"
      className="mb-6 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <div className="w-72">
        <label htmlFor="diff-from" className="mb-1 block text-sm font-medium text-slate-700">
          From
        </label>
        <Select id="diff-from" name="from" defaultValue={from}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </Select>
      </div>
      <span aria-hidden="true" className="pb-2 text-slate-400">
        →
      </span>
      <div className="w-72">
        <label htmlFor="diff-to" className="mb-1 block text-sm font-medium text-slate-700">
          To
        </label>
        <Select id="diff-to" name="to" defaultValue={to}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          <option value="draft">Current draft</option>
        </Select>
      </div>
      <button type="submit" className={buttonClass("primary")}>
        Compare
      </button>
      {to !== "draft" ? (
        <Link href={`${action}?from=${to}&to=${from}`} className={buttonClass("ghost")}>
          Swap
        </Link>
      ) : null}
    </form>
  );
}
