"use client";
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Toast } from "@/components/ui/toast";
import { isInFlight, type EnrollmentStatus } from "@/lib/domain/enrollment-status";
import {
  completeTaskAction,
  pauseEnrollmentAction,
  recordReplyAction,
  resumeEnrollmentAction,
  unenrollAction,
} from "@/lib/actions/enrollments";

type Kind = "pause" | "resume" | "reply" | "task" | "unenroll";

type Props = {
  enrollmentId: string;
  contactId: string;
  contactEmail: string;
  status: EnrollmentStatus;
  exitOnReply: boolean;
  openTask: { id: string; title: string } | null;
};

/** Operator actions on one enrollment, each confirmed first; the server re-checks role and state. */
export function EnrollmentActions({ enrollmentId, contactId, contactEmail, status, exitOnReply, openTask }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const dismiss = useCallback(() => setDone(null), []);
  const live = isInFlight(status);

  const dialogs: Record<
    Kind,
    {
      title: string;
      body: string;
      confirm: string;
      tone: "primary" | "danger";
      run: () => Promise<{ ok: boolean; error?: string }>;
      success: string;
    }
  > = {
    pause: {
      title: "Pause this enrollment?",
      body: "No further steps run until someone resumes it. Messages already queued are still delivered.",
      confirm: "Pause",
      tone: "primary",
      run: () => pauseEnrollmentAction({ enrollmentId }),
      success: "Enrollment paused.",
    },
    resume: {
      title: "Resume this enrollment?",
      body: "It continues on its pinned version from where it stopped; a step that became due while paused runs right away.",
      confirm: "Resume",
      tone: "primary",
      run: () => resumeEnrollmentAction({ enrollmentId }),
      success: "Enrollment resumed.",
    },
    reply: {
      title: `Record a reply from ${contactEmail}?`,
      body: exitOnReply
        ? "The contact leaves every sequence whose version exits on reply, including this one."
        : "This version keeps contacts enrolled after a reply; the reply is recorded on the timeline.",
      confirm: "Record reply",
      tone: "primary",
      run: () => recordReplyAction({ contactId }),
      success: "Reply recorded.",
    },
    task: {
      title: `Complete “${openTask?.title ?? "task"}”?`,
      body: "If the enrollment is waiting on this task, it continues with its next step.",
      confirm: "Complete task",
      tone: "primary",
      run: () =>
        openTask ? completeTaskAction({ taskId: openTask.id }) : Promise.resolve({ ok: false, error: "No open task." }),
      success: "Task completed.",
    },
    unenroll: {
      title: "Unenroll this contact?",
      body: "The enrollment ends now and no further steps run. This cannot be undone; the contact can be enrolled again later.",
      confirm: "Unenroll",
      tone: "danger",
      run: () => unenrollAction({ enrollmentId }),
      success: "Contact unenrolled.",
    },
  };

  function confirm(kind: Kind) {
    setError(null);
    startTransition(async () => {
      const result = await dialogs[kind].run();
      if (!result.ok) {
        setError(result.error ?? "That did not work.");
        return;
      }
      setOpen(null);
      setDone(dialogs[kind].success);
      router.refresh();
    });
  }

  const current = open ? dialogs[open] : null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === "active" ? (
        <Button variant="secondary" onClick={() => setOpen("pause")}>
          Pause
        </Button>
      ) : null}
      {status === "paused" ? (
        <Button variant="secondary" onClick={() => setOpen("resume")}>
          Resume
        </Button>
      ) : null}
      {openTask ? (
        <Button variant="secondary" onClick={() => setOpen("task")}>
          Complete task
        </Button>
      ) : null}
      {live ? (
        <Button variant="secondary" onClick={() => setOpen("reply")}>
          Record reply
        </Button>
      ) : null}
      {live ? (
        <Button variant="danger" onClick={() => setOpen("unenroll")}>
          Unenroll
        </Button>
      ) : null}
      <ConfirmDialog
        open={current !== null}
        title={current?.title ?? ""}
        confirmLabel={current?.confirm ?? ""}
        tone={current?.tone}
        pending={pending}
        error={error}
        onConfirm={() => open && confirm(open)}
        onClose={() => {
          setOpen(null);
          setError(null);
        }}
      >
        {current?.body}
      </ConfirmDialog>
      {done ? <Toast message={done} onDismiss={dismiss} /> : null}
    </div>
  );
}
