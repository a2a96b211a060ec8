"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { restoreVersionAction } from "@/lib/actions/sequences";

/** Rollback is "restore into the draft, then publish": the version itself never changes. */
export function RestoreVersionButton({
  sequenceId,
  versionId,
  number,
}: {
  sequenceId: string;
  versionId: string;
  number: number;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const restore = useMutation({
    mutationFn: async () => {
      const result = await restoreVersionAction({ sequenceId, versionId });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    onSuccess: () => router.push(`/sequences/${sequenceId}`),
  });
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        onClick={() => setOpen(true)}
        aria-label={`Restore v${number} into the draft`}
      >
        Restore
      </Button>
      <ConfirmDialog
        open={open}
        title={`Restore v${number} into the draft?`}
        confirmLabel={`Restore v${number}`}
        pending={restore.isPending || restore.isSuccess}
        error={restore.isError ? restore.error.message : null}
        onConfirm={() => restore.mutate()}
        onClose={() => {
          restore.reset();
          setOpen(false);
        }}
      >
        The current draft is replaced by the steps of v{number}. Nothing changes for contacts until you publish; the
        published versions stay as they are.
      </ConfirmDialog>
    </>
  );
}
