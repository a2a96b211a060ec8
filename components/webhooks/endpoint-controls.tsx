"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import {
  deleteWebhookEndpointAction,
  rotateWebhookSecretAction,
  setWebhookEndpointEnabledAction,
} from "@/lib/actions/webhooks";
import { EndpointForm } from "./endpoint-form";
import { SecretReveal } from "./secret-reveal";

/** Edit, rotate, disable (confirmed)/enable and delete one endpoint. */
export function EndpointControls({
  endpointId,
  url,
  enabled,
  description,
  eventTypes,
}: {
  endpointId: string;
  url: string;
  enabled: boolean;
  description: string;
  eventTypes: string[];
}) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [confirm, setConfirm] = useState<"delete" | "rotate" | "disable" | null>(null);
  const [editing, setEditing] = useState(false);

  async function run<T>(
    work: () => Promise<{ ok: true; data: T } | { ok: false; error: string }>,
    then?: (data: T) => void,
  ) {
    setPending(true);
    setError(null);
    const result = await work();
    setPending(false);
    if (!result.ok) return setError(result.error);
    setConfirm(null);
    then?.(result.data);
    router.refresh();
  }

  if (editing)
    return (
      <section aria-label="Edit endpoint" className="border-t border-slate-200 pt-4">
        <EndpointForm endpoint={{ id: endpointId, url, description, eventTypes }} onDone={() => setEditing(false)} />
      </section>
    );

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => setEditing(true)} disabled={pending}>
          Edit
        </Button>
        <Button variant="secondary" onClick={() => setConfirm("rotate")} disabled={pending}>
          Rotate secret
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            enabled
              ? setConfirm("disable")
              : void run(() => setWebhookEndpointEnabledAction({ endpointId, enabled: true }))
          }
        >
          {enabled ? "Disable" : "Enable"}
        </Button>
        <Button variant="danger" onClick={() => setConfirm("delete")} disabled={pending}>
          Delete
        </Button>
      </div>
      {error && !confirm ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {secret ? <SecretReveal secret={secret} onDone={() => setSecret(null)} /> : null}
      <ConfirmDialog
        open={confirm === "rotate"}
        title="Rotate the signing secret?"
        confirmLabel="Rotate"
        pending={pending}
        error={error}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          void run(
            () => rotateWebhookSecretAction({ endpointId }),
            (data) => setSecret(data.secret),
          )
        }
      >
        A new secret signs from now on. The current one keeps signing as well for 24 hours, so the receiver can switch
        over without rejecting a request.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "disable"}
        title="Disable this endpoint?"
        confirmLabel="Disable endpoint"
        tone="danger"
        pending={pending}
        error={error}
        onClose={() => setConfirm(null)}
        onConfirm={() => void run(() => setWebhookEndpointEnabledAction({ endpointId, enabled: false }))}
      >
        Nothing is sent to {url} while it is disabled. Events keep queueing and are delivered, in order, when you enable
        it again.
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "delete"}
        title="Delete this endpoint?"
        confirmLabel="Delete endpoint"
        tone="danger"
        pending={pending}
        error={error}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          void run(
            () => deleteWebhookEndpointAction({ endpointId }),
            () => router.push("/settings/webhooks"),
          )
        }
      >
        {url} will be sent nothing more, and its delivery log is deleted with it.
      </ConfirmDialog>
    </div>
  );
}
