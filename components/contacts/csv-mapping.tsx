"use client";
import { useId } from "react";
import { Select } from "@/components/ui/field";
import { CONTACT_FIELDS, type ContactField, type Mapping } from "./csv-validate";

const LABELS: Record<ContactField, string> = {
  email: "Email (required)",
  first_name: "First name",
  last_name: "Last name",
  phone: "Phone",
  time_zone: "Time zone (IANA)",
};

type Props = {
  headers: string[];
  preview: Record<string, string | undefined>[];
  mapping: Mapping;
  onMapping: (m: Mapping) => void;
  keepExtra: boolean;
  onKeepExtra: (v: boolean) => void;
};

/** Which column feeds which field, with the first rows of the file to check the guess against. */
export function CsvMapping({ headers, preview, mapping, onMapping, keepExtra, onKeepExtra }: Props) {
  const id = useId();
  const mapped = new Set(Object.values(mapping));
  const extra = headers.filter((h) => !mapped.has(h));
  return (
    <div className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Columns</legend>
        <div className="mt-2 grid grid-cols-2 gap-3 md:grid-cols-4">
          {CONTACT_FIELDS.map((field) => (
            <div key={field} className="space-y-1">
              <label htmlFor={`${id}-${field}`} className="block text-xs font-medium text-slate-700">
                {LABELS[field]}
              </label>
              <Select
                id={`${id}-${field}`}
                value={mapping[field] ?? ""}
                onChange={(e) => onMapping({ ...mapping, [field]: e.target.value || null })}
              >
                <option value="">(not in this file)</option>
                {headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </Select>
            </div>
          ))}
        </div>
        <label className="mt-3 flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={keepExtra}
            onChange={(e) => onKeepExtra(e.target.checked)}
            className="h-4 w-4 rounded border-slate-300"
          />
          Keep the other columns as attributes{extra.length > 0 ? ` (${extra.join(", ")})` : ""}
        </label>
      </fieldset>
      <div>
        <p className="text-sm font-medium text-slate-900">Preview of the first rows</p>
        <div className="mt-2 max-w-full overflow-x-auto rounded-md ring-1 ring-slate-200">
          <table className="min-w-full divide-y divide-slate-200 text-xs" data-testid="csv-preview">
            <thead className="bg-slate-50 text-left font-semibold text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Line
                </th>
                {headers.map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 whitespace-nowrap">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {preview.map((row, i) => (
                <tr key={i}>
                  <td className="px-3 py-1.5 text-slate-500 tabular-nums">{i + 2}</td>
                  {headers.map((h) => (
                    <td key={h} className="max-w-48 truncate px-3 py-1.5 text-slate-800">
                      {row[h] ?? ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
