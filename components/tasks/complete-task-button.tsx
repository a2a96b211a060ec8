"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { completeTaskAction } from "@/lib/actions/enrollments";

/**
 * Completing a task the enrollment waits on lets it continue with its next step. The outcome is
 * reported through `onDone` because this row disappears from the list once the task is done.
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
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    setError(null);
    startTransition(async () => {
      const result = await completeTaskAction({ taskId });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setOpen(false);
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
      <ConfirmDialog
        open={open}
        title={`Complete “${title}”?`}
        confirmLabel="Complete task"
        pending={pending}
        error={error}
        onConfirm={confirm}
        onClose={() => setOpen(false)}
      >
        {`For ${email}. If the enrollment is waiting on this task, it resumes with its next step.`}
      </ConfirmDialog>
    </>
  );
}
