"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { cancelScheduledPublishAction } from "@/lib/actions/scheduled-publish";
import { scheduleStatusLabel } from "@/lib/domain/scheduled-publish";
import type { ScheduledPublishView } from "@/lib/views/scheduled-publish";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { DateTime } from "@/components/ui/date-time";

const TONES: Record<ScheduledPublishView["status"], Tone> = {
  scheduled: "indigo",
  published: "green",
  cancelled: "slate",
  failed: "red",
};

/**
 * The sequence's scheduled publishes: the open one with Cancel (after a confirmation), and the
 * latest ended ones with what happened. When the draft moves past the revision an open schedule is
 * bound to, the server has cancelled or re-bound it: the page is refreshed to show which.
 */
export function SchedulePublishList({
  sequenceId,
  schedules,
  revision,
}: {
  sequenceId: string;
  schedules: ScheduledPublishView[];
  revision: number;
}) {
  const router = useRouter();
  const [confirm, setConfirm] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = schedules.find((s) => s.status === "scheduled");
  const stale = open !== undefined && revision > open.draftRevision;
  useEffect(() => {
    if (stale) router.refresh();
  }, [stale, revision, router]);

  if (schedules.length === 0) return null;
  const recent = schedules.filter((s) => s.status !== "scheduled").slice(0, open ? 2 : 3);

  async function cancel(scheduleId: string) {
    setPending(true);
    setError(null);
    const result = await cancelScheduledPublishAction({ scheduleId, sequenceId });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setConfirm(null);
    router.refresh();
  }

  return (
    <section
      aria-label="Scheduled publishes"
      data-testid="scheduled-publishes"
      className="mb-4 rounded-lg bg-white px-4 py-3 text-sm shadow-sm ring-1 ring-slate-200"
    >
      {open ? (
        <div className="flex flex-wrap items-center gap-3" data-testid="scheduled-open">
          <Badge tone="indigo">Scheduled</Badge>
          <span className="text-slate-800">
            Publishes at <DateTime value={open.publishAt} label="iana" /> (chosen in {open.timeZone}) · scheduled by{" "}
            {open.createdBy}
            {open.note ? <> · “{open.note}”</> : null}
          </span>
          <Button variant="secondary" size="sm" className="ml-auto" onClick={() => setConfirm(open.id)}>
            Cancel schedule…
          </Button>
        </div>
      ) : null}
      {recent.length > 0 ? (
        <ul className={`space-y-1 ${open ? "mt-2 border-t border-slate-100 pt-2" : ""}`}>
          {recent.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-2 text-slate-700" data-testid="scheduled-ended">
              <Badge tone={TONES[s.status]}>{scheduleStatusLabel(s.status)}</Badge>
              <span>
                for <DateTime value={s.publishAt} />
                {s.publishedVersion !== null ? <> · v{s.publishedVersion}</> : null}
                {s.reason ? <> · {s.reason}</> : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={confirm !== null}
        title="Cancel the scheduled publish?"
        confirmLabel="Cancel schedule"
        tone="danger"
        pending={pending}
        error={error}
        onConfirm={() => confirm && void cancel(confirm)}
        onClose={() => setConfirm(null)}
      >
        Nothing is published at that time. The draft stays as it is; you can schedule again or publish now.
      </ConfirmDialog>
    </section>
  );
}
