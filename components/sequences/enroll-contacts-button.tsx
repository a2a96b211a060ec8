"use client";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";

// The audience dialog and the chunked EnrollDialog load on the first press, not with the editor.
const EnrollContactsDialog = dynamic(() => import("./enroll-contacts-dialog").then((m) => m.EnrollContactsDialog), {
  ssr: false,
});

/** "Enroll contacts…" on a sequence page; the dialogs are in ./enroll-contacts-dialog. */
export function EnrollContactsButton({ sequenceId, versionNumber }: { sequenceId: string; versionNumber: number }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Enroll contacts…
      </Button>
      {open ? (
        <EnrollContactsDialog sequenceId={sequenceId} versionNumber={versionNumber} onClose={() => setOpen(false)} />
      ) : null}
    </>
  );
}
