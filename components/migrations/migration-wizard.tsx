"use client";
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState, type ReactNode } from "react";
import type { MigrationSelection } from "@/lib/domain/migration-plan";
import { defaultStepMap, validateStepMap, type StepMap } from "@/lib/domain/migration-step-map";
import { planMigrationAction } from "@/lib/actions/migrations";
import { Button } from "@/components/ui/button";
import { Select, TextInput } from "@/components/ui/field";
import { formatCount } from "@/components/ui/format";
import { ApplyPanel } from "./apply-panel";
import { DryRunTable } from "./dry-run-table";
import { EnrollmentPreview } from "./enrollment-preview";
import { StepLabel, type VersionOption } from "./step-label";
import { StepMapEditor } from "./step-map-editor";
import { unwrap, type PlanData } from "./types";

type SelectionKind = MigrationSelection["kind"];

function newSeed(): string {
  return Math.random().toString(36).slice(2, 12) || "seed";
}

function Section({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`step-${n}`} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
      <h2 id={`step-${n}`} className="mb-3 flex items-center gap-2 text-base font-semibold text-slate-900">
        <span className="inline-flex h-6 w-6 items-center justify-center rounded-full bg-indigo-50 text-xs font-semibold text-indigo-700">
          {n}
        </span>
        {title}
      </h2>
      {children}
    </section>
  );
}

export function MigrationWizard({
  sequenceId,
  versions,
  initialFromId,
  initialToId,
}: {
  sequenceId: string;
  versions: VersionOption[];
  initialFromId: string;
  initialToId: string;
}) {
  const [fromId, setFromId] = useState(initialFromId);
  const [toId, setToId] = useState(initialToId);
  const from = versions.find((v) => v.id === fromId) ?? versions[0]!;
  const to = versions.find((v) => v.id === toId) ?? versions[0]!;
  const [stepMap, setStepMap] = useState<StepMap>(() => defaultStepMap(from.steps, to.steps));
  const [kind, setKind] = useState<SelectionKind>("all");
  const [stepKeys, setStepKeys] = useState<string[]>([]);
  const [percent, setPercent] = useState(10);
  const [seed] = useState(newSeed);
  const [plan, setPlan] = useState<{ key: string; data: PlanData } | null>(null);
  const [previewIndex, setPreviewIndex] = useState<number | null>(null);
  const [locked, setLocked] = useState(false);

  const selection: MigrationSelection =
    kind === "all" ? { kind } : kind === "steps" ? { kind, stepKeys } : { kind, percent, seed };
  const inputsKey = JSON.stringify([fromId, toId, stepMap, selection]);
  const mapErrors = useMemo(() => validateStepMap(from.steps, to.steps, stepMap), [from, to, stepMap]);
  const currentPlan = plan?.key === inputsKey ? plan.data : null;

  const dryRun = useMutation({
    mutationFn: () =>
      unwrap(planMigrationAction({ sequenceId, fromVersionId: fromId, toVersionId: toId, stepMap, selection })),
    onSuccess: (data) => {
      setPlan({ key: inputsKey, data });
      setPreviewIndex(null);
    },
  });

  function chooseVersions(nextFrom: string, nextTo: string) {
    const a = versions.find((v) => v.id === nextFrom);
    const b = versions.find((v) => v.id === nextTo);
    setFromId(nextFrom);
    setToId(nextTo);
    setStepKeys([]);
    if (a && b) setStepMap(defaultStepMap(a.steps, b.steps));
  }

  const selectionValid = kind !== "steps" || stepKeys.length > 0;
  return (
    <div className="space-y-6">
      <Section n={1} title="Versions">
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="block space-y-1 text-sm">
            <span className="font-medium text-slate-700">Move enrollments from</span>
            <Select value={fromId} disabled={locked} onChange={(e) => chooseVersions(e.target.value, toId)}>
              {versions.map((v) => (
                <option key={v.id} value={v.id} disabled={v.id === toId}>
                  v{v.number} — {formatCount(v.inFlight)} in flight
                </option>
              ))}
            </Select>
          </label>
          <label className="block space-y-1 text-sm">
            <span className="font-medium text-slate-700">To</span>
            <Select value={toId} disabled={locked} onChange={(e) => chooseVersions(fromId, e.target.value)}>
              {versions.map((v) => (
                <option key={v.id} value={v.id} disabled={v.id === fromId}>
                  v{v.number}
                  {v.note ? ` — ${v.note.slice(0, 60)}` : ""}
                </option>
              ))}
            </Select>
          </label>
        </div>
      </Section>

      <Section n={2} title="Step map">
        <p className="mb-3 text-sm text-slate-600">
          Steps match by key. Steps of v{to.number} before a contact&apos;s landing step are not run for it.
        </p>
        <StepMapEditor from={from.steps} to={to.steps} map={stepMap} onChange={setStepMap} disabled={locked} />
        {mapErrors.length > 0 ? (
          <ul role="alert" className="mt-2 list-disc pl-5 text-sm text-red-700">
            {mapErrors.map((e) => (
              <li key={e.key}>{e.message}</li>
            ))}
          </ul>
        ) : null}
      </Section>

      <Section n={3} title="Which enrollments">
        <fieldset className="space-y-3 text-sm" disabled={locked}>
          <legend className="sr-only">Selection</legend>
          <label className="flex items-center gap-2">
            <input type="radio" name="selection" checked={kind === "all"} onChange={() => setKind("all")} />
            All active and paused enrollments on v{from.number} ({formatCount(from.inFlight)})
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="selection" checked={kind === "steps"} onChange={() => setKind("steps")} />
            Only those currently at chosen steps
          </label>
          {kind === "steps" ? (
            <div className="ml-6 grid gap-1 sm:grid-cols-2">
              {from.steps.map((step, i) => (
                <label key={step.key} className="flex min-w-0 items-center gap-2">
                  <input
                    type="checkbox"
                    checked={stepKeys.includes(step.key)}
                    onChange={(e) =>
                      setStepKeys(e.target.checked ? [...stepKeys, step.key] : stepKeys.filter((k) => k !== step.key))
                    }
                  />
                  <StepLabel step={step} index={i} />
                </label>
              ))}
            </div>
          ) : null}
          <label className="flex items-center gap-2">
            <input type="radio" name="selection" checked={kind === "canary"} onChange={() => setKind("canary")} />A
            random sample (canary) of
            <span className="inline-block w-20">
              <TextInput
                type="number"
                min={1}
                max={100}
                aria-label="Canary percent"
                value={percent}
                onChange={(e) => {
                  setKind("canary");
                  setPercent(Math.min(100, Math.max(1, Number(e.target.value) || 1)));
                }}
              />
            </span>
            %
          </label>
        </fieldset>
      </Section>

      <Section n={4} title="Dry run">
        <div className="mb-3 flex items-center gap-3">
          <Button
            variant="secondary"
            onClick={() => dryRun.mutate()}
            disabled={dryRun.isPending || locked || mapErrors.length > 0 || !selectionValid}
          >
            {dryRun.isPending ? "Counting…" : currentPlan ? "Run the dry run again" : "Run the dry run"}
          </Button>
          {plan && !currentPlan ? (
            <span className="text-sm text-amber-800">Your choices changed: run the dry run again.</span>
          ) : null}
          {dryRun.isError ? (
            <span role="alert" className="text-sm text-red-700">
              {dryRun.error.message}
            </span>
          ) : null}
        </div>
        {currentPlan ? (
          <DryRunTable plan={currentPlan} fromSteps={from.steps} toSteps={to.steps} onPreview={setPreviewIndex} />
        ) : (
          <p className="text-sm text-slate-600">Nothing moves until you confirm below.</p>
        )}
        {currentPlan && previewIndex !== null ? (
          <div className="mt-5">
            <EnrollmentPreview
              sequenceId={sequenceId}
              fromVersionId={fromId}
              toVersionId={toId}
              fromNumber={from.number}
              toNumber={to.number}
              stepMap={stepMap}
              stepIndex={previewIndex}
            />
          </div>
        ) : null}
      </Section>

      {(currentPlan && currentPlan.total > 0) || locked ? (
        <Section n={5} title={`Move ${formatCount(currentPlan?.total ?? 0)} enrollments to v${to.number}`}>
          <ApplyPanel
            sequenceId={sequenceId}
            fromVersionId={fromId}
            toVersionId={toId}
            toNumber={to.number}
            stepMap={stepMap}
            selection={selection}
            total={currentPlan?.total ?? 0}
            onStarted={() => setLocked(true)}
          />
        </Section>
      ) : null}
    </div>
  );
}
