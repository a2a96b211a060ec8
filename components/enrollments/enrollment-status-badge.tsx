import { Badge, type Tone } from "@/components/ui/badge";

const STATUS: Record<string, { tone: Tone; label: string }> = {
  active: { tone: "green", label: "Active" },
  paused: { tone: "amber", label: "Paused" },
  completed: { tone: "sky", label: "Completed" },
  exited: { tone: "slate", label: "Exited" },
  failed: { tone: "red", label: "Failed" },
};

export function EnrollmentStatusBadge({ status }: { status: string }) {
  const meta = STATUS[status] ?? { tone: "slate" as const, label: status };
  return <Badge tone={meta.tone}>{meta.label}</Badge>;
}
