import type { FieldRow, ParameterRow, RichText as Text } from "@/lib/domain/api-reference";
import { RichText } from "./rich-text";

// The nested field table of a request body, a response or the problem document. Nesting shows
// twice: the row is indented, and the parent path is printed before the name (muted), so it
// also reads in a screen reader's table navigation and when the indentation is lost.

const HEAD = "px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600";
const CELL = "px-3 py-2 align-top";
const indent = (depth: number) => ({ paddingLeft: `${0.75 + depth * 1.25}rem` });

function Details({ description, limits }: { description: Text | null; limits: Text[] }) {
  return (
    <>
      {description ? (
        <p className="text-slate-700">
          <RichText text={description} />
        </p>
      ) : null}
      {limits.length > 0 ? (
        <ul className={`flex flex-wrap gap-1.5 ${description ? "mt-1.5" : ""}`}>
          {limits.map((limit, i) => (
            <li key={i} className="rounded bg-slate-50 px-1.5 py-0.5 text-xs text-slate-700 ring-1 ring-slate-200">
              <RichText text={limit} />
            </li>
          ))}
        </ul>
      ) : null}
      {!description && limits.length === 0 ? <span className="text-slate-600">—</span> : null}
    </>
  );
}

function Required({ required }: { required: boolean }) {
  return required ? (
    <span className="font-medium text-slate-900">required</span>
  ) : (
    <span className="text-slate-600">optional</span>
  );
}

export function FieldTable({ caption, rows }: { caption: string; rows: FieldRow[] }) {
  return (
    <table className="w-full table-fixed border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <colgroup>
        <col className="w-[36%]" />
        <col className="w-[20%]" />
        <col className="w-[11%]" />
        <col />
      </colgroup>
      <thead className="border-b border-slate-200 bg-slate-50">
        <tr>
          <th scope="col" className={HEAD}>
            Field
          </th>
          <th scope="col" className={HEAD}>
            Type
          </th>
          <th scope="col" className={HEAD}>
            Required
          </th>
          <th scope="col" className={HEAD}>
            Description and limits
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row, i) =>
          row.kind === "variant" ? (
            <tr key={i} className="bg-slate-50">
              <td colSpan={4} className="px-3 py-1.5 text-xs font-semibold text-slate-700" style={indent(row.depth)}>
                {row.parent ? <span className="font-mono font-normal text-slate-600">{row.parent}: </span> : null}
                <RichText text={row.label} />
              </td>
            </tr>
          ) : (
            <tr key={i}>
              <th
                scope="row"
                className={`${CELL} font-mono text-[13px] font-normal break-words`}
                style={indent(row.depth)}
              >
                {row.parent ? <span className="text-slate-600">{row.parent}</span> : null}
                <span className="font-semibold text-slate-900">{row.name}</span>
              </th>
              <td className={`${CELL} font-mono text-[13px] break-words text-slate-700`}>{row.type}</td>
              <td className={CELL}>
                <Required required={row.required} />
              </td>
              <td className={`${CELL} break-words`}>
                <Details description={row.description} limits={row.limits} />
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}

export function ParameterTable({ caption, rows }: { caption: string; rows: ParameterRow[] }) {
  return (
    <table className="w-full table-fixed border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <colgroup>
        <col className="w-[24%]" />
        <col className="w-[12%]" />
        <col className="w-[20%]" />
        <col className="w-[11%]" />
        <col />
      </colgroup>
      <thead className="border-b border-slate-200 bg-slate-50">
        <tr>
          <th scope="col" className={HEAD}>
            Name
          </th>
          <th scope="col" className={HEAD}>
            In
          </th>
          <th scope="col" className={HEAD}>
            Type
          </th>
          <th scope="col" className={HEAD}>
            Required
          </th>
          <th scope="col" className={HEAD}>
            Description and limits
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row) => (
          <tr key={`${row.in}:${row.name}`}>
            <th scope="row" className={`${CELL} font-mono text-[13px] font-semibold break-words text-slate-900`}>
              {row.name}
            </th>
            <td className={`${CELL} text-slate-700`}>{row.in}</td>
            <td className={`${CELL} font-mono text-[13px] break-words text-slate-700`}>{row.type}</td>
            <td className={CELL}>
              <Required required={row.required} />
            </td>
            <td className={`${CELL} break-words`}>
              <Details description={row.description} limits={row.limits} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
