"use client";
import Papa from "papaparse";
import { useRouter } from "next/navigation";
import { useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatCount, plural } from "@/components/ui/format";
import { interruptionText, useChunkedRun } from "@/components/ui/use-chunked-run";
import { importContactsBatchAction } from "@/lib/actions/contacts";
import { CsvMapping } from "./csv-mapping";
import { ProgressBar } from "./progress-bar";
import {
  batches,
  guessMapping,
  MAX_FILE_BYTES,
  MAX_ROWS,
  validateRows,
  type ImportRow,
  type Mapping,
} from "./csv-validate";

type Parsed = { name: string; headers: string[]; rows: Record<string, string | undefined>[] };
type Phase =
  | { kind: "pick" }
  | { kind: "review" }
  | { kind: "importing"; done: number; total: number }
  | { kind: "done"; created: number; updated: number; skipped: number; error: string | null; imported: number };

const ERRORS_SHOWN = 100;

/** Upload -> preview and map columns -> validate every row -> import in batches of 1,000. */
export function CsvImportDialog() {
  const router = useRouter();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [mapping, setMapping] = useState<Mapping>({
    email: null,
    first_name: null,
    last_name: null,
    phone: null,
    time_zone: null,
  });
  const [keepExtra, setKeepExtra] = useState(true);
  const [fileError, setFileError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "pick" });
  const chunked = useChunkedRun();

  const validation = useMemo(
    () => (parsed && mapping.email ? validateRows(parsed.rows, parsed.headers, mapping, keepExtra) : null),
    [parsed, mapping, keepExtra],
  );

  function resetState() {
    setParsed(null);
    setFileError(null);
    setPhase({ kind: "pick" });
  }

  function reset() {
    resetState();
    if (fileInput.current) fileInput.current.value = "";
  }

  function close() {
    // Escape while importing stops the import (like Stop); the summary then says what was committed.
    if (phase.kind === "importing") {
      chunked.stop();
      return;
    }
    setOpen(false);
    if (phase.kind === "done") router.refresh();
    reset();
  }

  function onFile(file: File | undefined) {
    resetState(); // keep the input's selection visible; only forget the previous file's results
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(
        `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; files over 10 MB are refused. Split it into smaller files.`,
      );
      return;
    }
    Papa.parse<Record<string, string | undefined>>(file, {
      header: true,
      skipEmptyLines: "greedy",
      complete: (result) => {
        const headers = (result.meta.fields ?? []).filter((h) => h !== "");
        if (result.data.length > MAX_ROWS) {
          setFileError(
            `${file.name} has ${formatCount(result.data.length)} rows; at most ${formatCount(MAX_ROWS)} rows per file. Split it into smaller files.`,
          );
          return;
        }
        if (headers.length === 0 || result.data.length === 0) {
          setFileError(`${file.name} has no header row or no data rows.`);
          return;
        }
        setParsed({ name: file.name, headers, rows: result.data });
        setMapping(guessMapping(headers));
        setPhase({ kind: "review" });
      },
      error: (error) => setFileError(`Could not read ${file.name}: ${error.message}`),
    });
  }

  async function runImport(rows: ImportRow[], skipped: number) {
    const chunks = batches(rows);
    const counts = { created: 0, updated: 0, imported: 0 };
    setPhase({ kind: "importing", done: 0, total: rows.length });
    const outcome = await chunked.run(async (runner) => {
      for (const [i, chunk] of chunks.entries()) {
        if (runner.stopRequested()) return;
        const result = await runner.call(() =>
          importContactsBatchAction({
            rows: chunk,
            batchLabel: `${parsed?.name ?? "CSV"}, batch ${i + 1} of ${chunks.length}`,
          }),
        );
        // Counted only once the server acknowledged the batch: these rows are committed.
        counts.created += result.created;
        counts.updated += result.updated;
        counts.imported += result.received;
        setPhase({ kind: "importing", done: counts.imported, total: rows.length });
      }
    });
    const error = interruptionText(outcome, {
      done: counts.imported,
      total: rows.length,
      rerun: "Import the file again: contacts already imported are matched by email and updated, not duplicated.",
    });
    setPhase({ kind: "done", ...counts, skipped, error });
  }

  const valid = validation?.valid ?? [];
  const invalid = validation?.invalidRows ?? 0;
  const footer =
    phase.kind === "review" && validation ? (
      <>
        <Button variant="secondary" onClick={close}>
          Cancel
        </Button>
        {invalid > 0 ? (
          <Button variant="primary" disabled={valid.length === 0} onClick={() => void runImport(valid, invalid)}>
            Import only the {formatCount(valid.length)} valid rows
          </Button>
        ) : (
          <Button variant="primary" onClick={() => void runImport(valid, 0)}>
            Import {plural(valid.length, "contact")}
          </Button>
        )}
      </>
    ) : phase.kind === "done" ? (
      <Button onClick={close}>Done</Button>
    ) : phase.kind === "importing" ? (
      <Button variant="secondary" onClick={chunked.stop}>
        Stop
      </Button>
    ) : phase.kind === "pick" ? (
      <Button variant="secondary" onClick={close}>
        Cancel
      </Button>
    ) : null;

  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Import CSV…
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title="Import contacts from CSV"
        size="xl"
        description="Rows are matched by email: new emails become contacts, known ones are updated."
        footer={footer}
      >
        {phase.kind === "pick" || phase.kind === "review" ? (
          <div className="space-y-5">
            <div className="space-y-1">
              <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
                CSV file (header row first; at most 10 MB and 100,000 rows)
              </label>
              <input
                id={inputId}
                ref={fileInput}
                type="file"
                accept=".csv,text/csv"
                onChange={(e) => onFile(e.target.files?.[0])}
                className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-indigo-700 hover:file:bg-indigo-100"
              />
              {fileError ? (
                <p role="alert" className="text-sm text-red-700">
                  {fileError}
                </p>
              ) : null}
            </div>
            {parsed ? (
              <CsvMapping
                headers={parsed.headers}
                preview={parsed.rows.slice(0, 5)}
                mapping={mapping}
                onMapping={setMapping}
                keepExtra={keepExtra}
                onKeepExtra={setKeepExtra}
              />
            ) : null}
            {parsed && !mapping.email ? (
              <p role="alert" className="text-sm text-red-700">
                Choose the column that holds the email address.
              </p>
            ) : null}
            {validation ? (
              <section
                aria-label="Validation"
                data-testid="csv-validation"
                className={`rounded-md p-4 text-sm ring-1 ${invalid > 0 ? "bg-red-50 ring-red-200" : "bg-green-50 ring-green-200"}`}
              >
                <p className="font-medium text-slate-900">
                  {formatCount(parsed?.rows.length ?? 0)} rows checked: {formatCount(valid.length)} valid
                  {invalid > 0 ? `, ${formatCount(invalid)} with errors` : ""}.
                </p>
                {invalid > 0 ? (
                  <>
                    <p className="mt-1 text-slate-700">
                      Nothing is imported until you fix the file, or choose to import only the valid rows.
                    </p>
                    <ul
                      className="mt-2 max-h-40 list-disc space-y-0.5 overflow-y-auto pl-5 text-red-800"
                      data-testid="csv-errors"
                    >
                      {validation.errors.slice(0, ERRORS_SHOWN).map((e, i) => (
                        <li key={`${e.line}-${i}`}>
                          Line {e.line}: {e.message}
                        </li>
                      ))}
                    </ul>
                    {validation.errors.length > ERRORS_SHOWN ? (
                      <p className="mt-1 text-xs text-slate-600">
                        …and {formatCount(validation.errors.length - ERRORS_SHOWN)} more.
                      </p>
                    ) : null}
                  </>
                ) : null}
              </section>
            ) : null}
          </div>
        ) : phase.kind === "importing" ? (
          <ProgressBar label="Importing contacts" done={phase.done} total={phase.total} />
        ) : (
          <div role="status" className="space-y-2 text-sm" data-testid="csv-result">
            <p className="font-medium text-slate-900">
              Imported {plural(phase.imported, "contact")}: {formatCount(phase.created)} new,{" "}
              {formatCount(phase.updated)} updated
              {phase.skipped > 0 ? `; ${plural(phase.skipped, "invalid row")} skipped` : ""}.
            </p>
            {phase.error ? (
              <p role="alert" className="text-red-700" data-testid="csv-interrupted">
                {phase.error}
              </p>
            ) : null}
          </div>
        )}
      </Dialog>
    </>
  );
}
