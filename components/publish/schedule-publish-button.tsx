"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";

// The dialog (time zone conversion, limits, the action) loads on the first press, not with the editor.
const SchedulePublishDialog = dynamic(() => import("./schedule-publish-dialog").then((m) => m.SchedulePublishDialog), {
  ssr: false,
});

/**
 * "Schedule…" next to Publish: publish the draft as it is now at a date and time chosen in the
 * user's display zone (stored in UTC). The draft is saved when the dialog opens; the schedule is
 * bound to that revision and its content hash, so a later change cancels it.
 */
export function SchedulePublishButton({
  sequenceId,
  revision,
  settle,
  disabled,
  onScheduled,
}: {
  sequenceId: string;
  revision: number;
  /** Saves pending edits; true when the server has the draft shown. */
  settle: () => Promise<boolean>;
  disabled?: boolean;
  onScheduled: (message: string) => void;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)} disabled={disabled}>
        Schedule…
      </Button>
      {open ? (
        <SchedulePublishDialog
          sequenceId={sequenceId}
          revision={revision}
          settle={settle}
          onClose={() => setOpen(false)}
          onScheduled={onScheduled}
        />
      ) : null}
    </>
  );
}
