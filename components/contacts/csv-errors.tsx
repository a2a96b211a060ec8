"use client";
import Papa from "papaparse";
import { Button } from "@/components/ui/button";
import { formatCount } from "@/components/ui/format";
import type { ImportRowError } from "@/lib/domain/contact-import";

/** The list shows this many; the download always has every error. */
const ERRORS_LISTED = 500;

/** Every error as CSV: line, column, value, message. Formula-looking cells are escaped for spreadsheets. */
export function errorsCsv(errors: readonly ImportRowError[]): string {
  return Papa.unparse(
    {
      fields: ["line", "column", "value", "message"],
      data: errors.map((e) => [e.line, e.column, e.value, e.message]),
    },
    { escapeFormulae: true, newline: "\n" },
  );
}

function download(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** The rows that failed the checks: a keyboard-scrollable list and the complete error file. */
export function CsvErrors({ errors, fileName }: { errors: readonly ImportRowError[]; fileName: string }) {
  const base = fileName.replace(/\.csv$/i, "") || "contacts";
  const shown = errors.slice(0, ERRORS_LISTED);
  return (
    <div className="mt-2 space-y-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-slate-700" data-testid="csv-error-count">
          {formatCount(errors.length)} {errors.length === 1 ? "error" : "errors"} (line numbers count the header as line
          1)
        </p>
        <Button variant="secondary" onClick={() => download(`${base}-errors.csv`, errorsCsv(errors))}>
          Download all errors (CSV)
        </Button>
      </div>
      {/* A focusable region: keyboard users scroll it with the arrow keys (axe scrollable-region-focusable). */}
      <ul
        tabIndex={0}
        role="list"
        aria-label={`Errors in the file, ${formatCount(errors.length)}`}
        className="max-h-48 list-none space-y-0.5 overflow-y-auto rounded bg-white/60 p-2 text-red-800 ring-1 ring-red-200 focus:ring-2 focus:ring-indigo-500 focus:outline-none"
        data-testid="csv-errors"
      >
        {shown.map((e, i) => (
          <li key={`${e.line}-${e.column}-${i}`}>
            Line {e.line}, {e.column}: {e.value ? <>“{e.value}” </> : null}
            {e.message}
          </li>
        ))}
      </ul>
      {errors.length > shown.length ? (
        <p className="text-xs text-slate-600">
          The first {formatCount(shown.length)} are listed here; the download has all {formatCount(errors.length)}.
        </p>
      ) : null}
    </div>
  );
}
