"use client";
import { useState } from "react";
import { runIntegrityCheckAction } from "@/lib/actions/audit";
import type { IntegrityReport } from "@/lib/views/audit";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";

/** "Run integrity check": the auditor's questions answered from the data itself, each passed or failed. */
export function IntegrityPanel() {
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<IntegrityReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setRunning(true);
    setError(null);
    const result = await runIntegrityCheckAction({ run: true });
    setRunning(false);
    if (result.ok) setReport(result.data);
    else setError(result.error);
  }

  return (
    <section
      aria-labelledby="integrity-title"
      className="mb-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200"
      data-testid="integrity-panel"
    >
      <div className="flex flex-wrap items-center gap-3">
        <div className="mr-auto">
          <h2 id="integrity-title" className="text-base font-semibold text-slate-900">
            Integrity check
          </h2>
          <p className="text-sm text-slate-600">
            Recomputes every version&apos;s content hash and follows every enrollment&apos;s timeline through its
            migrations. Read-only; takes longer with more data.
          </p>
        </div>
        <Button onClick={() => void run()} disabled={running}>
          {running ? "Checking…" : "Run integrity check"}
        </Button>
      </div>
      <div aria-live="polite" className="mt-3 text-sm">
        {running ? <p className="text-slate-700">Checking versions, enrollments and timelines…</p> : null}
        {error ? (
          <p role="alert" className="text-red-700">
            {error}
          </p>
        ) : null}
        {report && !running ? (
          <div data-testid="integrity-result" data-passed={report.passed}>
            <p className={`font-medium ${report.passed ? "text-green-800" : "text-red-800"}`}>
              {report.passed ? "Every check passed." : "Some checks failed."}{" "}
              <span className="font-normal text-slate-600">
                Finished <DateTime value={report.finishedAt} />
              </span>
            </p>
            <ul className="mt-2 space-y-2">
              {report.checks.map((c) => (
                <li key={c.id} data-testid="integrity-check" data-check={c.id} data-status={c.status}>
                  <div className="flex items-start gap-2">
                    <Badge tone={c.status === "passed" ? "green" : "red"}>
                      {c.status === "passed" ? "Passed" : "Failed"}
                    </Badge>
                    <div>
                      <p className="font-medium text-slate-900">{c.title}</p>
                      <p className="text-slate-700">{c.summary}</p>
                      {c.examples.length > 0 ? (
                        <ul className="mt-1 list-disc pl-5 font-mono text-xs text-slate-700">
                          {c.examples.map((x) => (
                            <li key={`${x.id}-${x.problem}`}>
                              {x.id}: {x.problem}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </div>
                  </div>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    </section>
  );
}
