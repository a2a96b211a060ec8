"use client";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { LimitedTextArea } from "@/components/ui/limited-text";
import { completeTaskAction } from "@/lib/actions/enrollments";
import { TASK_LIMITS } from "@/lib/domain/tasks";

const NOTE_LIMIT = TASK_LIMITS.completionNote.toLocaleString("en-US");

/**
 * Completing a task the enrollment waits on lets it continue with its next step. A note is
 * optional; it is kept on the task and shown on the enrollment's timeline. The outcome is reported
 * through `onDone` because this row disappears from the list once the task is done.
 */
export function CompleteTaskButton({
  taskId,
  title,
  email,
  onDone,
}: {
  taskId: string;
  title: string;
  email: string;
  onDone: (message: string) => void;
}) {
  const router = useRouter();
  const noteId = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function close() {
    setOpen(false);
    setError(null);
  }

  function submit() {
    setError(null);
    startTransition(async () => {
      const result = await completeTaskAction({ taskId, note: note.trim() || undefined });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setOpen(false);
      setNote("");
      onDone(result.data.unblocked ? `Completed. ${email} continues with the next step.` : "Completed.");
      router.refresh();
    });
  }

  return (
    <>
      <Button
        size="sm"
        variant="secondary"
        onClick={() => setOpen(true)}
        aria-label={`Complete “${title}” for ${email}`}
      >
        Complete
      </Button>
      <Dialog
        open={open}
        onClose={close}
        title={`Complete “${title}”?`}
        description={`For ${email}. If the enrollment is waiting on this task, it resumes with its next step.`}
        footer={
          <>
            {error ? (
              <p role="alert" className="mr-auto text-sm text-red-700">
                {error}
              </p>
            ) : null}
            <Button variant="secondary" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" form={`${noteId}-form`} disabled={pending}>
              {pending ? "Working…" : "Complete task"}
            </Button>
          </>
        }
      >
        <form
          id={`${noteId}-form`}
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
          className="space-y-1"
        >
          <label htmlFor={noteId} className="block text-sm font-medium text-slate-700">
            Note <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <LimitedTextArea
            id={noteId}
            name="note"
            rows={4}
            max={TASK_LIMITS.completionNote}
            label="The note"
            value={note}
            onValueChange={setNote}
            placeholder="What happened? It shows on the enrollment's timeline."
          />
          <p className="text-xs text-slate-500">Up to {NOTE_LIMIT} characters.</p>
        </form>
      </Dialog>
    </>
  );
}
