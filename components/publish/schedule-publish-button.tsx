"use client";
import { useId, useState } from "react";
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
 * "Schedule…" next to Publish: publish the draft as it is now at a date and time chosen in the
 * user's display zone (stored in UTC). The draft is saved first; the schedule is bound to that
 * revision and its content hash, so a later change cancels it.
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
  const zone = useTimeZone();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [when, setWhen] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const local = when ? localTimeToUtc(when, zone) : null;
  const refusal = local?.ok ? scheduleTimeRefusal(local.at, new Date()) : local ? local.error : null;

  async function openDialog() {
    setWhen(defaultTime(zone));
    setNote("");
    setError(null);
    setOpen(true);
    if (!(await settle())) setError("The draft could not be saved; scheduling would publish an older draft.");
  }

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
    setOpen(false);
    onScheduled(`Publish scheduled for ${formatDateTime(result.data.publishAt, zone, "iana")}.`);
  }

  return (
    <>
      <Button variant="secondary" onClick={() => void openDialog()} disabled={disabled}>
        Schedule…
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
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
            <Button variant="secondary" onClick={() => setOpen(false)}>
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
    </>
  );
}
