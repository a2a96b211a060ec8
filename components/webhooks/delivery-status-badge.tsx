import { Badge } from "@/components/ui/badge";
import type { WebhookDeliveryView } from "@/lib/views/webhooks";

const TONES = { pending: "amber", succeeded: "green", failed: "red" } as const;

export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryView["status"] }) {
  return <Badge tone={TONES[status]}>{status}</Badge>;
}
