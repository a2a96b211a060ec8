"use client";
// The "Schedule publish" dialog, loaded when the editor's "Schedule…" button is first pressed
// (components/publish/schedule-publish-button.tsx), not with the editor.
import { useEffect, useId, useState } from "react";
import { schedulePublishAction } from "@/lib/actions/scheduled-publish";
import { localTimeToUtc, utcToLocalInput } from "@/lib/domain/local-time";
import { formatDateTime } from "@/lib/domain/format-date";
import { SCHEDULE_NOTE_MAX, scheduleTimeRefusal } from "@/lib/domain/scheduled-publish";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import { LimitedTextInput } from "@/components/ui/limited-text";
import { useTimeZone } from "@/components/ui/time-zone-provider";

/** The next whole hour at least 30 minutes away, as the default choice. */
function defaultTime(zone: string): string {
  const at = new Date(Date.now() + 90 * 60_000);
  at.setUTCMinutes(0, 0, 0);
  return utcToLocalInput(at, zone);
}

/**
 * The dialog behind "Schedule…" next to Publish: publish the draft as it is now at a date and time chosen in the
 * user's display zone (stored in UTC). The draft is saved first; the schedule is bound to that
 * revision and its content hash, so a later change cancels it.
 */
export function SchedulePublishDialog({
  sequenceId,
  revision,
  settle,
  onClose,
  onScheduled,
}: {
  sequenceId: string;
  revision: number;
  /** Saves pending edits; true when the server has the draft shown. */
  settle: () => Promise<boolean>;
  onClose: () => void;
  onScheduled: (message: string) => void;
}) {
  const zone = useTimeZone();
  const id = useId();
  // Mounted on each opening: the state starts fresh, the default time is computed then.
  const [when, setWhen] = useState(() => defaultTime(zone));
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const local = when ? localTimeToUtc(when, zone) : null;
  const refusal = local?.ok ? scheduleTimeRefusal(local.at, new Date()) : local ? local.error : null;

  useEffect(() => {
    let live = true;
    void settle().then((saved) => {
      if (live && !saved) setError("The draft could not be saved; scheduling would publish an older draft.");
    });
    return () => {
      live = false;
    };
    // Once per opening, as the button did before the dialog was split out.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function submit() {
    setPending(true);
    setError(null);
    const saved = await settle();
    if (!saved) {
      setPending(false);
      setError("The draft could not be saved; scheduling would publish an older draft.");
      return;
    }
    const result = await schedulePublishAction({ sequenceId, revision, localTime: when, note });
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onClose();
    onScheduled(`Publish scheduled for ${formatDateTime(result.data.publishAt, zone, "iana")}.`);
  }

  return (
    <Dialog
      open
      onClose={onClose}
      title="Schedule publish"
      description={
        <>
          The draft as it is now (revision {revision}) is published at the time you choose. Any change to the draft
          before then cancels the schedule.
        </>
      }
      footer={
        <>
          {error ? (
            <p role="alert" className="mr-auto text-sm text-red-700" data-testid="schedule-error">
              {error}
            </p>
          ) : null}
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
          <Button onClick={() => void submit()} disabled={pending || !when || refusal !== null}>
            {pending ? "Scheduling…" : "Schedule publish"}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <Field
          label={`Publish at (${zone})`}
          htmlFor={`${id}-when`}
          error={when ? refusal : null}
          hint={`Your display zone is ${zone}; it is stored in UTC.`}
        >
          <input
            id={`${id}-when`}
            type="datetime-local"
            className={inputClass}
            value={when}
            min={utcToLocalInput(new Date(), zone)}
            onChange={(e) => setWhen(e.target.value)}
            aria-invalid={when !== "" && refusal !== null}
            aria-describedby={when && refusal ? `${id}-when-error` : undefined}
          />
        </Field>
        <Field label="Note (optional)" htmlFor={`${id}-note`}>
          <LimitedTextInput
            id={`${id}-note`}
            max={SCHEDULE_NOTE_MAX}
            label="Note"
            value={note}
            onValueChange={setNote}
            placeholder="What changes, for the version history"
          />
        </Field>
        <p className="text-xs text-slate-600">
          Contacts already in flight stay on their versions. Guardrail errors at that time stop the publish (the
          schedule then shows why); warnings are recorded as acknowledged by you.
        </p>
      </div>
    </Dialog>
  );
}
