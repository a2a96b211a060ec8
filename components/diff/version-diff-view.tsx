"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { plural } from "@/components/ui/format";
import type { DiffRow, FieldChange, VersionDiff } from "@/lib/domain/version-diff";
import { DiffRowView } from "./diff-row";

type Block = { kind: "row"; row: DiffRow } | { kind: "hidden"; count: number; key: string };

// Runs of unchanged rows collapse into one quiet placeholder so the changes stand out.
function blocks(rows: DiffRow[], showUnchanged: boolean): Block[] {
  const out: Block[] = [];
  for (const row of rows) {
    if (row.status !== "unchanged" || showUnchanged) {
      out.push({ kind: "row", row });
      continue;
    }
    const last = out[out.length - 1];
    if (last?.kind === "hidden") last.count += 1;
    else out.push({ kind: "hidden", count: 1, key: `hidden-${row.key}` });
  }
  return out;
}

/** The semantic diff of two versions (or a version and the draft), shared by the diff page and the publish dialog. */
export function VersionDiffView({
  diff,
  fromLabel,
  toLabel,
  settingsChanges = [],
}: {
  diff: VersionDiff;
  fromLabel: string;
  toLabel: string;
  /** Send window, holidays, daily limits and exit rules that changed (diffSettings). */
  settingsChanges?: readonly FieldChange[];
}) {
  const [showUnchanged, setShowUnchanged] = useState(false);
  const { summary } = diff;
  const changes = summary.added + summary.removed + summary.moved + summary.modified;

  return (
    <section aria-label={`Changes from ${fromLabel} to ${toLabel}`} data-testid="version-diff">
      <div className="mb-4 flex flex-wrap items-center gap-2" data-testid="diff-summary">
        <span className="mr-1 text-sm font-semibold text-slate-900">
          {changes === 0 ? "No changes" : plural(changes, "change")}
        </span>
        <Badge tone="green">
          <span data-testid="summary-added">{summary.added}</span>&nbsp;added
        </Badge>
        <Badge tone="red">
          <span data-testid="summary-removed">{summary.removed}</span>&nbsp;removed
        </Badge>
        <Badge tone="violet">
          <span data-testid="summary-moved">{summary.moved}</span>&nbsp;moved
        </Badge>
        <Badge tone="amber">
          <span data-testid="summary-modified">{summary.modified}</span>&nbsp;modified
        </Badge>
        <Badge tone="slate">
          <span data-testid="summary-unchanged">{summary.unchanged}</span>&nbsp;unchanged
        </Badge>
        {summary.unchanged > 0 ? (
          <button
            type="button"
            aria-expanded={showUnchanged}
            onClick={() => setShowUnchanged((v) => !v)}
            className="ml-auto rounded-md px-2 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50"
          >
            {showUnchanged ? "Hide unchanged steps" : `Show ${plural(summary.unchanged, "unchanged step")}`}
          </button>
        ) : null}
      </div>
      {settingsChanges.length > 0 ? (
        <dl
          data-testid="settings-changes"
          className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200"
        >
          {settingsChanges.map((change) => (
            <div key={change.field} className="contents">
              <dt className="font-medium text-slate-700">{change.field}</dt>
              <dd className="text-slate-900">
                <del className="text-red-700">{change.before}</del> →{" "}
                <ins className="text-green-800 no-underline">{change.after}</ins>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
      {diff.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          Both sides are empty.
        </p>
      ) : (
        <>
          <div
            className="mb-2 grid grid-cols-2 gap-0 px-1 text-xs font-semibold tracking-wide text-slate-600 uppercase"
            aria-hidden="true"
          >
            <span className="pl-4">{fromLabel}</span>
            <span className="pl-4">{toLabel}</span>
          </div>
          <ol className="space-y-3">
            {blocks(diff.rows, showUnchanged).map((block) =>
              block.kind === "row" ? (
                <DiffRowView key={block.row.key} row={block.row} fromLabel={fromLabel} toLabel={toLabel} />
              ) : (
                <li
                  key={block.key}
                  data-testid="unchanged-placeholder"
                  className="flex items-center gap-3 px-4 text-xs text-slate-500"
                >
                  <span className="h-px flex-1 bg-slate-200" />
                  {plural(block.count, "unchanged step")} hidden
                  <span className="h-px flex-1 bg-slate-200" />
                </li>
              ),
            )}
          </ol>
        </>
      )}
    </section>
  );
}
