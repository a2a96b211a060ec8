"use client";
import Papa from "papaparse";
import { useRouter } from "next/navigation";
import { useId, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatCount, plural } from "@/components/ui/format";
import { useChunkedRun } from "@/components/ui/use-chunked-run";
import {
  commitContactImportAction,
  discardContactImportAction,
  stageContactImportAction,
  startContactImportAction,
} from "@/lib/actions/contacts";
import type { ImportMode, ImportOutcome, RawImportRow } from "@/lib/domain/contact-import";
import { CsvErrors } from "./csv-errors";
import { CsvMapping } from "./csv-mapping";
import { CsvMode } from "./csv-mode";
import { ProgressBar } from "./progress-bar";
import { batches, guessMapping, MAX_FILE_BYTES, MAX_ROWS, validateRows, type Mapping } from "./csv-validate";

type Parsed = { name: string; headers: string[]; rows: Record<string, string | undefined>[] };
type Phase =
  | { kind: "pick" }
  | { kind: "review" }
  | { kind: "importing"; done: number; total: number; committing: boolean }
  | { kind: "done"; outcome: ImportOutcome | null; error: string | null };

/**
 * Upload -> preview and map columns -> validate every row -> upload the rows in batches into a
 * staged import -> one commit imports them (all or nothing, or only the valid rows). A failure or
 * Stop before the commit imports nothing.
 */
export function CsvImportDialog() {
  const router = useRouter();
  const inputId = useId();
  const blockedId = useId();
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
  const [mode, setMode] = useState<ImportMode>("all_or_nothing");
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
    // Escape while uploading stops the import (like Stop): nothing is imported.
    // Once the commit is under way it cannot be taken back half-way: Escape waits for its answer.
    if (phase.kind === "importing") {
      if (!phase.committing) chunked.stop();
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

  async function runImport(rows: RawImportRow[]) {
    const total = rows.length;
    const chunks = batches(rows);
    let uploaded = 0;
    let importId: string | null = null;
    let committing = false;
    let outcome: ImportOutcome | null = null;
    setPhase({ kind: "importing", done: 0, total, committing });
    const run = await chunked.run(async (runner) => {
      const started = await runner.call(() =>
        startContactImportAction({ fileName: parsed?.name ?? "contacts.csv", mode, totalRows: total }),
      );
      importId = started.importId;
      for (const chunk of chunks) {
        if (runner.stopRequested()) return;
        await runner.call(() => stageContactImportAction({ importId: started.importId, rows: chunk }));
        uploaded += chunk.length;
        setPhase({ kind: "importing", done: uploaded, total, committing });
      }
      if (runner.stopRequested()) return;
      committing = true;
      setPhase({ kind: "importing", done: uploaded, total, committing });
      outcome = await runner.call(() => commitContactImportAction({ importId: started.importId }));
    });
    let error: string | null = null;
    if (run.kind !== "finished" || !outcome) {
      const id: string | null = importId;
      // Staged rows are not contacts; drop them now rather than leave them for the daily clean-up.
      if (id && !committing) void discardContactImportAction({ importId: id }).catch(() => undefined);
      const progress = `after uploading ${formatCount(uploaded)} of ${plural(total, "row")}`;
      const nothing = "Nothing was imported: rows are only imported once the whole file has arrived.";
      error = committing
        ? run.kind === "refused"
          ? `${run.error} Nothing was imported.`
          : "Lost contact while the import was being committed: it happened in full or not at all. Check Contacts, or import the file again (contacts are matched by email, never duplicated)."
        : run.kind === "refused"
          ? `${run.error} (${progress}). ${nothing}`
          : `${run.kind === "stopped" ? "Stopped" : "Lost contact"} ${progress}. ${nothing} Import the file again.`;
    }
    setPhase({ kind: "done", outcome, error });
  }

  const valid = validation?.valid ?? [];
  const invalid = validation?.invalidRows ?? 0;
  const blocked = mode === "all_or_nothing" && invalid > 0;
  const footer =
    phase.kind === "review" && validation ? (
      <>
        <Button variant="secondary" onClick={close}>
          Cancel
        </Button>
        {invalid === 0 ? (
          <Button variant="primary" onClick={() => void runImport(validation.raw)}>
            Import {plural(valid.length, "contact")}
          </Button>
        ) : mode === "valid_rows" ? (
          <Button variant="primary" disabled={valid.length === 0} onClick={() => void runImport(validation.raw)}>
            Import only the {formatCount(valid.length)} valid rows
          </Button>
        ) : (
          <Button variant="primary" disabled aria-describedby={blockedId}>
            Import all {formatCount(validation.raw.length)} rows
          </Button>
        )}
      </>
    ) : phase.kind === "done" ? (
      <Button onClick={close}>Done</Button>
    ) : phase.kind === "importing" ? (
      <Button variant="secondary" onClick={chunked.stop} disabled={phase.committing}>
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
            {parsed ? <CsvMode mode={mode} onMode={setMode} /> : null}
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
                    <p className="mt-1 text-slate-700" id={blockedId} data-testid="csv-mode-effect">
                      {blocked
                        ? `All or nothing: nothing will be imported while ${plural(invalid, "row")} ${invalid === 1 ? "has" : "have"} errors. Fix the file (the error file lists them all), or choose “Import valid rows”.`
                        : `${plural(invalid, "row")} with errors will be skipped; the ${formatCount(valid.length)} valid rows are imported together, in one transaction.`}
                    </p>
                    <CsvErrors errors={validation.errors} fileName={parsed?.name ?? "contacts.csv"} />
                  </>
                ) : null}
              </section>
            ) : null}
          </div>
        ) : phase.kind === "importing" ? (
          <div className="space-y-2">
            <ProgressBar label="Uploading rows" done={phase.done} total={phase.total} />
            <p className="text-sm text-slate-600" role="status">
              {phase.committing
                ? "Importing every row in one transaction…"
                : "Nothing is imported until the whole file has arrived."}
            </p>
          </div>
        ) : (
          <div role="status" className="space-y-2 text-sm" data-testid="csv-result">
            {phase.outcome?.status === "committed" ? (
              <p className="font-medium text-slate-900">
                Imported {plural(phase.outcome.created + phase.outcome.updated, "contact")}:{" "}
                {formatCount(phase.outcome.created)} new, {formatCount(phase.outcome.updated)} updated
                {phase.outcome.skipped > 0 ? `; ${plural(phase.outcome.skipped, "invalid row")} skipped` : ""}.
              </p>
            ) : phase.outcome?.status === "refused" ? (
              <p className="font-medium text-red-800">
                Nothing was imported: {plural(phase.outcome.invalidRows + phase.outcome.duplicateRows, "row")} had
                errors and this import was all or nothing.
              </p>
            ) : (
              <p className="font-medium text-slate-900">Imported 0 contacts.</p>
            )}
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
