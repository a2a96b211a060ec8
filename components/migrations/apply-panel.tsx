"use client";
import Link from "next/link";
import { useState } from "react";
import type { MigrationSelection } from "@/lib/domain/migration-plan";
import type { StepMap } from "@/lib/domain/migration-step-map";
import { applyMigrationAction, startMigrationAction } from "@/lib/actions/migrations";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { formatCount, plural } from "@/components/ui/format";
import { interruptionText, useChunkedRun } from "@/components/ui/use-chunked-run";

type Counts = { total: number; moved: number; exited: number; completed: number };
type Phase =
  | { kind: "idle" }
  | { kind: "applying"; migrationId: string | null; counts: Counts }
  | { kind: "failed"; migrationId: string | null; counts: Counts; error: string }
  | { kind: "done"; migrationId: string; counts: Counts };

type Props = {
  sequenceId: string;
  fromVersionId: string;
  toVersionId: string;
  toNumber: number;
  stepMap: StepMap;
  selection: MigrationSelection;
  total: number;
  onStarted: () => void;
};

/**
 * Typed confirmation, then apply: one call creates the migration, then each call moves up to two
 * batches and reports counts, so progress is real and a failure can be resumed from where it stopped.
 */
export function ApplyPanel(props: Props) {
  const phrase = `move ${props.total} enrollments`;
  const [typed, setTyped] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const busy = phase.kind === "applying";
  const chunked = useChunkedRun();

  async function run(existing: string | null, start: Counts) {
    let migrationId = existing;
    let counts = start;
    setPhase({ kind: "applying", migrationId, counts });
    let finished = false;
    const outcome = await chunked.run(async (runner) => {
      if (!migrationId) {
        const started = await runner.call(() =>
          startMigrationAction({
            sequenceId: props.sequenceId,
            fromVersionId: props.fromVersionId,
            toVersionId: props.toVersionId,
            stepMap: props.stepMap,
            selection: props.selection,
          }),
        );
        migrationId = started.migrationId;
        counts = { ...counts, total: started.total };
        props.onStarted();
        setPhase({ kind: "applying", migrationId, counts });
      }
      const id = migrationId;
      while (!runner.stopRequested()) {
        // The server's own counts after each acknowledged call: what is committed, never a guess.
        const progress = await runner.call(() => applyMigrationAction({ migrationId: id }));
        counts = progress.counts;
        if (progress.done) {
          finished = true;
          return;
        }
        setPhase({ kind: "applying", migrationId, counts });
      }
    });
    if (finished && migrationId) {
      setPhase({ kind: "done", migrationId, counts });
      return;
    }
    const error =
      interruptionText(outcome, {
        done: counts.moved + counts.exited + counts.completed,
        total: Math.max(counts.total, 1),
        rerun: migrationId
          ? "Resume it: enrollments already moved are skipped."
          : "Nothing was moved yet; you can start it again.",
      }) ?? "The migration did not finish.";
    setPhase({ kind: "failed", migrationId, counts, error });
  }

  if (phase.kind === "done") {
    return (
      <div
        role="status"
        className="space-y-2 rounded-lg bg-green-50 p-4 text-sm text-green-900 ring-1 ring-green-600/30"
        data-testid="migration-result"
      >
        <p className="font-semibold">
          Moved {plural(phase.counts.moved, "enrollment")} to v{props.toNumber}
          {phase.counts.exited ? `, ${formatCount(phase.counts.exited)} exited` : ""}
          {phase.counts.completed ? `, ${formatCount(phase.counts.completed)} completed` : ""}.
        </p>
        <p>
          Each continues on v{props.toNumber} from its mapped step on its existing schedule. You can undo this from the
          migration history until they run a step.
        </p>
        <Link
          className="font-medium text-indigo-700 hover:underline"
          href={`/sequences/${props.sequenceId}/migrations`}
        >
          Open the migration history
        </Link>
      </div>
    );
  }

  const processed = phase.kind === "idle" ? 0 : phase.counts.moved + phase.counts.exited + phase.counts.completed;
  const total = phase.kind === "idle" ? props.total : Math.max(phase.counts.total, processed, 1);
  return (
    <div className="space-y-3">
      <Field
        label={`Type “${phrase}” to confirm`}
        htmlFor="confirm-move"
        hint="Publishing never moves anyone; this does, for the enrollments above."
      >
        <TextInput
          id="confirm-move"
          value={typed}
          autoComplete="off"
          spellCheck={false}
          disabled={busy}
          onChange={(e) => setTyped(e.target.value)}
          placeholder={phrase}
        />
      </Field>
      <Button
        variant="danger"
        disabled={busy || typed.trim().toLowerCase() !== phrase || phase.kind === "failed"}
        onClick={() => void run(null, { total: props.total, moved: 0, exited: 0, completed: 0 })}
      >
        {busy ? "Moving…" : `Move ${plural(props.total, "enrollment")} to v${props.toNumber}`}
      </Button>
      {busy ? (
        <Button variant="secondary" className="ml-2" onClick={chunked.stop}>
          Stop
        </Button>
      ) : null}
      {phase.kind !== "idle" ? (
        <div className="space-y-1" data-testid="migration-progress">
          <div
            className="h-2 overflow-hidden rounded bg-slate-200"
            role="progressbar"
            aria-label="Moving enrollments"
            aria-valuemin={0}
            aria-valuemax={total}
            aria-valuenow={processed}
          >
            <div
              className="h-full bg-indigo-600 transition-all"
              style={{ width: `${Math.min(100, (processed / total) * 100)}%` }}
            />
          </div>
          <p className="text-xs text-slate-600">
            {formatCount(processed)} of {formatCount(total)} processed
          </p>
        </div>
      ) : null}
      {phase.kind === "failed" ? (
        <div
          role="alert"
          className="space-y-2 rounded-md bg-red-50 p-3 text-sm text-red-800"
          data-testid="migration-interrupted"
        >
          <p>{phase.error}</p>
          {phase.migrationId ? (
            <Button variant="secondary" size="sm" onClick={() => void run(phase.migrationId, phase.counts)}>
              Resume
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
