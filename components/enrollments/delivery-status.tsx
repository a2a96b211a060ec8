import { MessageStatusBadge } from "@/components/messages/message-status-badge";
import { formatAge, plural } from "@/components/ui/format";
import { formatDateTime } from "@/lib/domain/format-date";
import type { EnrollmentStatus } from "@/lib/domain/enrollment-status";
import type { MessageDelivery } from "@/lib/views/enrollments";

/** "Completed, 1 message still being delivered": a finished enrollment is not done while its mail waits. */
export function pendingDeliveryText(status: EnrollmentStatus, pending: number): string | null {
  if (pending === 0) return null;
  const what = `${plural(pending, "message")} still being delivered`;
  return status === "completed" ? `Completed, ${what}` : what[0]!.toUpperCase() + what.slice(1);
}

/** One step's message in delivery: queued for how long, sent when, or failed and why, with its attempts. */
export function DeliveryStatus({ delivery, zone }: { delivery: MessageDelivery; zone: string }) {
  const attempts = delivery.attempts > 0 ? ` · ${plural(delivery.attempts, "attempt")}` : "";
  const text =
    delivery.status === "sent"
      ? `${formatDateTime(delivery.sentAt, zone)}${attempts}`
      : delivery.status === "queued"
        ? `queued ${formatAge(delivery.queuedSeconds ?? 0)}${attempts}`
        : `${delivery.lastError ?? "no reason recorded"}${attempts}`;
  return (
    <span className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600" data-testid="step-delivery">
      <span className="sr-only">Message:</span>
      <MessageStatusBadge status={delivery.status} />
      <span className={delivery.status === "failed" ? "text-red-700" : undefined}>{text}</span>
    </span>
  );
}
