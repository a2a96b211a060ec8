"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextInput } from "@/components/ui/field";
import { useTimeZone } from "@/components/ui/time-zone-provider";
import { setTaskDueAction } from "@/lib/actions/tasks";
import { instantToWallTime, wallTimeToInstant } from "@/lib/domain/tasks";

/** Changes an open task's due date: a date and time in the user's display zone (never the browser's). */
export function DueDateButton({
  taskId,
  title,
  email,
  dueAt,
  onReport,
}: {
  taskId: string;
  title: string;
  email: string;
  dueAt: Date;
  onReport: (message: string) => void;
}) {
  const router = useRouter();
  const zone = useTimeZone();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [local, setLocal] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function show() {
    setLocal(instantToWallTime(dueAt, zone));
    setError(null);
    setOpen(true);
  }

  function submit() {
    const instant = wallTimeToInstant(local, zone);
    if (!instant) {
      setError("Choose a date and a time.");
      return;
    }
    setError(null);
    startTransition(async () => {
      const result = await setTaskDueAction({ taskId, dueAt: instant.toISOString() });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setOpen(false);
      onReport("Due date changed.");
      router.refresh();
    });
  }

  return (
    <>
      <Button size="sm" variant="ghost" onClick={show} aria-label={`Change the due date of “${title}” for ${email}`}>
        Change
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Change the due date"
        description={`“${title}” for ${email}. Times are in ${zone}.`}
        footer={
          <>
            {error ? (
              <p role="alert" className="mr-auto text-sm text-red-700">
                {error}
              </p>
            ) : null}
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" form={`${inputId}-form`} disabled={pending}>
              {pending ? "Working…" : "Save due date"}
            </Button>
          </>
        }
      >
        <form
          id={`${inputId}-form`}
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
          className="space-y-1"
        >
          <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
            Due ({zone})
          </label>
          <TextInput
            id={inputId}
            type="datetime-local"
            required
            value={local}
            onChange={(e) => setLocal(e.target.value)}
          />
        </form>
      </Dialog>
    </>
  );
}
