"use client";
import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ProgressBar } from "@/components/contacts/progress-bar";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import { formatCount, plural } from "@/components/ui/format";
import { interruptionText, useChunkedRun } from "@/components/ui/use-chunked-run";
import { matchingContactIdsAction } from "@/lib/actions/contacts";
import { enrollableSequencesAction, missingChannelsAction } from "@/lib/actions/enrollment-views";
import { enrollContactsAction } from "@/lib/actions/sequences";

/** Who to enroll: explicit ids, or everyone matching a contact search (walked page by page). */
export type EnrollSource =
  { kind: "ids"; contactIds: string[] } | { kind: "search"; query: string; field: "name" | "email"; count: number };

type Totals = {
  requested: number;
  enrolled: number;
  notFound: number;
  unsubscribed: number;
  alreadyEnrolled: number;
  duplicate: number;
  versions: number[];
};
type Phase =
  | { kind: "choose" }
  | { kind: "running"; done: number; total: number }
  | { kind: "done"; totals: Totals; error: string | null };

/** The missing-channel warning sends at most this many ids (the action's limit). */
const WARNING_IDS_MAX = 5_000;

/** Each server call enrolls at most this many ids, so large enrollments show progress and stay within request limits. */
const CHUNK = 5_000;

const empty = (): Totals => ({
  requested: 0,
  enrolled: 0,
  notFound: 0,
  unsubscribed: 0,
  alreadyEnrolled: 0,
  duplicate: 0,
  versions: [],
});

/**
 * Enrolls contacts in a published sequence, pinned to its active version. Reusable: the contacts
 * page passes a selection or a search; a sequence page can pass `sequenceId` to skip the picker.
 */
export function EnrollDialog({
  open,
  onClose,
  source,
  sequenceId: fixedSequence,
}: {
  open: boolean;
  onClose: () => void;
  source: EnrollSource;
  sequenceId?: string;
}) {
  const router = useRouter();
  const selectId = useId();
  const [chosen, setChosen] = useState("");
  const [phase, setPhase] = useState<Phase>({ kind: "choose" });
  const chunked = useChunkedRun();
  const sequences = useQuery({
    queryKey: ["enrollable-sequences"],
    enabled: open && !fixedSequence,
    queryFn: async () => {
      const result = await enrollableSequencesAction({});
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
  });
  const sequenceId = fixedSequence ?? chosen;
  const total = source.kind === "ids" ? source.contactIds.length : source.count;
  // Before enrolling: how many of these contacts lack a channel the sequence uses (never blocks).
  const warningSource =
    source.kind === "ids"
      ? source.contactIds.length <= WARNING_IDS_MAX
        ? { kind: "ids" as const, contactIds: source.contactIds }
        : null
      : { kind: "search" as const, query: source.query, field: source.field };
  const missing = useQuery({
    queryKey: ["missing-channels", sequenceId, warningSource],
    enabled: open && phase.kind === "choose" && Boolean(sequenceId) && warningSource !== null,
    queryFn: async () => {
      const result = await missingChannelsAction({ sequenceId, source: warningSource! });
      if (!result.ok) throw new Error(result.error);
      return result.data.warnings;
    },
  });

  async function run() {
    const totals = empty();
    setPhase({ kind: "running", done: 0, total });
    const outcome = await chunked.run(async (runner) => {
      const enrollChunk = async (ids: string[]) => {
        const r = await runner.call(() => enrollContactsAction({ sequenceId, contactIds: ids }));
        // Counted only once the server acknowledged the chunk: these are committed enrollments.
        totals.requested += r.requested;
        totals.enrolled += r.enrolled;
        totals.notFound += r.skipped.notFound;
        totals.unsubscribed += r.skipped.unsubscribed;
        totals.alreadyEnrolled += r.skipped.alreadyEnrolled;
        totals.duplicate += r.skipped.duplicate;
        // A publish between two chunks pins later chunks to the newer version: say so.
        if (!totals.versions.includes(r.versionNumber)) totals.versions.push(r.versionNumber);
        setPhase({ kind: "running", done: totals.requested, total: Math.max(total, totals.requested) });
      };
      if (source.kind === "ids") {
        for (let i = 0; i < source.contactIds.length && !runner.stopRequested(); i += CHUNK)
          await enrollChunk(source.contactIds.slice(i, i + CHUNK));
      } else {
        let after: string | null = null;
        do {
          const from: string | null = after;
          const page: { ids: string[]; next: string | null } = await runner.call(() =>
            matchingContactIdsAction({ query: source.query, field: source.field, after: from, limit: CHUNK }),
          );
          if (page.ids.length > 0) await enrollChunk(page.ids);
          after = page.next;
        } while (after && !runner.stopRequested());
      }
    });
    const error = interruptionText(outcome, {
      done: totals.requested,
      total: Math.max(total, totals.requested),
      rerun: "Run it again: contacts already done are skipped.",
    });
    setPhase({ kind: "done", totals, error });
    router.refresh();
  }

  function close() {
    // Escape while running stops the run (like Stop); the summary then says what was committed.
    if (phase.kind === "running") {
      chunked.stop();
      return;
    }
    setPhase({ kind: "choose" });
    onClose();
  }

  const who =
    source.kind === "ids"
      ? plural(source.contactIds.length, "selected contact")
      : `all ${plural(source.count, "contact")} matching “${source.query || "everyone"}”`;
  const footer =
    phase.kind === "choose" ? (
      <>
        <Button variant="secondary" onClick={close}>
          Cancel
        </Button>
        <Button onClick={() => void run()} disabled={!sequenceId || total === 0}>
          Enroll
        </Button>
      </>
    ) : phase.kind === "running" ? (
      <Button variant="secondary" onClick={chunked.stop}>
        Stop
      </Button>
    ) : (
      <Button onClick={close}>Done</Button>
    );

  return (
    <Dialog
      open={open}
      onClose={close}
      title="Enroll in a sequence"
      description={`Enroll ${who}. Each enrollment is pinned to the sequence's active version.`}
      footer={footer}
    >
      {phase.kind === "choose" ? (
        <>
          {fixedSequence ? null : (
            <div className="space-y-1">
              <label htmlFor={selectId} className="block text-sm font-medium text-slate-700">
                Sequence
              </label>
              <Select
                id={selectId}
                value={chosen}
                onChange={(e) => setChosen(e.target.value)}
                disabled={sequences.isPending}
              >
                <option value="">{sequences.isPending ? "Loading sequences…" : "Choose a published sequence"}</option>
                {(sequences.data ?? []).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name} (v{s.activeVersionNumber})
                  </option>
                ))}
              </Select>
              {sequences.isError ? (
                <p role="alert" className="text-sm text-red-700">
                  {sequences.error.message}
                </p>
              ) : null}
              {sequences.data && sequences.data.length === 0 ? (
                <p className="text-sm text-slate-600">No published sequences yet: publish a version first.</p>
              ) : null}
            </div>
          )}
          {missing.data && missing.data.length > 0 ? (
            <div
              role="status"
              data-testid="missing-channel-warning"
              className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200"
            >
              {missing.data.map((warning) => (
                <p key={warning}>{warning}.</p>
              ))}
            </div>
          ) : null}
        </>
      ) : phase.kind === "running" ? (
        <ProgressBar label="Enrolling" done={phase.done} total={phase.total} />
      ) : (
        <EnrollSummary totals={phase.totals} error={phase.error} />
      )}
    </Dialog>
  );
}

function EnrollSummary({ totals, error }: { totals: Totals; error: string | null }) {
  const reasons = [
    [totals.alreadyEnrolled, "already in this sequence"],
    [totals.unsubscribed, "unsubscribed"],
    [totals.notFound, "no longer exist"],
    [totals.duplicate, "listed twice"],
  ] as const;
  const skipped = reasons.reduce((n, [count]) => n + count, 0);
  return (
    <div role="status" className="space-y-2 text-sm" data-testid="enroll-result">
      <p className="font-medium text-slate-900">
        Enrolled {plural(totals.enrolled, "contact")}
        {totals.versions.length > 0 ? ` on ${totals.versions.map((v) => `v${v}`).join(" and ")}` : ""}.
      </p>
      {skipped > 0 ? (
        <>
          <p className="text-slate-700">Skipped {formatCount(skipped)}:</p>
          <ul className="list-disc pl-5 text-slate-700">
            {reasons
              .filter(([count]) => count > 0)
              .map(([count, reason]) => (
                <li key={reason}>
                  {formatCount(count)} {reason}
                </li>
              ))}
          </ul>
        </>
      ) : null}
      {error ? (
        <p role="alert" className="text-red-700" data-testid="enroll-interrupted">
          {error}
        </p>
      ) : null}
    </div>
  );
}
