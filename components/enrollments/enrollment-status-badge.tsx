import { Badge, type Tone } from "@/components/ui/badge";
import type { EnrollmentStatus } from "@/lib/domain/enrollment-status";

// A Record over the status type: adding a status without a badge is a type error.
const STATUS: Record<EnrollmentStatus, { tone: Tone; label: string }> = {
  active: { tone: "green", label: "Active" },
  paused: { tone: "amber", label: "Paused" },
  completed: { tone: "sky", label: "Completed" },
  exited: { tone: "slate", label: "Exited" },
  failed: { tone: "red", label: "Failed" },
};

export function EnrollmentStatusBadge({ status }: { status: string }) {
  const meta = (STATUS as Record<string, { tone: Tone; label: string } | undefined>)[status] ?? {
    tone: "slate" as const,
    label: status,
  };
  return <Badge tone={meta.tone}>{meta.label}</Badge>;
}
