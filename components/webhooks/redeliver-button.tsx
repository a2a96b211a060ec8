"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { redeliverWebhookAction } from "@/lib/actions/webhooks";

export function RedeliverButton({ deliveryId, label }: { deliveryId: string; label: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        aria-label={`Redeliver ${label}`}
        onClick={async () => {
          setPending(true);
          const result = await redeliverWebhookAction({ deliveryId });
          setPending(false);
          if (result.ok) {
            setError(null);
            router.refresh();
          } else setError(result.error);
        }}
      >
        {pending ? "Queuing…" : "Redeliver"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
