"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { archiveSequenceAction } from "@/lib/actions/sequences";

export function ArchiveSequenceButton({ sequenceId, name }: { sequenceId: string; name: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const archive = useMutation({
    mutationFn: async () => {
      const result = await archiveSequenceAction({ sequenceId });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  return (
    <>
      <Button variant="ghost" size="sm" onClick={() => setOpen(true)} aria-label={`Archive ${name}`}>
        Archive
      </Button>
      <ConfirmDialog
        open={open}
        title={`Archive “${name}”?`}
        confirmLabel="Archive sequence"
        tone="danger"
        pending={archive.isPending}
        error={archive.isError ? archive.error.message : null}
        onConfirm={() => archive.mutate()}
        onClose={() => {
          archive.reset();
          setOpen(false);
        }}
      >
        No one new can be enrolled and the draft becomes read-only. Contacts already in flight continue on the version
        they are pinned to.
      </ConfirmDialog>
    </>
  );
}
