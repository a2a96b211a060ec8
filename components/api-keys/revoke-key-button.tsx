"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { revokeApiKeyAction } from "@/lib/actions/api-keys";

export function RevokeKeyButton({ keyId, name, prefix }: { keyId: string; name: string; prefix: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revoke() {
    setPending(true);
    const result = await revokeApiKeyAction({ keyId });
    setPending(false);
    if (result.ok) {
      setOpen(false);
      router.refresh();
    } else setError(result.error);
  }

  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
      <ConfirmDialog
        open={open}
        title={`Revoke “${name}”?`}
        confirmLabel="Revoke key"
        tone="danger"
        pending={pending}
        error={error}
        onConfirm={revoke}
        onClose={() => setOpen(false)}
      >
        Every request with <span className="font-mono">{prefix}…</span> is refused from now on. This cannot be undone;
        create a new key if you need one.
      </ConfirmDialog>
    </>
  );
}
