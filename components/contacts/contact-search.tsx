import { buttonClass } from "@/components/ui/button";
import { Select, TextInput } from "@/components/ui/field";

/** A GET form: the search lives in the URL, so it is shareable and the back button works. */
export function ContactSearch({ query, field }: { query: string; field: string }) {
  return (
    <form
      method="get"
      action="/contacts"
      role="search"
      aria-label="Search contacts"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
    >
      <label className="min-w-72 flex-1 space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Search</span>
        <TextInput type="search" name="q" defaultValue={query} placeholder="Name or email starts with…" />
      </label>
      <label className="w-44 space-y-1 text-sm font-medium text-slate-700">
        <span className="block">Search in</span>
        <Select name="field" defaultValue={field}>
          <option value="">Name, or email if it has @</option>
          <option value="name">Name</option>
          <option value="email">Email</option>
        </Select>
      </label>
      <button type="submit" className={buttonClass("secondary")}>
        Search
      </button>
    </form>
  );
}
